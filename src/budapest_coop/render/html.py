"""The ``html`` format: one self-contained HTML5 page, bilingual documents side by side.

The page is a table with one column per language (the T-CY bilingual templates are
parallel text); each cell carries the ``lang`` and ``dir`` of its language, so Arabic and
Hebrew columns read right to left. Values keep their line breaks (``white-space:
pre-wrap``); a missing translation is marked (class ``missing``), a required element
that is not provided too (class ``gap``).

Templates run in jinja2's ``ImmutableSandboxedEnvironment`` with autoescaping and
``StrictUndefined``, so user text is always escaped and a template passed with the
``template=`` option can read the document but not reach Python internals. The rows of
the built-in layout are put together in Python, each string through :func:`escape_html`
(the characters autoescape escapes), which is several times faster than a loop in the
sandbox. jinja2 is imported when the first HTML document is rendered, not before.

The context a template receives:

``doc``
    the :class:`~budapest_coop.render.LocalizedDocument`;
``title``
    the page title (first title and the reference);
``columns``
    one mapping per language: ``index``, ``lang``, ``dir`` (``ltr``/``rtl``), ``name``
    (the language's name in itself), ``title``, ``header`` (lines under the title),
    ``footer`` (digest and generator lines), ``not_provided``;
``sections``
    one ``(number, heading, rows)`` tuple per section, ``heading`` and ``rows`` being the
    escaped ``<tr>`` elements of the built-in layout;
``body``
    all the sections as the built-in layout writes them (``<tbody>`` elements);
``letterhead``
    the lines of the ``letterhead`` option (possibly empty);
``style``
    the built-in style sheet.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from html import escape as _html_escape
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from budapest_coop.render._layout import footer_lines, header_lines, letterhead_lines
from budapest_coop.render.document import LocalizedDocument, LocalizedField, LocalizedSection

if TYPE_CHECKING:
    import jinja2

__all__ = ["STYLE", "HTMLRenderer", "escape_html"]

#: The built-in style sheet (A4-friendly, two columns side by side when printed).
STYLE = (
    "body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:10pt;margin:1.5em;color:#111}"
    "table.document{width:100%;border-collapse:collapse;table-layout:fixed}"
    "th,td{vertical-align:top;text-align:start;border:1px solid #999;padding:.35em .5em}"
    "tr.titles th{border:none;padding-bottom:1em}h1{font-size:14pt;margin:0 0 .5em}"
    "h2{font-size:11pt;margin:0;display:inline}tr.heading th{background:#e8e8e8}"
    ".citation{font-weight:normal;font-size:8.5pt;color:#444;margin-inline-start:.6em}"
    ".label{font-weight:bold;margin-bottom:.15em}.value{white-space:pre-wrap;overflow-wrap:anywhere}"
    "td.missing .value{background:#fff3cd}td.gap .value{background:#f8d7da;font-weight:bold}"
    ".letterhead{margin-bottom:1em;font-weight:bold}footer{margin-top:1em;font-size:8.5pt;color:#444}"
    "footer p{overflow-wrap:anywhere}"
)


def escape_html(text: str) -> str:
    """*text* as HTML that displays exactly that text (``& < > " '`` become character references).

    The same characters autoescape escapes; stdlib :func:`html.escape` is used because it is
    the fastest on the short strings of a document, and only when one of them is present
    (looking for them is cheaper than replacing them when, as usual, there are none).

    >>> escape_html('Ivanov <ivanov@example.org> & <img src="/etc/passwd"/>')
    'Ivanov &lt;ivanov@example.org&gt; &amp; &lt;img src=&quot;/etc/passwd&quot;/&gt;'
    """
    if type(text) is not str or "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return _html_escape(text, quote=True)
    return text


@functools.cache
def _environment() -> jinja2.Environment:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@functools.cache
def _builtin_template() -> jinja2.Template:
    source = (resources.files(__package__) / "templates" / "document.html").read_text(encoding="utf-8")
    return _environment().from_string(source)


@functools.lru_cache(maxsize=32)
def _user_template(source: str) -> jinja2.Template:
    from jinja2 import TemplateSyntaxError

    try:
        return _environment().from_string(source)
    except TemplateSyntaxError as exc:
        raise ValueError(f"template: line {exc.lineno}: {exc.message}") from None


@functools.cache
def _style() -> Any:
    from markupsafe import Markup

    return Markup(STYLE)  # noqa: S704 - a constant of this module, not user input


class _Cell(NamedTuple):
    tag: str
    not_provided: str
    head: str  # '<th scope="col" lang=".." dir="..">', the opening tag of the language's headings
    plain: str  # '<td lang=".." dir="..">', the opening tag of a value's cell
    missing: str  # the same, for a missing translation
    gap: str  # the same, for a required element that is not provided


#: Escaped labels, titles and citations: they come from the catalogs and the builder, never
#: from the request, so they form a small set worth remembering (user text is never cached).
_escape_label = functools.lru_cache(maxsize=4096)(escape_html)


@functools.lru_cache(maxsize=1024)
def _citation_span(citation: str, before: str) -> str:
    return f'{before}<span class="citation">{_escape_label(citation)}</span>'


@functools.lru_cache(maxsize=256)
def _cell_of(tag: str, rtl: bool, not_provided: str) -> _Cell:
    attrs = f' lang="{escape_html(tag)}" dir="{"rtl" if rtl else "ltr"}"'
    return _Cell(
        tag=tag,
        not_provided=not_provided,
        head=f'<th scope="col"{attrs}>',
        plain=f"<td{attrs}>",
        missing=f'<td{attrs} class="missing">',
        gap=f'<td{attrs} class="gap">',
    )


def _heading(section: LocalizedSection, cells: list[_Cell]) -> str:
    return _heading_row(tuple([cell.head for cell in cells]), section.number, section.titles, section.citation)


@functools.lru_cache(maxsize=1024)
def _heading_row(heads: tuple[str, ...], number: str, titles: tuple[str, ...], citation: str | None) -> str:
    """A section's heading row; its parts come from the catalogs and the builder, never from the request."""
    e = _escape_label
    escaped = e(number)
    cited = _citation_span(citation, "") if citation else ""
    cells = "".join(
        f'{head}<h2><span class="number">{escaped}.</span> {e(title)}</h2>{cited}</th>'
        for head, title in zip(heads, titles, strict=True)
    )
    return f'<tr class="heading">{cells}</tr>'


@functools.lru_cache(maxsize=4096)
def _label_div(label: str, citation: str | None) -> str:
    """The escaped label of a field and its citation, up to where its value starts."""
    cited = _citation_span(citation, " ") if citation else ""
    return f'<div class="label">{_escape_label(label)}{cited}</div><div class="value">'


def _rows(fields: Sequence[LocalizedField], cells: list[_Cell]) -> list[str]:
    """The ``<tr>`` of each field, one cell per language, every string escaped."""
    escape = escape_html
    label_div = _label_div
    rows = []
    if len(cells) == 1:
        (cell,) = cells
        tag, not_provided = cell.tag, cell.not_provided
        for field in fields:
            value = field.values[0]
            if tag in field.missing:
                td = cell.missing
            elif value == not_provided:
                td = cell.gap
            else:
                td = cell.plain
            rows.append(f"<tr>{td}{label_div(field.labels[0], field.citation)}{escape(value)}</div></td></tr>")
        return rows
    for field in fields:
        missing = field.missing
        citation = field.citation
        parts = []
        for cell, label, value in zip(cells, field.labels, field.values, strict=True):
            if cell.tag in missing:
                td = cell.missing
            elif value == cell.not_provided:
                td = cell.gap
            else:
                td = cell.plain
            parts.append(f"{td}{label_div(label, citation)}{escape(value)}</div></td>")
        rows.append(f"<tr>{''.join(parts)}</tr>")
    return rows


class HTMLRenderer:
    """HTML5, UTF-8; options: ``letterhead`` (string or lines), ``template`` (jinja2 source to use instead)."""

    name: ClassVar[str] = "html"
    media_type: ClassVar[str] = "text/html; charset=utf-8"
    extension: ClassVar[str] = ".html"

    def render(
        self,
        document: LocalizedDocument,
        *,
        letterhead: str | Sequence[str] | None = None,
        template: str | None = None,
    ) -> bytes:
        """The document as an HTML page (see the module documentation for the layout and context)."""
        if template is not None and not isinstance(template, str):
            raise ValueError(f"template: must be the jinja2 source text of a template, got {type(template).__name__}")
        compiled = _builtin_template() if template is None else _user_template(template)
        from markupsafe import Markup

        cells = [
            _cell_of(tag, document.rtl[i], document.messages[i]["not_provided"])
            for i, tag in enumerate(document.languages)
        ]
        columns = [
            {
                "index": i,
                "lang": tag,
                "dir": "rtl" if document.rtl[i] else "ltr",
                "name": document.messages[i]["language_name"],
                "title": document.titles[i],
                "header": header_lines(document, i),
                "footer": footer_lines(document, i),
                "not_provided": document.messages[i]["not_provided"],
            }
            for i, tag in enumerate(document.languages)
        ]
        parts = []
        sections = []
        for section in document.sections:
            heading = _heading(section, cells)
            rows = _rows(section.fields, cells)
            parts.append(f'<tbody class="section" id="section-{_escape_label(section.number)}">')
            parts.append(heading)
            parts += rows or [""]
            parts.append("</tbody>")
            if template is not None:  # the built-in template does not read them
                # every part below went through escape_html
                sections.append((section.number, Markup(heading), Markup("\n".join(rows))))  # noqa: S704
        body = Markup("\n".join(parts))  # noqa: S704 - idem
        title = document.titles[0] + (f" — {document.reference}" if document.reference else "")
        from jinja2 import TemplateError

        try:
            html = compiled.render(
                doc=document,
                title=title,
                columns=columns,
                sections=sections,
                body=body,
                letterhead=letterhead_lines(letterhead),
                style=_style(),
            )
        except TemplateError as exc:
            if template is None:
                raise
            raise ValueError(f"template: {type(exc).__name__}: {exc}") from None
        return html.encode("utf-8")
