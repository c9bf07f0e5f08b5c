"""The ``docx`` renderer: a LocalizedDocument as a Word document, for final editing in a word processor.

python-docx (the ``[docx]`` extra: ``pip install "budapest-coop[docx]"``) is imported when a
document is rendered, never when this module is imported.

The content is that of the PDF: numbered sections as headings with their citation, a label
and value table (two languages side by side as parallel text), the reference and the full
SHA-256 of the request in every page's footer with "page x of y" fields, a draft-translation
notice in the header, missing translations shaded. Right-to-left columns are marked as
right-to-left paragraphs so the word processor shapes and orders them itself. Core properties
carry the title, subject (kind), keywords (reference), language and author.

User text only ever becomes text nodes (python-docx escapes it); characters XML cannot hold
and invisible controls are shown as ``[U+XXXX]``, as in the PDF.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from typing import Any

from budapest_coop.errors import RenderError
from budapest_coop.render import _shared
from budapest_coop.render._text import has_rtl, printable
from budapest_coop.render.document import LocalizedDocument, LocalizedField, LocalizedSection

__all__ = ["DOCXRenderer"]

_OPTIONS = ("author", "draft_languages", "invariant", "page_size")
_PAGE_SIZES = {"A4": (210.0, 297.0), "letter": (215.9, 279.4)}
_GREY = "555555"
_MISSING_TEXT = "6B4E00"
_MISSING_FILL = "FFF4D6"
_HEADING_FILL = "E6E9EF"
_DRAFT = "9B1C1C"
# The elements that follow w:bidi in a paragraph's properties (ECMA-376 CT_PPrBase order).
_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _import_docx() -> Any:
    try:
        import docx
    except ImportError as error:
        raise RenderError(
            'the docx renderer needs python-docx: install it with pip install "budapest-coop[docx]"'
        ) from error
    return docx


def _epoch() -> dt.datetime | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), tz=dt.UTC)
    except (ValueError, OverflowError, OSError) as error:
        raise ValueError(f"SOURCE_DATE_EPOCH must be a number of seconds; got {value!r}") from error


_PROPERTY_LIMIT = 255


def _fit(text: str) -> str:
    """*text* cut to the 255 characters a DOCX core property holds (the document body keeps it all)."""
    return text if len(text) <= _PROPERTY_LIMIT else text[: _PROPERTY_LIMIT - 1] + "…"


class _Writer:
    """Writes one document with python-docx."""

    def __init__(self, document: LocalizedDocument, *, draft_languages: tuple[str, ...], page_size: str) -> None:
        self.docx = _import_docx()
        from docx.enum.table import WD_TABLE_ALIGNMENT, WD_TABLE_DIRECTION
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt, RGBColor

        self.Mm, self.Pt, self.RGBColor = Mm, Pt, RGBColor
        self.OxmlElement, self.qn = OxmlElement, qn
        self.table_alignment, self.table_direction = WD_TABLE_ALIGNMENT, WD_TABLE_DIRECTION
        self.document = document
        self.rtl = document.rtl or tuple(False for _ in document.languages)
        self.notices = _shared.draft_notices(document, draft_languages)
        self.out = self.docx.Document()
        section = self.out.sections[0]
        width, height = _PAGE_SIZES[page_size]
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.left_margin = section.right_margin = Mm(18)
        section.top_margin = section.bottom_margin = Mm(20)
        self.text_width = Mm(width - 36)
        normal = self.out.styles["Normal"]
        normal.font.size = Pt(10)

    # --- paragraphs and runs -------------------------------------------------------------

    def _direction(self, paragraph: Any, text: str, rtl: bool) -> None:
        """Mark *paragraph* right to left when its column is and its text holds right-to-left characters."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        if rtl and has_rtl(text):
            properties = paragraph._p.get_or_add_pPr()
            if properties.find(self.qn("w:bidi")) is None:
                properties.insert_element_before(self.OxmlElement("w:bidi"), *_AFTER_BIDI)
        elif rtl:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def _run(self, paragraph: Any, text: str, *, bold: bool = False, size: float | None = None, color: str = "") -> Any:
        if not text:
            return None
        run = paragraph.add_run(printable(text))
        run.bold = bold or None
        if size:
            run.font.size = self.Pt(size)
        if color:
            run.font.color.rgb = self.RGBColor.from_string(color)
        if has_rtl(text):
            run.font.rtl = True
        return run

    def _paragraph(self, container: Any, text: str, *, rtl: bool, style: str | None = None, **run: Any) -> Any:
        paragraph = container.add_paragraph(style=style)
        paragraph.paragraph_format.space_after = self.Pt(2)
        self._direction(paragraph, text, rtl)
        self._run(paragraph, text, **run)
        return paragraph

    def _first_paragraph(self, cell: Any, text: str, *, rtl: bool, style: str | None = None, **run: Any) -> Any:
        """Write into the empty paragraph a new table cell starts with."""
        paragraph = cell.paragraphs[0]
        if style:
            paragraph.style = self.out.styles[style]
        paragraph.paragraph_format.space_after = self.Pt(2)
        self._direction(paragraph, text, rtl)
        self._run(paragraph, text, **run)
        return paragraph

    def _shade(self, cell: Any, fill: str) -> None:
        shading = self.OxmlElement("w:shd")
        shading.set(self.qn("w:val"), "clear")
        shading.set(self.qn("w:color"), "auto")
        shading.set(self.qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shading)

    def _repeat_as_header(self, row: Any) -> None:
        row._tr.get_or_add_trPr().append(self.OxmlElement("w:tblHeader"))

    # --- the document --------------------------------------------------------------------

    def title_block(self) -> None:
        document = self.document
        columns = len(self.rtl)
        table = self.out.add_table(rows=1, cols=columns)
        self._widths(table, [1 / columns] * columns)
        for index, cell in enumerate(table.rows[0].cells):
            rtl = self.rtl[index]
            title = document.titles[index] if index < len(document.titles) else ""
            self._first_paragraph(cell, title, rtl=rtl, style="Title", size=16 if columns > 1 else 20)
            subtitle = _shared.message(document, index, "subtitle")
            if subtitle:
                self._paragraph(cell, subtitle, rtl=rtl, size=11)
            self._paragraph(cell, _shared.template_line(document, index), rtl=rtl, size=8, color=_GREY)
            self._paragraph(cell, _shared.reference_line(document, index), rtl=rtl, size=8, color=_GREY)
        for index, text in self.notices:
            self._paragraph(self.out, text, rtl=self.rtl[index], bold=True, color=_DRAFT)

    def section(self, section: LocalizedSection) -> None:
        columns = len(self.rtl)
        single = columns == 1
        table = self.out.add_table(rows=1, cols=2 if single else columns)
        table.style = self.out.styles["Table Grid"]
        table.alignment = self.table_alignment.CENTER
        if single and self.rtl[0]:
            table.table_direction = self.table_direction.RTL
        heading_cells = [table.rows[0].cells[0].merge(table.rows[0].cells[1])] if single else table.rows[0].cells
        for index, cell in enumerate(heading_cells):
            rtl = self.rtl[index]
            title = section.titles[index] if index < len(section.titles) else ""
            heading = f"{section.number}. {title}" if section.number else title
            self._first_paragraph(cell, heading, rtl=rtl, style="Heading 2")
            if section.citation:
                self._paragraph(cell, section.citation, rtl=rtl, size=7, color=_GREY)
            self._shade(cell, _HEADING_FILL)
        self._repeat_as_header(table.rows[0])
        for field in section.fields:
            cells = table.add_row().cells
            if single:
                self._label(cells[0], field, 0)
                self._value(cells[1], field, 0, first=True)
            else:
                for index, cell in enumerate(cells):
                    self._label(cell, field, index)
                    self._value(cell, field, index, first=False)
        self._widths(table, [0.34, 0.66] if single else [1 / columns] * columns)
        self.out.add_paragraph()

    def _widths(self, table: Any, shares: list[float]) -> None:
        table.autofit = False
        for column, share in zip(table.columns, shares, strict=True):
            column.width = int(self.text_width * share)
        for row in table.rows:
            if len(set(row.cells)) == len(shares):  # a merged heading row keeps the full width
                for cell, share in zip(row.cells, shares, strict=True):
                    cell.width = int(self.text_width * share)

    def _label(self, cell: Any, field: LocalizedField, index: int) -> None:
        label = field.labels[index] if index < len(field.labels) else ""
        rtl = self.rtl[index]
        self._first_paragraph(cell, label, rtl=rtl, bold=True, size=9)
        if field.citation:
            self._paragraph(cell, field.citation, rtl=rtl, size=7, color=_GREY)

    def _value(self, cell: Any, field: LocalizedField, index: int, *, first: bool) -> None:
        value = field.values[index] if index < len(field.values) else ""
        missing = self.document.languages[index] in field.missing
        write = self._first_paragraph if first else self._paragraph
        write(cell, value, rtl=self.rtl[index], color=_MISSING_TEXT if missing else "")
        if missing:
            self._shade(cell, _MISSING_FILL)

    def _field(self, paragraph: Any, instruction: str, shown: str) -> None:
        field = self.OxmlElement("w:fldSimple")
        field.set(self.qn("w:instr"), instruction)
        run = self.OxmlElement("w:r")
        text = self.OxmlElement("w:t")
        text.text = shown
        run.append(text)
        field.append(run)
        paragraph._p.append(field)

    def page_furniture(self) -> None:
        document = self.document
        section = self.out.sections[0]
        rtl = bool(self.rtl and self.rtl[0])
        header = section.header.paragraphs[0]
        title = document.titles[0] if document.titles else document.kind
        text = f"{document.template} · {title} · {_shared.reference_line(document, 0)}"
        self._direction(header, text, rtl)
        self._run(header, text, size=7, color=_GREY)
        for index, notice in self.notices:
            self._paragraph(section.header, notice, rtl=self.rtl[index], size=7, bold=True, color=_DRAFT)
        footer = section.footer.paragraphs[0]
        reference = _shared.reference_line(document, 0)
        self._direction(footer, reference, rtl)
        self._run(footer, reference, size=7, color=_GREY)
        for index in range(len(self.rtl)):
            self._run(footer, " · ", size=7, color=_GREY)
            pattern = _shared.page_label(document, index, 0, 0)
            probe = _shared.page_label(document, index, 7_000_001, 8_000_002)
            before, _, rest = probe.partition("7000001")
            middle, _, after = rest.partition("8000002")
            if pattern and "7000001" in probe and "8000002" in rest:
                self._run(footer, before, size=7, color=_GREY)
                self._field(footer, "PAGE", "1")
                self._run(footer, middle, size=7, color=_GREY)
                self._field(footer, "NUMPAGES", "1")
                self._run(footer, after, size=7, color=_GREY)
        self._paragraph(section.footer, _shared.digest_line(document, 0), rtl=rtl, size=6.5, color=_GREY)

    def properties(self, author: str, when: dt.datetime) -> None:
        properties = self.out.core_properties
        document = self.document
        properties.title = _fit(" / ".join(dict.fromkeys(document.titles)))
        properties.subject = document.kind
        properties.keywords = _fit(document.reference or "")
        properties.language = document.languages[0] if document.languages else ""
        properties.author = _fit(author)
        properties.last_modified_by = _fit(author)
        properties.comments = _fit(_shared.digest_line(document, 0))
        properties.created = properties.modified = when.replace(tzinfo=None)
        properties.last_printed = when.replace(tzinfo=None)
        properties.revision = 1
        properties.category = document.template
        properties.content_status = "draft" if self.notices else ""
        properties.identifier = document.digest
        properties.version = _shared.creator()

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.out.save(buffer)
        return buffer.getvalue()


