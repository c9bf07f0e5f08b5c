"""The ``markdown`` format: CommonMark with GitHub tables, for wikis, tickets and review tools.

One language: each section is a heading followed by a list of ``**label**: value`` items.
Two languages: each section is a table with one column per language, side by side. Every
string passes through :func:`escape_markdown`, so user text never becomes Markdown or HTML;
line breaks inside a value are written as ``<br>``, which keeps each value on one source
line (no text of the user can start a list, a heading or a code block).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import ClassVar

from budapest_coop.render._layout import footer_lines, header_lines, letterhead_lines
from budapest_coop.render.document import LocalizedDocument, LocalizedField

__all__ = ["MarkdownRenderer", "escape_markdown"]

_SPECIAL = "\\`*_[]<>&|~#$!"
_TABLE = str.maketrans({**{c: "\\" + c for c in _SPECIAL}, "\n": "<br>"})
_NEEDS_ESCAPE = re.compile(r"[\\`*_\[\]<>&|~#$!\r\n]")


def escape_markdown(text: str) -> str:
    """*text* as Markdown that displays exactly that text, on one source line.

    Every character Markdown or its HTML could read as markup is escaped with a backslash
    (CommonMark allows it before any ASCII punctuation); line ends become ``<br>``.

    >>> escape_markdown('Ivanov <ivanov@example.org> & <img src="/etc/passwd"/>')
    'Ivanov \\\\<ivanov@example.org\\\\> \\\\& \\\\<img src="/etc/passwd"/\\\\>'
    >>> escape_markdown("# not a heading\\n* not a list | not a cell")
    '\\\\# not a heading<br>\\\\* not a list \\\\| not a cell'
    """
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_TABLE)


#: Escaped labels and citations: catalog and builder strings, a small set (user text is never cached).
_escape_label = functools.lru_cache(maxsize=4096)(escape_markdown)


class MarkdownRenderer:
    """Markdown (CommonMark + GitHub tables), UTF-8; options: ``letterhead``."""

    name: ClassVar[str] = "markdown"
    media_type: ClassVar[str] = "text/markdown; charset=utf-8"
    extension: ClassVar[str] = ".md"

    def render(self, document: LocalizedDocument, *, letterhead: str | Sequence[str] | None = None) -> bytes:
        """The document as Markdown (see the module documentation for the layout)."""
        e = escape_markdown
        langs = range(len(document.languages))
        out: list[str] = []
        lines = letterhead_lines(letterhead)
        if lines:
            out += ["<br>".join(e(line) for line in lines), ""]
        out += [f"# {e(document.titles[0])}", ""]
        for i in langs:
            if i:
                out += [f"**{e(document.titles[i])}**", ""]
            out += ["<br>".join(e(line) for line in header_lines(document, i)), ""]
        bilingual = len(document.languages) > 1
        for section in document.sections:
            titles = " / ".join(e(t) for t in dict.fromkeys(section.titles))
            out += [f"## {section.number}. {titles}", ""]
            if section.citation:
                out += [f"*{e(section.citation)}*", ""]
            if bilingual:
                out.append("| " + " | ".join(e(m["language_name"]) for m in document.messages) + " |")
                out.append("|" + "---|" * len(document.languages))
                out += ["| " + " | ".join(self._cells(document, f)) + " |" for f in section.fields]
            else:
                out += [f"- {self._cells(document, f)[0]}" for f in section.fields]
            out.append("")
        out.append("---")
        out.append("")
        for i in langs:
            out += ["<br>".join(e(line) for line in footer_lines(document, i)), ""]
        return "\n".join(out).encode("utf-8")

    @staticmethod
    def _cells(document: LocalizedDocument, field: LocalizedField) -> list[str]:
        cells = []
        citation = f" *({_escape_label(field.citation)})*" if field.citation else ""
        for i, (label, value) in enumerate(zip(field.labels, field.values, strict=True)):
            shown = f"**{_escape_label(label)}**{citation}"
            cells.append(document.messages[i]["label_value"].format(label=shown, value=escape_markdown(value)))
        return cells
