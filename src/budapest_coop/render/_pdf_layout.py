"""The PDF layout with reportlab platypus. Imported only when a PDF is rendered.

Left-to-right text goes through :class:`reportlab.platypus.Paragraph`, and user text reaches
its markup only through :func:`markup`, which escapes every run with :func:`escape`. Text that
needs the bidirectional algorithm (a right-to-left column, or right-to-left characters in any
column) goes through :class:`BidiText`, which wraps in logical order and then shapes and
orders each line (:func:`budapest_coop.render._text.visual_line`); it draws strings directly
and never parses markup.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any
from xml.sax.saxutils import escape as _xml_escape

import attrs
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import SimpleDocTemplate

from budapest_coop.render import _shared
from budapest_coop.render._fonts import Face, FontChain, build_chain, register
from budapest_coop.render._text import base_is_rtl, has_rtl, printable, reshape, strip_invisible, visual_line
from budapest_coop.render.document import LocalizedDocument, LocalizedField, LocalizedSection

__all__ = ["Options", "escape", "markup", "render_pdf"]

PAGE_SIZES = {"A4": A4, "letter": LETTER}

_BODY = 9.0
_LABEL = 8.5
_SMALL = 7.0
_TINY = 6.3
_HEADING = 10.0
_TITLE = 14.0
_GREY = colors.HexColor("#555555")
_MISSING_TEXT = colors.HexColor("#6b4e00")
_MISSING_BACKGROUND = colors.HexColor("#fff4d6")
_HEADING_BACKGROUND = colors.HexColor("#e6e9ef")
_RULE = colors.HexColor("#9aa3b2")
_DRAFT = colors.HexColor("#9b1c1c")
_MARGIN = 18 * mm
_FRAME_PADDING = 6.0  # reportlab's default padding inside the page frame
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")


@attrs.frozen(kw_only=True)
class Options:
    """The PDF renderer's options, checked by :class:`budapest_coop.render.pdf.PDFRenderer`."""

    font_dirs: tuple[str, ...] = ()
    system_fonts: bool = True
    draft_languages: tuple[str, ...] = ()
    author: str | None = None
    invariant: bool = False
    page_size: str = "A4"


def escape(text: str) -> str:
    """The one way user text enters Paragraph markup: ``&``, ``<`` and ``>`` become entities."""
    return _xml_escape(text)


def _keep_spaces(escaped: str) -> str:
    """Spaces Paragraph would collapse (runs, line starts) become no-break spaces."""
    if "  " not in escaped and not escaped.startswith(" "):
        return escaped
    escaped = re.sub(r"(?<= ) ", "\u00a0", escaped)
    return "\u00a0" + escaped[1:] if escaped.startswith(" ") else escaped


def markup(text: str, chain: FontChain, *, bold: bool) -> str:
    """Paragraph markup for *text* (printable, one or more lines): escaped runs, fallback fonts, line breaks."""
    base = chain.bold[0] if bold else chain.regular[0]
    lines = []
    for line in text.split("\n"):
        parts = []
        for face, run in chain.runs(strip_invisible(line), bold=bold):
            escaped = escape(run)
            parts.append(escaped if face is base else f'<font face="{face.key}">{escaped}</font>')
        lines.append(_keep_spaces("".join(parts)))
    return "<br/>".join(lines)


@attrs.frozen(kw_only=True)
class _Style:
    size: float
    leading: float
    bold: bool = False
    color: Any = colors.black


def _width(chain: FontChain, text: str, style: _Style) -> float:
    return float(sum(stringWidth(run, face.key, style.size) for face, run in chain.runs(text, bold=style.bold)))


Line = list[tuple[Face, str, float]]


