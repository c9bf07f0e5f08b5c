"""The ``pdf`` renderer: a LocalizedDocument laid out as the Council of Europe templates, with reportlab.

reportlab is imported when a PDF is rendered, never when this module is imported.

What the output guarantees (see ``docs/pdf.md``):

- numbered sections in the document's order, labels in bold; one language as a label/value
  form, two languages side by side as parallel text; long values wrap and rows split across
  pages;
- on every page: the reference, "page x of y" and the full SHA-256 of the request's canonical
  JSON, so a reader can tie paper to data; a visible notice on every page when a language's
  labels are a draft translation; a field whose translation is missing is shaded;
- every font embedded (DejaVu Sans bundled; further TrueType fonts from ``font_dirs``, the
  ``BUDAPEST_COOP_FONT_DIRS`` environment variable and the system); a character no font
  covers raises :class:`~budapest_coop.errors.MissingGlyphsError` instead of vanishing;
- Arabic and Hebrew shaped and ordered right to left, line by line;
- user text is never markup;
- byte-identical output when ``SOURCE_DATE_EPOCH`` is set (or ``invariant=True``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from budapest_coop.render import _shared
from budapest_coop.render._fonts import ENV_VAR, FontCandidate, font_candidates
from budapest_coop.render.document import LocalizedDocument

__all__ = ["ENV_VAR", "FontCandidate", "PDFRenderer", "font_candidates"]

_OPTIONS = ("font_dirs", "system_fonts", "draft_languages", "author", "invariant", "page_size")


def _paths(name: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str | os.PathLike):
        value = (value,)
    entries = tuple(value) if isinstance(value, Iterable) else None
    if entries is None or not all(isinstance(entry, str | os.PathLike) for entry in entries):
        raise ValueError(f"{name} must be a path or a sequence of paths; got {value!r}")
    return tuple(os.fspath(entry) for entry in entries)


class PDFRenderer:
    """Renders a :class:`~budapest_coop.render.LocalizedDocument` as PDF.

    Options of :meth:`render`:

    ``font_dirs``
        directories (or font files) searched, before ``BUDAPEST_COOP_FONT_DIRS`` and the
        system's directories, for characters DejaVu Sans lacks (CJK, for instance).
    ``system_fonts``
        search the system's font directories too (default True); False makes the output
        independent of the fonts installed on the machine.
    ``draft_languages``
        languages to mark as draft translations, besides those whose messages carry a
        ``draft_notice``.
    ``author``
        the PDF author; default: the requesting authority named in the document, else
        ``budapest_coop``.
    ``invariant``
        fixed dates and document id for byte-identical output; default: True when the
        ``SOURCE_DATE_EPOCH`` environment variable is set (reproducible builds), which also
        fixes the creation date.
    ``page_size``
        ``"A4"`` (default) or ``"letter"``.
    """

    name = "pdf"
    media_type = "application/pdf"
    extension = ".pdf"

    def render(self, document: LocalizedDocument, **options: Any) -> bytes:
        """The PDF's bytes. Unknown options raise TypeError; bad option values ValueError."""
        common = _shared.common_options("PDF", options, _OPTIONS)
        from budapest_coop.render import _pdf_layout

        invariant = common.invariant
        if invariant is None:
            invariant = _pdf_layout.invariant_from_environment()
        settings = _pdf_layout.Options(
            font_dirs=_paths("font_dirs", options.get("font_dirs", ())),
            system_fonts=bool(options.get("system_fonts", True)),
            draft_languages=common.draft_languages,
            author=common.author,
            invariant=invariant,
            page_size=common.page_size,
        )
        return _pdf_layout.render_pdf(document, settings)
