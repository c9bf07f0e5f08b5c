"""The PDF layout with reportlab platypus. Imported only when a PDF is rendered.

Left-to-right text goes through :class:`reportlab.platypus.Paragraph`, and user text reaches
its markup only through :func:`markup`, which escapes every run with :func:`escape`. Text that
needs the bidirectional algorithm (a right-to-left column, or right-to-left characters in any
column) goes through :class:`BidiText`, which wraps in logical order and then shapes and
orders each line (:func:`budapest_coop.render._text.visual_line`); it draws strings directly
and never parses markup.
"""

from __future__ import annotations

import functools
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
_GREY = "#555555"
_DRAFT = "#9b1c1c"
_MISSING_BACKGROUND = "#fff4d6"
_HEADING_BACKGROUND = "#e6e9ef"
_RULE = "#9aa3b2"
_SMALL = 7.0
_TINY = 6.3
_MARGIN = 18 * mm
_FRAME_PADDING = 6.0  # reportlab's default padding inside the page frame
_CELL_PADDING = 8.0  # left plus right padding of a table cell
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")


#: reportlab colours of the layout's few fixed hex codes, made once.
_color = functools.lru_cache(maxsize=64)(colors.HexColor)


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


@attrs.frozen(kw_only=True)
class _Style:
    size: float
    leading: float
    bold: bool = False
    color: str = "#000000"


_BODY_STYLE = _Style(size=_BODY, leading=_BODY * 1.3)
_MISSING_STYLE = _Style(size=_BODY, leading=_BODY * 1.3, color="#6b4e00")
_LABEL_STYLE = _Style(size=8.5, leading=8.5 * 1.3, bold=True)
_CITATION_STYLE = _Style(size=_TINY, leading=_TINY * 1.3, color=_GREY)
_HEADING_STYLE = _Style(size=10.0, leading=13.0, bold=True)
_HEADING_CITATION_STYLE = _Style(size=_SMALL, leading=_SMALL * 1.3, color=_GREY)
_TITLE_STYLE = _Style(size=14.0, leading=17.5, bold=True)
_SUBTITLE_STYLE = _Style(size=10.0, leading=13.0)
_INFO_STYLE = _Style(size=7.5, leading=7.5 * 1.3, color=_GREY)
_NOTICE_STYLE = _Style(size=_BODY, leading=_BODY * 1.3, bold=True, color=_DRAFT)


@attrs.frozen(kw_only=True)
class Block:
    """A piece of a cell: text (as the document gives it) in one style, starting a new line."""

    text: str
    style: _Style


def _printable_block(block: Block) -> Block:
    text = printable(block.text)
    return block if text == block.text else Block(text=text, style=block.style)


def markup(block: Block, chain: FontChain) -> str:
    """Paragraph markup for *block* (printable text): escaped runs, line breaks, and a font tag
    around each run drawn in a fallback face."""
    style = block.style
    plain_face = (chain.bold if style.bold else chain.regular)[0]
    lines = []
    for line in block.text.split("\n"):
        pieces = []
        for face, run in chain.runs(strip_invisible(line), bold=style.bold):
            pieces.append(escape(run) if face is plain_face else f'<font face="{face.key}">{escape(run)}</font>')
        lines.append(_keep_spaces("".join(pieces)))
    return "<br/>".join(lines)


def _draw_run(
    canvas: Canvas, chain: FontChain, face: Face, run: str, *, x: float, y: float, size: float, bold: bool
) -> None:
    """Draw one run; bold text in a face without a bold design (a CJK fallback) is drawn emboldened."""
    canvas.setFont(face.key, size)
    if not bold or face is chain.bold[0]:
        canvas.drawString(x, y, run)
        return
    canvas.saveState()
    canvas.setStrokeColor(canvas._fillColorObj)
    canvas.setLineWidth(size * 0.045)
    canvas.drawString(x, y, run, mode=2)  # fill, then stroke the outline
    canvas.restoreState()


def _width(chain: FontChain, text: str, style: _Style) -> float:
    return float(sum(stringWidth(run, face.key, style.size) for face, run in chain.runs(text, bold=style.bold)))


class _Paragraph(Paragraph):  # type: ignore[misc]
    """A Paragraph that does not break its lines again when wrapped again to the same width.

    A table wraps every cell to measure it and again to draw it; breaking lines is the costliest
    step of a Paragraph.
    """

    _last_wrap: tuple[float, tuple[float, float]] | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        last = self._last_wrap
        if last is not None and last[0] == available_width and hasattr(self, "blPara"):
            return last[1]
        size: tuple[float, float] = super().wrap(available_width, available_height)
        self._last_wrap = (available_width, size)
        return size