def _fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """*data* (a zip) rewritten with every entry dated *when*, so equal content gives equal bytes."""
    stamp = max(when, dt.datetime(1980, 1, 1, tzinfo=dt.UTC)).timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return buffer.getvalue()


class DOCXRenderer:
    """Renders a :class:`~budapest_coop.render.LocalizedDocument` as a Word (.docx) document.

    Options of :meth:`render`: ``author`` (default: the requesting authority, else
    ``budapest_coop``), ``draft_languages`` (languages to mark as draft translations besides
    those whose messages carry a ``draft_notice``), ``invariant`` (fixed dates and zip
    timestamps for byte-identical output; default: True when ``SOURCE_DATE_EPOCH`` is set,
    whose time then dates the document) and ``page_size`` (``"A4"`` or ``"letter"``).
    """

    name = "docx"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    extension = ".docx"

    def render(self, document: LocalizedDocument, **options: Any) -> bytes:
        """The document's bytes. Unknown options raise TypeError; bad option values ValueError."""
        common = _shared.common_options("DOCX", options, _OPTIONS)
        epoch = _epoch()
        invariant = epoch is not None if common.invariant is None else common.invariant
        when = epoch or (dt.datetime(2000, 1, 1, tzinfo=dt.UTC) if invariant else dt.datetime.now(dt.UTC))
        writer = _Writer(document, draft_languages=common.draft_languages, page_size=common.page_size)
        writer.title_block()
        for section in document.sections:
            writer.section(section)
        writer.page_furniture()
        writer.properties(_shared.author(document, common.author), when)
        data = writer.save()
        return _fixed_zip(data, when) if invariant else data