class BidiText(Flowable):  # type: ignore[misc]
    """Text wrapped in logical order, each line then shaped, ordered and drawn left to right.

    ``rtl`` is the column's direction: right-to-left columns are right-aligned. Each paragraph
    (line of the text) takes its base direction from :func:`base_is_rtl`.
    """

    def __init__(
        self,
        text: str,
        chain: FontChain,
        style: _Style,
        *,
        rtl: bool,
        lines: list[Line] | None = None,
    ) -> None:
        super().__init__()
        self.text = text
        self.chain = chain
        self.style = style
        self.rtl = rtl
        self._fixed = lines
        self._lines: list[Line] = lines or []
        self._for_width = -1.0

    def _words(self, line: str) -> Iterator[str]:
        yield from (token for token in re.split(r"(\s+)", line) if token)

    def _fit(self, word: str, width: float) -> list[str]:
        """A word wider than a line, cut into pieces that fit (never between a letter and its marks)."""
        pieces: list[str] = []
        current = ""
        for char in word:
            candidate = current + char
            if current and not _is_mark(char) and _width(self.chain, reshape(candidate), self.style) > width:
                pieces.append(current)
                current = char
            else:
                current = candidate
        if current:
            pieces.append(current)
        return pieces

    def _wrap_logical(self, width: float) -> list[tuple[str, bool]]:
        """(line, base direction is right to left) of every wrapped line, in logical order."""
        wrapped: list[tuple[str, bool]] = []
        for paragraph in self.text.split("\n"):
            rtl = base_is_rtl(paragraph, self.rtl)
            line, line_width = "", 0.0
            for token in self._words(paragraph):
                token_width = _width(self.chain, reshape(token), self.style)
                if token.isspace():
                    line, line_width = line + token, line_width + token_width
                    continue
                if line.strip() and line_width + token_width > width:
                    wrapped.append((line.rstrip(), rtl))
                    line, line_width = "", 0.0
                last = token
                if token_width > width:
                    *full, last = self._fit(token, width)
                    wrapped.extend((piece, rtl) for piece in full)
                    token_width = _width(self.chain, reshape(last), self.style)
                line, line_width = line + last, line_width + token_width
            wrapped.append((line.rstrip(), rtl))
        return wrapped

    def _layout(self, width: float) -> list[Line]:
        if self._fixed is not None:
            return self._fixed
        lines = []
        for logical, rtl in self._wrap_logical(width):
            visual = visual_line(logical, rtl)
            runs = self.chain.runs(visual, bold=self.style.bold)
            lines.append([(face, run, stringWidth(run, face.key, self.style.size)) for face, run in runs])
        return lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if available_width != self._for_width:
            self._lines = self._layout(available_width)
            self._for_width = available_width
        self.width = available_width
        self.height = max(1, len(self._lines)) * self.style.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        # Like Paragraph, keep the lines of the last wrap: a table splitting a row passes its
        # column width here, wider than the padded width the cell was wrapped to.
        if self._for_width < 0:
            self.wrap(available_width, available_height)
        fitting = int((available_height + 1e-6) // self.style.leading)
        if fitting <= 0:
            return []
        if fitting >= len(self._lines):
            return [self]
        head, tail = self._lines[:fitting], self._lines[fitting:]
        return [
            BidiText(self.text, self.chain, self.style, rtl=self.rtl, lines=head),
            BidiText(self.text, self.chain, self.style, rtl=self.rtl, lines=tail),
        ]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(self.style.color)
        descent = 0.22 * self.style.size
        for number, runs in enumerate(self._lines):
            baseline = (
                self.height - (number + 1) * self.style.leading + descent + (self.style.leading - self.style.size) / 2
            )
            x = self.width - sum(run[2] for run in runs) if self.rtl else 0.0
            for face, run, run_width in runs:
                canvas.setFont(face.key, self.style.size)
                canvas.drawString(x, baseline, run)
                x += run_width


def _is_mark(char: str) -> bool:
    import unicodedata

    return unicodedata.category(char).startswith("M")


class _Layout:
    """Builds the story (the list of flowables) of one document."""

    def __init__(self, document: LocalizedDocument, chain: FontChain, options: Options) -> None:
        self.document = document
        self.chain = chain
        self.options = options
        self.width = PAGE_SIZES[options.page_size][0] - 2 * (_MARGIN + _FRAME_PADDING)
        self.rtl = document.rtl or tuple(False for _ in document.languages)
        self._styles: dict[tuple[_Style, bool, bool], ParagraphStyle] = {}

    def text(self, text: str, style: _Style, *, rtl: bool = False) -> Flowable:
        """A flowable for *text* (user or catalog text), in a column of base direction *rtl*."""
        text = printable(text)
        if has_rtl(text):
            return BidiText(text, self.chain, style, rtl=rtl)
        paragraph_style = self._paragraph_style(style, cjk=bool(_CJK.search(text)), right=rtl)
        return Paragraph(markup(text, self.chain, bold=style.bold), paragraph_style)

    def _paragraph_style(self, style: _Style, *, cjk: bool, right: bool) -> ParagraphStyle:
        key = (style, cjk, right)
        if key not in self._styles:
            face = (self.chain.bold if style.bold else self.chain.regular)[0]
            self._styles[key] = ParagraphStyle(
                name=f"s{len(self._styles)}",
                fontName=face.key,
                fontSize=style.size,
                leading=style.leading,
                textColor=style.color,
                alignment=TA_RIGHT if right else TA_LEFT,
                wordWrap="CJK" if cjk else None,
                splitLongWords=1,
            )
        return self._styles[key]

    def story(self) -> list[Flowable]:
        story: list[Flowable] = [*self._title_block(), Spacer(1, 4 * mm)]
        for section in self.document.sections:
            story.append(self._section(section))
            story.append(Spacer(1, 2.5 * mm))
        return story

    def _title_block(self) -> list[Flowable]:
        document = self.document
        title = _Style(size=_TITLE, leading=_TITLE * 1.25, bold=True)
        small = _Style(size=_SMALL + 0.5, leading=(_SMALL + 0.5) * 1.3, color=_GREY)
        cells = []
        for index, language_rtl in enumerate(self.rtl):
            cell = [self.text(document.titles[index] if index < len(document.titles) else "", title, rtl=language_rtl)]
            subtitle = _shared.message(document, index, "subtitle")
            if subtitle:
                cell.append(self.text(subtitle, _Style(size=_BODY + 1, leading=(_BODY + 1) * 1.3), rtl=language_rtl))
            cell.append(self.text(_shared.template_line(document, index), small, rtl=language_rtl))
            cell.append(self.text(_shared.reference_line(document, index), small, rtl=language_rtl))
            cells.append(cell)
        widths = [self.width / len(cells)] * len(cells)
        flowables: list[Flowable] = [self._row_table([cells], widths, heading_rows=0)]
        notices = _shared.draft_notices(document, self.options.draft_languages)
        if notices:
            notice = _Style(size=_BODY, leading=_BODY * 1.3, bold=True, color=_DRAFT)
            boxed = Table(
                [[self.text(text, notice, rtl=self.rtl[index])] for index, text in notices],
                colWidths=[self.width],
                style=TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, -1), self.chain.regular[0].key),
                        ("BOX", (0, 0), (-1, -1), 1.2, _DRAFT),
                        ("LEFTPADDING", (0, 0), (-1, -1), 6),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ]
                ),
            )
            flowables += [Spacer(1, 3 * mm), boxed]
        return flowables

    def _column_widths(self) -> list[float]:
        if len(self.rtl) == 1:
            label = 0.34 * self.width
            return [self.width - label, label] if self.rtl[0] else [label, self.width - label]
        return [self.width / len(self.rtl)] * len(self.rtl)

    def _row_table(
        self, rows: list[list[Any]], widths: list[float], *, heading_rows: int, extra: Sequence[Any] = ()
    ) -> Table:
        commands: list[Any] = [
            ("FONTNAME", (0, 0), (-1, -1), self.chain.regular[0].key),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *extra,
        ]
        if heading_rows:
            commands += [
                ("BACKGROUND", (0, 0), (-1, heading_rows - 1), _HEADING_BACKGROUND),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, _RULE),
            ]
        if len(self.rtl) > 1:
            commands.append(("LINEAFTER", (0, 0), (-2, -1), 0.4, _RULE))
        return Table(
            rows,
            colWidths=widths,
            repeatRows=heading_rows,
            splitByRow=1,
            splitInRow=1,
            style=TableStyle(commands),
            hAlign="LEFT",
        )

    def _heading(self, section: LocalizedSection, index: int) -> list[Flowable]:
        rtl = self.rtl[index]
        title = section.titles[index] if index < len(section.titles) else ""
        heading = [
            self.text(
                f"{section.number}. {title}" if section.number else title,
                _Style(size=_HEADING, leading=_HEADING * 1.3, bold=True),
                rtl=rtl,
            )
        ]
        if section.citation:
            heading.append(self.text(section.citation, _Style(size=_SMALL, leading=_SMALL * 1.3, color=_GREY), rtl=rtl))
        return heading

    def _label(self, field: LocalizedField, index: int) -> list[Flowable]:
        rtl = self.rtl[index]
        label = field.labels[index] if index < len(field.labels) else ""
        cell = [self.text(label, _Style(size=_LABEL, leading=_LABEL * 1.3, bold=True), rtl=rtl)]
        if field.citation:
            cell.append(self.text(field.citation, _Style(size=_TINY, leading=_TINY * 1.3, color=_GREY), rtl=rtl))
        return cell

    def _value(self, field: LocalizedField, index: int) -> Flowable:
        language = self.document.languages[index]
        value = field.values[index] if index < len(field.values) else ""
        missing = language in field.missing
        style = _Style(size=_BODY, leading=_BODY * 1.3, color=_MISSING_TEXT if missing else colors.black)
        return self.text(value, style, rtl=self.rtl[index])

    def _section(self, section: LocalizedSection) -> Table:
        languages = range(len(self.rtl))
        extra: list[Any] = []
        if len(self.rtl) == 1:
            heading = self._heading(section, 0)
            rows: list[list[Any]] = [[heading, ""]]
            extra.append(("SPAN", (0, 0), (1, 0)))
            for number, field in enumerate(section.fields, start=1):
                row = [self._label(field, 0), self._value(field, 0)]
                value_column = 1
                if self.rtl[0]:
                    row.reverse()
                    value_column = 0
                rows.append(row)
                if self.document.languages[0] in field.missing:
                    extra.append(("BACKGROUND", (value_column, number), (value_column, number), _MISSING_BACKGROUND))
        else:
            rows = [[self._heading(section, index) for index in languages]]
            for number, field in enumerate(section.fields, start=1):
                rows.append([[*self._label(field, index), self._value(field, index)] for index in languages])
                for index in languages:
                    if self.document.languages[index] in field.missing:
                        extra.append(("BACKGROUND", (index, number), (index, number), _MISSING_BACKGROUND))
        return self._row_table(rows, self._column_widths(), heading_rows=1, extra=extra)