class _Lines(Flowable):  # type: ignore[misc]
    """Lines of left-to-right text in one font, each fitting its column: drawn as they are, no markup.

    What a Paragraph of the same lines would draw, without parsing markup or breaking lines;
    split between lines as such a Paragraph splits (never leaving its first line alone).
    """

    def __init__(
        self, lines: tuple[str, ...], face: Face, style: _Style, widths: tuple[float, ...], *, right: bool
    ) -> None:
        super().__init__()
        self.lines = lines
        self.face = face
        self.style = style
        self.widths = widths
        self.right = right

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, self.style.leading * len(self.lines)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if len(self.lines) == 1:
            return [self] if available_height >= self.style.leading else []
        fitting = int(available_height / self.style.leading)
        if fitting <= 1:
            return []
        if fitting >= len(self.lines):
            return [self]
        style, face, right = self.style, self.face, self.right
        # the second part starts with an empty line, as a Paragraph's does after a <br/>
        return [
            _Lines(self.lines[:fitting], face, style, self.widths[:fitting], right=right),
            _Lines(("", *self.lines[fitting:]), face, style, (0.0, *self.widths[fitting:]), right=right),
        ]

    def draw(self) -> None:
        canvas = self.canv
        style = self.style
        canvas.setFillColor(_color(style.color))
        canvas.setFont(self.face.key, style.size)
        y = self.height - style.size
        for text, text_width in zip(self.lines, self.widths, strict=True):
            canvas.drawString(self.width - text_width if self.right else 0.0, y, text)
            y -= style.leading


class _Stack(Flowable):  # type: ignore[misc]
    """A block of several lines, some too wide for their column, laid out line by line.

    Each line, or run of lines that fit, is its own flowable, one under the other: this is how
    a Paragraph with ``<br/>`` breaks wraps and draws them, and breaking a Paragraph's lines is
    much faster without the breaks. Split at a page break, the block becomes that Paragraph
    (made then, with the lines of the same width), so it splits exactly as the Paragraph does.
    """

    def __init__(self, parts: Sequence[Flowable], paragraph: Callable[[], Flowable]) -> None:
        super().__init__()
        self.parts = tuple(parts)
        self._paragraph = paragraph
        self._wrapped: tuple[float, float] | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._wrapped = (available_width, available_height)
        self.width = available_width
        self.height = sum(part.wrap(available_width, available_height)[1] for part in self.parts)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        paragraph = self._paragraph()
        if self._wrapped is not None:
            paragraph.wrap(*self._wrapped)
        pieces: list[Flowable] = paragraph.split(available_width, available_height)
        return pieces

    def draw(self) -> None:
        y = self.height
        for part in self.parts:
            y -= part.height
            part.drawOn(self.canv, 0, y)


@attrs.frozen
class _Line:
    style: _Style
    runs: tuple[tuple[Face, str, float], ...]

    @property
    def width(self) -> float:
        return sum(run[2] for run in self.runs)


