"""The ``text`` format: a plain UTF-8 text file, for e-mail bodies, terminals and archives.

With two languages each line is given in both, one after the other, prefixed by the
language tag (``[en]``, ``[fr]``). Lines are never wrapped, so no character the user wrote
is moved or lost. The only change made to text is :func:`escape_text`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from budapest_coop.render._layout import footer_lines, header_lines, letterhead_lines
from budapest_coop.render.document import LocalizedDocument, LocalizedField

__all__ = ["TextRenderer", "escape_text"]

_NEWLINES = re.compile(r"\r\n?")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


def escape_text(text: str) -> str:
    """Make *text* safe to print on a terminal, keeping every character visible.

    Line ends become ``\\n``; other control characters, which a terminal would obey (an
    escape sequence can rewrite the screen), are shown instead: C0 controls and DEL as
    their Unicode control pictures (``\\x1b`` becomes ``␛``), C1 controls as ``<U+0085>``.
    Everything else, markup included, stays exactly as written.

    >>> escape_text('Ivanov <ivanov@example.org> & <img src="/etc/passwd"/>')
    'Ivanov <ivanov@example.org> & <img src="/etc/passwd"/>'
    >>> escape_text("a\\r\\nb\\x1b[2Jc\\x85")
    'a\\nb␛[2Jc<U+0085>'
    """
    if text.isprintable():
        return text
    return _CONTROLS.sub(_picture, _NEWLINES.sub("\n", text))


class TextRenderer:
    """Plain text, UTF-8; options: ``letterhead`` (a string or a list of lines shown first)."""

    name: ClassVar[str] = "text"
    media_type: ClassVar[str] = "text/plain; charset=utf-8"
    extension: ClassVar[str] = ".txt"

    def render(self, document: LocalizedDocument, *, letterhead: str | Sequence[str] | None = None) -> bytes:
        """The document as text (see the module documentation for the layout)."""
        out: list[str] = [escape_text(line) for line in letterhead_lines(letterhead)]
        if out:
            out.append("")
        langs = document.languages
        prefix = [f"[{tag}] " if len(langs) > 1 else "" for tag in langs]
        for i in range(len(langs)):
            out.append(prefix[i] + escape_text(document.titles[i]))
        for i in range(len(langs)):
            out.extend(prefix[i] + escape_text(line) for line in header_lines(document, i))
        for section in document.sections:
            out.append("")
            citation = f" ({section.citation})" if section.citation else ""
            titles = " / ".join(escape_text(t) for t in dict.fromkeys(section.titles))
            heading = f"{section.number}. {titles}{citation}"
            out += [heading, "-" * min(len(heading), 80)]
            for field in section.fields:
                out.extend(self._field(document, field, prefix))
        out.append("")
        for i in range(len(langs)):
            out.extend(prefix[i] + escape_text(line) for line in footer_lines(document, i))
        return ("\n".join(out) + "\n").encode("utf-8")

    @staticmethod
    def _field(document: LocalizedDocument, field: LocalizedField, prefix: list[str]) -> list[str]:
        lines = []
        citation = f" [{field.citation}]" if field.citation else ""
        for i, (label, value) in enumerate(zip(field.labels, field.values, strict=True)):
            pattern = document.messages[i]["label_value"]
            lines.append(prefix[i] + pattern.format(label=escape_text(label + citation), value=escape_text(value)))
        return lines