def _draw_line(
    canvas: Canvas,
    chain: FontChain,
    text: str,
    *,
    x: float,
    y: float,
    size: float,
    max_width: float,
    align: str = "left",
    rtl: bool = False,
    bold: bool = False,
) -> None:
    """Draw one line of header or footer text, shrunk to fit *max_width* when needed."""
    logical = printable(text).replace("\n", " ")
    visual = visual_line(logical, base_is_rtl(logical, rtl))
    runs = chain.runs(visual, bold=bold)
    width = sum(stringWidth(run, face.key, size) for face, run in runs)
    if width > max_width > 0:
        size, width = size * max_width / width, max_width
    if align == "right":
        x -= width
    elif align == "center":
        x -= width / 2
    for face, run in runs:
        canvas.setFont(face.key, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, face.key, size)


class _PageDecorator:
    """Header and footer of every page: reference, page x of y, digest, draft notice."""

    def __init__(self, document: LocalizedDocument, chain: FontChain, options: Options) -> None:
        self.document = document
        self.chain = chain
        self.options = options
        self.rtl = document.rtl or tuple(False for _ in document.languages)
        self.notices = _shared.draft_notices(document, options.draft_languages)

    def __call__(self, canvas: Canvas, page: int, pages: int) -> None:
        document = self.document
        width, height = canvas._pagesize
        left, right = _MARGIN + _FRAME_PADDING, width - _MARGIN - _FRAME_PADDING
        usable = right - left
        rtl = bool(self.rtl and self.rtl[0])
        # The first language's direction decides which side is the start of a line.
        start, end = (right, left) if rtl else (left, right)
        start_align, end_align = ("right", "left") if rtl else ("left", "right")
        line = self._line(canvas)
        canvas.saveState()
        canvas.setFillColor(_GREY)
        canvas.setStrokeColor(_RULE)
        canvas.setLineWidth(0.4)
        top = height - 11 * mm
        title = document.titles[0] if document.titles else document.kind
        header: dict[str, Any] = {"y": top, "size": _SMALL, "rtl": rtl}
        line(f"{document.template} · {title}", x=start, max_width=usable * 0.58, align=start_align, **header)
        line(_shared.reference_line(document, 0), x=end, max_width=usable * 0.4, align=end_align, **header)
        canvas.line(left, top - 2.2 * mm, right, top - 2.2 * mm)
        if self.notices:
            canvas.setFillColor(_DRAFT)
            text = " · ".join(notice for _, notice in self.notices)
            line(text, x=start, y=top - 6 * mm, size=_TINY, max_width=usable, align=start_align, rtl=rtl, bold=True)
            canvas.setFillColor(_GREY)
        bottom = 12 * mm
        canvas.line(left, bottom + 4.2 * mm, right, bottom + 4.2 * mm)
        labels = [_shared.page_label(document, index, page, pages) for index in range(len(self.rtl))]
        footer: dict[str, Any] = {"y": bottom, "size": _SMALL, "rtl": rtl}
        line(_shared.reference_line(document, 0), x=start, max_width=usable * 0.55, align=start_align, **footer)
        line(" · ".join(dict.fromkeys(labels)), x=end, max_width=usable * 0.43, align=end_align, **footer)
        digest = _shared.digest_line(document, 0)
        line(digest, x=start, y=bottom - 3.6 * mm, size=_TINY, max_width=usable, align=start_align, rtl=rtl)
        canvas.restoreState()

    def _line(self, canvas: Canvas) -> Callable[..., None]:
        def draw(text: str, **kwargs: Any) -> None:
            _draw_line(canvas, self.chain, text, **kwargs)

        return draw


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that keeps every page until the end, so each page can say "page x of y"."""

    def __init__(self, *args: Any, decorate: Callable[[Canvas, int, int], None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._saved_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        pages = len(self._saved_pages)
        for number, state in enumerate(self._saved_pages, start=1):
            self.__dict__.update(state)
            self._decorate(self, number, pages)
            super().showPage()
        super().save()


def _characters(document: LocalizedDocument, options: Options) -> Iterator[str]:
    """Every character the layout may draw, as drawn (printable, shaped)."""
    texts: list[str] = [*document.titles, document.template, document.digest, document.reference or ""]
    texts += [section.citation or "" for section in document.sections]
    for section in document.sections:
        texts.append(section.number)
        texts += section.titles
        for field in section.fields:
            texts += field.labels
            texts += field.values
            texts.append(field.citation or "")
    for index in range(len(document.languages)):
        texts += [
            _shared.page_label(document, index, 0, 0),
            _shared.reference_line(document, index),
            _shared.digest_line(document, index),
            _shared.template_line(document, index),
            _shared.message(document, index, "subtitle") or "",
        ]
    texts += [notice for _, notice in _shared.draft_notices(document, options.draft_languages)]
    texts.append("0123456789 ·.")
    for text in texts:
        yield from strip_invisible(reshape(printable(text)))


def render_pdf(document: LocalizedDocument, options: Options) -> bytes:
    """The PDF of *document*; raises MissingGlyphsError before drawing anything if a glyph is missing."""
    chain = build_chain(_characters(document, options), font_dirs=options.font_dirs, system_fonts=options.system_fonts)
    for face in chain.faces:
        register(face)
    page_size = PAGE_SIZES[options.page_size]
    buffer = io.BytesIO()
    keywords = [document.reference] if document.reference else []
    template = SimpleDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=24 * mm if _shared.draft_notices(document, options.draft_languages) else 20 * mm,
        bottomMargin=22 * mm,
        title=" / ".join(dict.fromkeys(document.titles)),
        author=_shared.author(document, options.author),
        subject=document.kind,
        keywords=keywords,
        creator=_shared.creator(),
        lang=document.languages[0] if document.languages else None,
        invariant=1 if options.invariant else 0,
        initialFontName=chain.regular[0].key,
        initialFontSize=_BODY,
        pageCompression=1,
    )
    decorate = _PageDecorator(document, chain, options)

    def canvasmaker(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        return _NumberedCanvas(*args, decorate=decorate, **kwargs)

    template.build(_Layout(document, chain, options).story(), canvasmaker=canvasmaker)
    return buffer.getvalue()


def invariant_from_environment() -> bool:
    """True when ``SOURCE_DATE_EPOCH`` is set: reproducible builds ask for identical bytes."""
    return bool(os.environ.get("SOURCE_DATE_EPOCH", "").strip())
