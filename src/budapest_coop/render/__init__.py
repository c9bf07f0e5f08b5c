"""Rendering: a request becomes a language-neutral Document, then a file in one or two languages.

>>> import budapest_coop as bc
>>> from budapest_coop import examples
>>> text = bc.render(examples.load("preservation-request"), "text", languages=("en", "fr"))
>>> print(text.decode().splitlines()[0])
[en] Data preservation request under Articles 29 and 30 of the Budapest Convention on Cybercrime

Three steps, each usable on its own: :func:`build` makes the :class:`Document` (sections in
the order of the Council of Europe template), :func:`localize` resolves it for the output
languages (:class:`LocalizedDocument`), and a renderer lays it out (``text``, ``markdown``,
``html``, ``json``, ``pdf``, ``docx`` or a plugin's). :func:`render` does all three.

The sub-package is itself callable: ``budapest_coop.render(request, "pdf")`` is
:func:`render`. Nothing heavy is imported here: reportlab, jinja2 and python-docx are
imported by the renderer that needs them, when it renders.
"""

import sys
import types
from collections.abc import Sequence
from typing import Any

from budapest_coop.render._api import RenderResult, prepare, render, render_with_report
from budapest_coop.render._registry import (
    ENTRY_POINT_GROUP,
    PluginError,
    RendererPluginWarning,
    get_renderer,
    plugin_errors,
    rediscover_renderers,
    register_renderer,
    renderers,
    unregister_renderer,
)
from budapest_coop.render.builder import build
from budapest_coop.render.document import (
    Check,
    Country,
    Date,
    DateTime,
    Document,
    Field,
    FreeText,
    Group,
    ItemList,
    Language,
    LocalizedDocument,
    LocalizedField,
    LocalizedSection,
    Message,
    Plain,
    Section,
    Value,
)
from budapest_coop.render.localization import localize

__all__ = [
    "ENTRY_POINT_GROUP",
    "Check",
    "Country",
    "Date",
    "DateTime",
    "Document",
    "Field",
    "FreeText",
    "Group",
    "ItemList",
    "Language",
    "LocalizedDocument",
    "LocalizedField",
    "LocalizedSection",
    "Message",
    "Plain",
    "PluginError",
    "RenderResult",
    "RendererPluginWarning",
    "Section",
    "Value",
    "build",
    "get_renderer",
    "localize",
    "plugin_errors",
    "prepare",
    "rediscover_renderers",
    "register_renderer",
    "render",
    "render_with_report",
    "renderers",
    "unregister_renderer",
]


class _CallableModule(types.ModuleType):
    """This sub-package, callable as :func:`render` (``budapest_coop.render(request, "html")``)."""

    def __call__(
        self,
        obj: Any,
        format: Any = "pdf",
        *,
        languages: Sequence[str] | str = ("en",),
        **options: Any,
    ) -> bytes:
        return render(obj, format, languages=languages, **options)


sys.modules[__name__].__class__ = _CallableModule
