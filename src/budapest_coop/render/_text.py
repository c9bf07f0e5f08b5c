"""Text preparation shared by the layout renderers: visible characters, right-to-left lines.

Nothing here imports a layout library. Two jobs:

1. :func:`printable` decides what becomes of characters that have no glyph by nature (controls,
   format characters, lone surrogates). The rule, documented in ``docs/pdf.md``:

   - line and paragraph separators (CR LF, CR, VT, FF, NEL, U+2028, U+2029) become ``"\\n"``;
     a tab becomes four spaces;
   - invisible characters that only steer shaping, line breaking, bidi ordering or glyph
     variants (soft hyphen, zero-width space, (non-)joiners, word joiner, LRM, RLM, ALM,
     variation selectors) are kept in the text handed to the shaping and bidi steps, and not
     drawn;
   - every other control, format character (including the bidi embeddings, overrides and
     isolates, which could make the page show something other than the data), lone
     surrogate and the non-characters U+FFFE and U+FFFF is shown visibly as ``[U+XXXX]``,
     so a reader sees what the data holds.

2. :func:`visual_line` turns one line, already wrapped in logical order, into the order it is
   drawn in from left to right: Arabic is reshaped into its contextual forms
   (``arabic-reshaper``), then the Unicode bidirectional algorithm (``python-bidi``) orders the
   runs, and characters such as brackets are mirrored inside right-to-left runs. A run of
   left-to-right text inside right-to-left text (an IP address, a reference) keeps its order.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "INVISIBLE",
    "base_is_rtl",
    "has_rtl",
    "printable",
    "strip_invisible",
    "visual_line",
]

#: Characters kept for shaping, line breaking and bidi ordering, but never drawn: soft hyphen,
#: zero-width space, (non-)joiners, LRM, RLM, ALM, word joiner and the variation selectors
#: (a glyph variant reportlab cannot select; the base character is drawn).
INVISIBLE = frozenset(
    "\u00ad\u200b\u200c\u200d\u200e\u200f\u061c\u2060"
    + "".join(chr(code) for code in range(0xFE00, 0xFE10))
    + "".join(chr(code) for code in range(0xE0100, 0xE01F0))
)

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_TAB = "    "
_RTL_CLASSES = frozenset({"R", "AL"})
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})


@functools.lru_cache(maxsize=4096)
def _is_hidden(char: str) -> bool:
    # U+FFFE and U+FFFF are not characters at all (and XML cannot hold them).
    return (unicodedata.category(char) in _HIDDEN_CATEGORIES and char not in INVISIBLE) or char in "\ufffe\uffff"


def printable(text: str) -> str:
    """*text* with every character that has no glyph by nature made visible or turned into layout.

    >>> printable("a\\r\\nb\\tc")
    'a\\nb    c'
    >>> printable("bell\\x07 and \\u202eoverride")
    'bell[U+0007] and [U+202E]override'
    >>> printable("soft\\u00adhyphen") == "soft\\u00adhyphen"
    True
    """
    if "\t" not in text and text.replace("\n", "").isprintable():
        return text
    text = _LINE_BREAKS.sub("\n", text).replace("\t", _TAB)
    hidden = {ord(c): f"[U+{ord(c):04X}]" for c in set(text) if c != "\n" and not c.isprintable() and _is_hidden(c)}
    return text.translate(hidden) if hidden else text


def strip_invisible(text: str) -> str:
    """*text* without the invisible steering characters of :data:`INVISIBLE` (what is drawn)."""
    if not INVISIBLE.intersection(text):
        return text
    return "".join(c for c in text if c not in INVISIBLE)


@functools.lru_cache(maxsize=8192)
def _bidi_class(char: str) -> str:
    return unicodedata.bidirectional(char)


# Every character of bidi class R or AL lies in these blocks (a test checks all code points);
# the regular expression skips the common case, text without any of them, at C speed.
_RTL_BLOCKS = re.compile("[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]")


def has_rtl(text: str) -> bool:
    """True when *text* holds a strong right-to-left character (Hebrew, Arabic, Syriac, ...)."""
    return any(_bidi_class(c) in _RTL_CLASSES for c in _RTL_BLOCKS.findall(text))


def base_is_rtl(paragraph: str, column_rtl: bool) -> bool:
    """The base direction of one paragraph (one line of user text before wrapping).

    Text without right-to-left characters is left to right wherever it stands, so a phone
    number or an address in an Arabic column keeps its order. Text with right-to-left
    characters takes the column's direction in a right-to-left column, and elsewhere the
    direction of its first strong character (rules P2 and P3 of UAX #9).

    >>> base_is_rtl("+33 4 65 71 00 10", column_rtl=True)
    False
    >>> base_is_rtl("Claire Martin، نائبة المدعي العام", column_rtl=True)
    True
    >>> base_is_rtl("Name: محمد", column_rtl=False)
    False
    >>> base_is_rtl("محمد (Paris)", column_rtl=False)
    True
    """
    if not has_rtl(paragraph):
        return False
    if column_rtl:
        return True
    for char in paragraph:
        kind = _bidi_class(char)
        if kind in _RTL_CLASSES:
            return True
        if kind == "L":
            return False
    return False


@functools.cache
def _reshaper() -> object:
    from arabic_reshaper import ArabicReshaper

    # Vowel marks (harakat) and tatweel are part of what the user wrote: keep them.
    return ArabicReshaper(configuration={"delete_harakat": False, "delete_tatweel": False, "support_ligatures": True})


_ARABIC_LETTERS = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def _needs_shaping(text: str) -> bool:
    return _ARABIC_LETTERS.search(text) is not None


def reshape(text: str) -> str:
    """*text* with Arabic letters in their contextual (presentation) forms; other text unchanged."""
    if not _needs_shaping(text):
        return text
    return _reshape(text)


@functools.lru_cache(maxsize=8192)
def _reshape(text: str) -> str:
    # Words recur (line breaking measures each one): the reshaper is slow, so remember them.
    return str(_reshaper().reshape(text))  # type: ignore[attr-defined]


_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def _levels(text: str, base: str) -> list[int] | None:
    """The resolved embedding level of each character of *text* (rules X1 to I2 of UAX #9).

    python-bidi's Rust implementation gives the levels only in its debug description (one
    level per UTF-8 byte); None when that description cannot be read.
    """
    from bidi import get_display

    info = str(get_display(text, base_dir=base, debug=True))
    if "levels:" not in info or "paragraphs:" not in info:
        return None
    section = info.split("levels:", 1)[1].split("paragraphs:", 1)[0]
    per_byte = [int(level) for level in _LEVEL.findall(section)]
    if len(per_byte) != len(text.encode("utf-8")):
        return None
    levels: list[int] = []
    position = 0
    for char in text:
        levels.append(per_byte[position])
        position += len(char.encode("utf-8"))
    return levels


def _reorder(text: str, levels: list[int], base_level: int) -> str:
    """Rules L1 (trailing whitespace), L2 (reversal) and L4 (mirroring) of UAX #9 for one line."""
    from bidi.mirror import MIRRORED

    levels = list(levels)
    index = len(text) - 1
    while index >= 0 and (text[index].isspace() or text[index] in INVISIBLE):
        levels[index] = base_level
        index -= 1
    chars = [MIRRORED.get(c, c) if level % 2 else c for c, level in zip(text, levels, strict=True)]
    order = list(range(len(chars)))
    highest = max(levels, default=0)
    lowest_odd = min((level for level in levels if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        start = None
        for position in range(len(order) + 1):
            inside = position < len(order) and levels[order[position]] >= level
            if inside and start is None:
                start = position
            elif not inside and start is not None:
                order[start:position] = reversed(order[start:position])
                start = None
    return "".join(chars[i] for i in order)


_LRI, _PDI = "\u2066", "\u2069"
_LTR_START = frozenset({"L", "EN"})
_RTL_OR_BREAK = frozenset({"R", "AL", "AN", "B"})
_ATTACHED = frozenset({"CS", "ON", "ET", "ES"})
_CLOSING = frozenset(")]}»›")


def isolate_ltr_runs(line: str) -> str:
    """*line* with each left-to-right run (words, numbers, addresses) inside LRI ... PDI.

    In a right-to-left line, a run of Latin text or digits keeps its own order as a whole:
    ``+442079460321`` keeps its plus sign in front and ``note;`` its semicolon behind, instead
    of the neutral characters at the run's edges taking the line's direction. A run starts at a
    letter or digit (or a sign right before a digit), stops before any right-to-left letter,
    and ends with the punctuation attached to its last letter or digit (not a closing bracket,
    which belongs to the enclosing text). Only applied to lines of our own making, after user
    text went through :func:`printable`, so the isolates never come from the user.

    >>> isolate_ltr_runs("רקם: +44 20 7946 0321.") == "רקם: \u2066+44 20 7946 0321.\u2069"
    True
    """
    classes = [_bidi_class(c) for c in line]
    out: list[str] = []
    i, n = 0, len(line)
    while i < n:
        kind = classes[i]
        starts = kind in _LTR_START or (kind in ("ES", "ET") and i + 1 < n and classes[i + 1] == "EN")
        if not starts:
            out.append(line[i])
            i += 1
            continue
        end, last = i, i
        while end < n and classes[end] not in _RTL_OR_BREAK:
            if classes[end] in _LTR_START:
                last = end
            end += 1
        stop = last + 1
        while stop < end and classes[stop] in _ATTACHED and line[stop] not in _CLOSING:
            stop += 1
        out.append(f"{_LRI}{line[i:stop]}{_PDI}")
        i = stop
    return "".join(out)


def visual_line(line: str, rtl: bool) -> str:
    """One wrapped *line* in drawing order (left to right), shaped and mirrored.

    *rtl* is the base direction of the paragraph (the column's language). The invisible
    steering characters are used for ordering and removed from the result. In a
    right-to-left line, left-to-right runs are isolated first (:func:`isolate_ltr_runs`).

    >>> visual_line("abc", rtl=False)
    'abc'
    >>> visual_line("שלום (עולם) 198.51.100.23", rtl=True)
    '198.51.100.23 (םלוע) םולש'
    >>> visual_line("רקם: +442079460321", rtl=True)
    '+442079460321 :םקר'
    """
    shaped = reshape(line)
    if not rtl and not has_rtl(shaped):
        return strip_invisible(shaped)
    base = "R" if rtl else "L"
    if rtl:
        shaped = isolate_ltr_runs(shaped)
    levels = _levels(shaped, base)
    if levels is None:  # pragma: no cover - only with a python-bidi whose debug output changed
        from bidi.algorithm import get_display

        drawn = str(get_display(shaped, base_dir=base))
    else:
        drawn = _reorder(shaped, levels, 1 if rtl else 0)
    return strip_invisible(drawn.replace(_LRI, "").replace(_PDI, ""))