class BidiText(Flowable):  # type: ignore[misc]
    """Blocks of text wrapped in logical order, each line then shaped, ordered and drawn left to right.

    ``rtl`` is the column's direction: right-to-left columns are right-aligned. Each paragraph
    (line of a block's text) takes its base direction from :func:`base_is_rtl`.
    """

    def __init__(
        self, blocks: Sequence[Block], chain: FontChain, *, rtl: bool, lines: Sequence[_Line] | None = None
    ) -> None:
        super().__init__()
        self.blocks = tuple(blocks)
        self.chain = chain
        self.rtl = rtl
        self._fixed = None if lines is None else tuple(lines)
        self._lines: tuple[_Line, ...] = self._fixed or ()
        self._for_width = -1.0

    def _fit(self, word: str, width: float, style: _Style) -> list[str]:
        """A word wider than a line, cut into pieces that fit (never between a letter and its marks)."""
        pieces: list[str] = []
        current = ""
        for char in word:
            candidate = current + char
            if current and not _is_mark(char) and _width(self.chain, reshape(candidate), style) > width:
                pieces.append(current)
                current = char
            else:
                current = candidate
        if current:
            pieces.append(current)
        return pieces

    def _wrap_logical(self, text: str, style: _Style, width: float) -> Iterator[tuple[str, bool]]:
        """(line, base direction is right to left) of every wrapped line of *text*, in logical order."""
        for paragraph in text.split("\n"):
            rtl = base_is_rtl(paragraph, self.rtl)
            line, line_width = "", 0.0
            for token in (token for token in re.split(r"(\s+)", paragraph) if token):
                # Arabic joins within a word only, so a word's shaped width is its width on any line.
                token_width = _width(self.chain, reshape(token), style)
                if token.isspace():
                    line, line_width = line + token, line_width + token_width
                    continue
                if line.strip() and line_width + token_width > width:
                    yield line.rstrip(), rtl
                    line, line_width = "", 0.0
                last = token
                if token_width > width:
                    *full, last = self._fit(token, width, style)
                    yield from ((piece, rtl) for piece in full)
                    token_width = _width(self.chain, reshape(last), style)
                line, line_width = line + last, line_width + token_width
            yield line.rstrip(), rtl

    def _layout(self, width: float) -> tuple[_Line, ...]:
        if self._fixed is not None:
            return self._fixed
        lines = []
        for block in self.blocks:
            for logical, rtl in self._wrap_logical(block.text, block.style, width):
                runs = self.chain.runs(visual_line(logical, rtl), bold=block.style.bold)
                measured = tuple((face, run, stringWidth(run, face.key, block.style.size)) for face, run in runs)
                lines.append(_Line(block.style, measured))
        return tuple(lines)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if available_width != self._for_width:
            self._lines = self._layout(available_width)
            self._for_width = available_width
        self.width = available_width
        self.height = sum(line.style.leading for line in self._lines)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        # Like Paragraph, keep the lines of the last wrap: a table splitting a row passes its
        # column width here, wider than the padded width the cell was wrapped to.
        if self._for_width < 0:
            self.wrap(available_width, available_height)
        fitting, used = 0, 0.0
        for line in self._lines:
            if used + line.style.leading > available_height + 1e-6:
                break
            fitting, used = fitting + 1, used + line.style.leading
        if fitting == 0:
            return []
        if fitting >= len(self._lines):
            return [self]
        head, tail = self._lines[:fitting], self._lines[fitting:]
        return [
            BidiText(self.blocks, self.chain, rtl=self.rtl, lines=head),
            BidiText(self.blocks, self.chain, rtl=self.rtl, lines=tail),
        ]

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        for line in self._lines:
            style = line.style
            baseline = top - style.size  # where Paragraph puts it, so neighbouring cells line up
            top -= style.leading
            canvas.setFillColor(_color(style.color))
            x = self.width - line.width if self.rtl else 0.0
            for face, run, run_width in line.runs:
                _draw_run(canvas, self.chain, face, run, x=x, y=baseline, size=style.size, bold=style.bold)
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

    def cell(self, blocks: Sequence[Block], width: float, *, rtl: bool = False) -> list[Flowable]:
        """The flowables for *blocks* of user or catalog text, one under the other, in a column
        *width* points wide (inside its padding) of direction *rtl*.

        Text with right-to-left characters becomes one BidiText. Left-to-right text becomes one
        flowable per block: a single line in one font that fits is drawn directly; bold text
        needing a fallback font is a BidiText (which can embolden it); anything else is a
        Paragraph (one style per Paragraph: mixing fonts makes line breaking slow).
        """
        blocks = [_printable_block(block) for block in blocks]
        if any(has_rtl(block.text) for block in blocks):
            return [BidiText(blocks, self.chain, rtl=rtl)]
        return [self._one_line(block, width, rtl) or self._paragraph(block, width, rtl) for block in blocks]

    def _needs_emboldening(self, block: Block) -> bool:
        """Bold text with characters DejaVu Sans Bold lacks: a Paragraph cannot embolden them."""
        return block.style.bold and not self.chain.bold[0].coverage.issuperset(
            c for c in strip_invisible(block.text) if not c.isspace()
        )

    def _one_line(self, block: Block, width: float, rtl: bool) -> Flowable | None:
        """The block as :class:`_Lines` when no line needs wrapping, a fallback font or kept spaces."""
        text = strip_invisible(block.text)
        lines = tuple(text.split("\n"))
        if len(lines) > 1 and not all(lines):
            return None
        if any(line != line.strip(" ") for line in lines):
            return None
        face = (self.chain.bold if block.style.bold else self.chain.regular)[0]
        coverage = face.coverage
        if not all(coverage.issuperset(line) for line in lines):
            return None
        size = block.style.size
        widths = tuple(stringWidth(line, face.key, size) for line in lines)
        if max(widths) > width:
            return None
        return _Lines(lines, face, block.style, widths, right=rtl)

    def _paragraph(self, block: Block, width: float, rtl: bool) -> Flowable:
        if self._needs_emboldening(block):
            return BidiText([block], self.chain, rtl=rtl)
        style = self._paragraph_style(block.style, cjk=bool(_CJK.search(block.text)), right=rtl)
        stack = self._stack(block, width, rtl, style)
        return stack or _Paragraph(markup(block, self.chain), style)

    def _stack(self, block: Block, width: float, rtl: bool, style: ParagraphStyle) -> Flowable | None:
        """The block as a :class:`_Stack` when it has several lines, each with text, in the plain face,
        and no word wider than the column."""
        if "\n" not in block.text or _CJK.search(block.text):
            return None
        lines = block.text.split("\n")
        face = (self.chain.bold if block.style.bold else self.chain.regular)[0]
        coverage = face.coverage
        if not all(line.strip() and coverage.issuperset(strip_invisible(line)) for line in lines):
            return None
        size = block.style.size
        parts: list[Flowable] = []
        fitting: list[str] = []  # a run of lines that fit, as drawn, and their widths
        widths: list[float] = []
        for line in lines:
            drawn = strip_invisible(line)
            if not drawn:
                return None
            drawn_width = stringWidth(drawn, face.key, size)
            if drawn == drawn.strip(" ") and drawn_width <= width:
                fitting.append(drawn)
                widths.append(drawn_width)
                continue
            if "  " in line or "\u00a0" in line or line != line.strip(" "):
                return None  # spaces a Paragraph keeps as no-break spaces join words
            if any(stringWidth(word, face.key, size) > width for word in line.split(" ")):
                return None  # a word cut over lines is spaced differently after a <br/>
            if fitting:
                parts.append(_Lines(tuple(fitting), face, block.style, tuple(widths), right=rtl))
                fitting, widths = [], []
            parts.append(_Paragraph(markup(Block(text=line, style=block.style), self.chain), style))
        if fitting:
            parts.append(_Lines(tuple(fitting), face, block.style, tuple(widths), right=rtl))
        chain = self.chain
        return _Stack(parts, lambda: _Paragraph(markup(block, chain), style))

    def _paragraph_style(self, base: _Style, *, cjk: bool, right: bool) -> ParagraphStyle:
        key = (base, cjk, right)
        if key not in self._styles:
            self._styles[key] = ParagraphStyle(
                name=f"s{len(self._styles)}",
                fontName=(self.chain.bold if base.bold else self.chain.regular)[0].key,
                fontSize=base.size,
                textColor=_color(base.color),
                leading=base.leading,
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
        cells = []
        for index, rtl in enumerate(self.rtl):
            blocks = [Block(text=document.titles[index] if index < len(document.titles) else "", style=_TITLE_STYLE)]
            subtitle = _shared.message(document, index, "subtitle")
            if subtitle:
                blocks.append(Block(text=subtitle, style=_SUBTITLE_STYLE))
            blocks.append(Block(text=_shared.template_line(document, index), style=_INFO_STYLE))
            blocks.append(Block(text=_shared.reference_line(document, index), style=_INFO_STYLE))
            cells.append(self.cell(blocks, self.width / len(self.rtl) - _CELL_PADDING, rtl=rtl))
        widths = [self.width / len(cells)] * len(cells)
        flowables: list[Flowable] = [self._row_table([cells], widths, heading_rows=0)]
        notices = _shared.draft_notices(document, self.options.draft_languages)
        if notices:
            boxed = Table(
                [
                    [self.cell([Block(text=text, style=_NOTICE_STYLE)], self.width - 12, rtl=self.rtl[index])]
                    for index, text in notices
                ],
                colWidths=[self.width],
                style=TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, -1), self.chain.regular[0].key),
                        ("BOX", (0, 0), (-1, -1), 1.2, _color(_DRAFT)),
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
            ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PADDING / 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PADDING / 2),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *extra,
        ]
        if heading_rows:
            commands += [
                ("BACKGROUND", (0, 0), (-1, heading_rows - 1), _color(_HEADING_BACKGROUND)),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, _color(_RULE)),
            ]
        if len(self.rtl) > 1:
            commands.append(("LINEAFTER", (0, 0), (-2, -1), 0.4, _color(_RULE)))
        return Table(
            rows,
            colWidths=widths,
            repeatRows=heading_rows,
            # Split inside a row first: a split at a row boundary leaves room on the page, and
            # reportlab then places the rest there too, repeating the section heading under it.
            splitByRow=0,
            splitInRow=1,
            style=TableStyle(commands),
            hAlign="LEFT",
        )

    def _heading(self, section: LocalizedSection, index: int) -> Flowable:
        title = section.titles[index] if index < len(section.titles) else ""
        blocks = [Block(text=f"{section.number}. {title}" if section.number else title, style=_HEADING_STYLE)]
        if section.citation:
            blocks.append(Block(text=section.citation, style=_HEADING_CITATION_STYLE))
        width = self.width - _CELL_PADDING if len(self.rtl) == 1 else self._column_widths()[index] - _CELL_PADDING
        return self.cell(blocks, width, rtl=self.rtl[index])

    def _label(self, field: LocalizedField, index: int) -> list[Block]:
        blocks = [Block(text=field.labels[index] if index < len(field.labels) else "", style=_LABEL_STYLE)]
        if field.citation:
            blocks.append(Block(text=field.citation, style=_CITATION_STYLE))
        return blocks

    def _value(self, field: LocalizedField, index: int) -> Block:
        missing = self.document.languages[index] in field.missing
        value = field.values[index] if index < len(field.values) else ""
        return Block(text=value, style=_MISSING_STYLE if missing else _BODY_STYLE)

    def _section(self, section: LocalizedSection) -> Table:
        languages = range(len(self.rtl))
        extra: list[Any] = []
        missing = _color(_MISSING_BACKGROUND)
        if len(self.rtl) == 1:
            rtl = self.rtl[0]
            rows: list[list[Any]] = [[self._heading(section, 0), ""]]
            extra.append(("SPAN", (0, 0), (1, 0)))
            value_column = 0 if rtl else 1
            for number, field in enumerate(section.fields, start=1):
                label_width, value_width = sorted(self._column_widths())
                row = [
                    self.cell(self._label(field, 0), label_width - _CELL_PADDING, rtl=rtl),
                    self.cell([self._value(field, 0)], value_width - _CELL_PADDING, rtl=rtl),
                ]
                rows.append(row[::-1] if rtl else row)
                if self.document.languages[0] in field.missing:
                    extra.append(("BACKGROUND", (value_column, number), (value_column, number), missing))
        else:
            rows = [[self._heading(section, index) for index in languages]]
            for number, field in enumerate(section.fields, start=1):
                width = self._column_widths()[0] - _CELL_PADDING
                cells = [[*self._label(field, i), self._value(field, i)] for i in languages]
                rows.append([self.cell(blocks, width, rtl=self.rtl[i]) for i, blocks in enumerate(cells)])
                for index in languages:
                    if self.document.languages[index] in field.missing:
                        extra.append(("BACKGROUND", (index, number), (index, number), missing))
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
        _draw_run(canvas, chain, face, run, x=x, y=y, size=size, bold=bold)
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
        canvas.setFillColor(_color(_GREY))
        canvas.setStrokeColor(_color(_RULE))
        canvas.setLineWidth(0.4)
        top = height - 11 * mm
        title = document.titles[0] if document.titles else document.kind
        header: dict[str, Any] = {"y": top, "size": _SMALL, "rtl": rtl}
        line(f"{document.template} · {title}", x=start, max_width=usable * 0.58, align=start_align, **header)
        line(_shared.reference_line(document, 0), x=end, max_width=usable * 0.4, align=end_align, **header)
        canvas.line(left, top - 2.2 * mm, right, top - 2.2 * mm)
        if self.notices:
            canvas.setFillColor(_color(_DRAFT))
            text = " · ".join(notice for _, notice in self.notices)
            line(text, x=start, y=top - 6 * mm, size=_TINY, max_width=usable, align=start_align, rtl=rtl, bold=True)
            canvas.setFillColor(_color(_GREY))
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


def _characters(document: LocalizedDocument, options: Options) -> str:
    """Every text the layout may draw, as drawn (printable, shaped), joined."""
    texts: list[str] = [*document.titles, document.template, document.digest, document.reference or ""]
    for section in document.sections:
        texts += [section.number, section.citation or "", *section.titles]
        for field in section.fields:
            texts += [*field.labels, *field.values, field.citation or ""]
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
    return strip_invisible(reshape(printable("\n".join(texts))))


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
