"""``render`` and ``render_with_report``: a request to the bytes of a file in one call."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from budapest_coop.errors import BudapestCoopError, RenderError
from budapest_coop.render._registry import get_renderer
from budapest_coop.render.builder import build
from budapest_coop.render.document import Document
from budapest_coop.render.localization import localize
from budapest_coop.typing import Renderer
from budapest_coop.wire import WireObject

__all__ = ["RenderResult", "is_textual", "prepare", "render", "render_with_report"]


def is_textual(media_type: str) -> bool:
    """True for a media type whose content is text (``text/*``, JSON, XML): safe to print on a terminal.

    >>> is_textual("text/html; charset=utf-8"), is_textual("application/json"), is_textual("application/pdf")
    (True, True, False)
    """
    kind = media_type.split(";", 1)[0].strip().lower()
    return kind.startswith("text/") or kind.endswith(("/json", "+json", "/xml", "+xml"))


@attrs.frozen(kw_only=True)
class RenderResult:
    """A rendered file and what the caller should know about it.

    ``warnings`` lists, in English and without any of the request's text, what a reader
    of the file might miss: free text without a version in an output language (shown
    marked, in the original language), labels from a draft translation, a language
    without a catalog.
    """

    content: bytes
    format: str
    media_type: str
    extension: str
    languages: tuple[str, ...]
    digest: str
    warnings: tuple[str, ...] = ()


def _renderer(format: str | Renderer) -> Renderer:
    return get_renderer(format) if isinstance(format, str) else format


def prepare(obj: WireObject, renderer: Renderer) -> Document:
    """The document *renderer* lays out for *obj*: the builder's, passed through its ``prepare`` hook."""
    document = build(obj)
    hook = getattr(renderer, "prepare", None)  # the DocumentPreparer hook (cheaper than an isinstance check)
    if hook is not None:
        document = hook(document, obj)
        if not isinstance(document, Document):
            raise RenderError(f"{type(renderer).__name__}.prepare() returned {type(document).__name__}, not a Document")
    return document


def render_with_report(
    obj: WireObject,
    format: str | Renderer = "pdf",
    *,
    languages: Sequence[str] | str = ("en",),
    **options: Any,
) -> RenderResult:
    """Render *obj* like :func:`render` and return the bytes with the warnings.

    >>> from budapest_coop import examples
    >>> result = render_with_report(examples.load("preservation-request"), "text", languages=("en", "ar"))
    >>> result.media_type, result.languages
    ('text/plain; charset=utf-8', ('en', 'ar'))
    >>> print(result.warnings[0].split(" / ")[0])
    section 8 (Offence(s) under investigation and summary of the facts)
    >>> print(result.warnings[0].split(": ", 1)[1])
    no text in 'ar'; the original ('en') is shown, marked
    """
    renderer = _renderer(format)
    document = prepare(obj, renderer)
    extra = getattr(renderer, "messages", None)  # the MessageSource hook
    if extra is not None and not callable(extra):
        raise RenderError(f"{type(renderer).__name__}.messages must be a method messages(language) -> mapping")
    localized = localize(document, languages, messages=extra)
    try:
        content = renderer.render(localized, **options)
    except (BudapestCoopError, TypeError, ValueError):
        raise
    except Exception as exc:
        raise RenderError(f"the {renderer.name!r} renderer failed: {type(exc).__name__}: {exc}") from exc
    if not isinstance(content, bytes):
        raise RenderError(f"the {renderer.name!r} renderer returned {type(content).__name__}, not bytes")
    return RenderResult(
        content=content,
        format=renderer.name,
        media_type=renderer.media_type,
        extension=renderer.extension,
        languages=localized.languages,
        digest=localized.digest,
        warnings=localized.warnings,
    )


def render(
    obj: WireObject,
    format: str | Renderer = "pdf",
    *,
    languages: Sequence[str] | str = ("en",),
    **options: Any,
) -> bytes:
    """Render a request (or a preservation order) as a file in *format*, in one or two languages.

    *format* is a format name (``"pdf"``, ``"docx"``, ``"html"``, ``"markdown"``, ``"text"``,
    ``"json"`` or a plugin's) or a renderer object. With two *languages* every label appears
    in both and free text in each language's version. *options* go to the renderer (for
    example ``letterhead=`` for the textual layouts, ``template=`` for HTML).

    Raises :class:`~budapest_coop.errors.RenderError` for an unknown format or a renderer
    failure, :class:`TypeError` for an option the renderer does not take. Use
    :func:`render_with_report` to also get the warnings (missing translations, drafts).

    >>> from budapest_coop import examples
    >>> html = render(examples.load("preservation-request"), "html", languages=("en", "fr"))
    >>> b'<td lang="fr" dir="ltr"' in html
    True
    """
    return render_with_report(obj, format, languages=languages, **options).content
