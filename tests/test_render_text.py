"""Text preparation for the layouts: visible characters, bidi ordering, shaping, font fallback."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budapest_coop.errors import MissingGlyphsError
from budapest_coop.render._fonts import build_chain
from budapest_coop.render._pdf_layout import escape
from budapest_coop.render._text import (
    _RTL_BLOCKS,
    INVISIBLE,
    base_is_rtl,
    has_rtl,
    printable,
    reshape,
    strip_invisible,
    visual_line,
)
from tests.fonts import make_font


def test_line_breaks_are_normalised_and_tabs_become_spaces() -> None:
    """CR LF, CR, VT, FF, NEL and the Unicode separators all become one line feed; a tab four spaces."""
    assert printable("a\r\nb\rc\x0bd\x0ce\x85f\u2028g\u2029h\ti") == "a\nb\nc\nd\ne\nf\ng\nh    i"


def test_controls_and_bidi_overrides_become_visible_codes() -> None:
    """C0/C1 controls, bidi embeddings, overrides, isolates and non-characters are shown as [U+XXXX]."""
    assert printable("\x00\x1b\x7f\x9f") == "[U+0000][U+001B][U+007F][U+009F]"
    assert printable("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") == "".join(
        f"[U+{code:04X}]" for code in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069)
    )
    assert printable("\ufeffBOM \ufffe \uffff") == "[U+FEFF]BOM [U+FFFE] [U+FFFF]"


def test_steering_characters_are_kept_for_shaping_and_never_drawn() -> None:
    """Joiners, marks, soft hyphen and variation selectors pass printable() and are stripped before drawing."""
    text = "a\u200db\u200cc\u200ed\u200fe\u00adf\u2060g\ufe0fh\U000e0100"
    assert printable(text) == text
    assert strip_invisible(text) == "abcdefgh"
    assert {"\u200d", "\ufe0f", "\U000e0100"} <= INVISIBLE


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",))))
def test_printable_never_leaves_an_invisible_control(text: str) -> None:
    """Whatever the input, no control or format character survives printable() but line feeds and steering ones.

    Private-use and unassigned code points stay: whether a font can draw them is the font chain's question.
    """
    result = printable(text)
    left = {c for c in result if unicodedata.category(c) in ("Cc", "Cf", "Cs") and c != "\n" and c not in INVISIBLE}
    assert left == set()


def test_the_escaping_helper_turns_markup_into_text() -> None:
    """The one escaping helper for Paragraph markup escapes &, < and >."""
    assert escape('<img src="/etc/passwd"/> & <b>') == '&lt;img src="/etc/passwd"/&gt; &amp; &lt;b&gt;'


def test_every_right_to_left_character_is_found() -> None:
    """The fast pre-filter of has_rtl covers every code point of bidi class R or AL."""
    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.bidirectional(chr(code)) in ("R", "AL") and not _RTL_BLOCKS.match(chr(code))
    ]
    assert missed == []
    assert has_rtl("abc שלום")
    assert has_rtl("مرحبا")
    assert not has_rtl("abc 123 ()")
    assert not has_rtl("\u0660\u0661")  # Arabic-Indic digits are weak, not right-to-left letters


def test_base_direction_follows_the_text_and_the_column() -> None:
    """Text without RTL letters is LTR anywhere; with them, RTL in an RTL column, else its first strong letter."""
    assert base_is_rtl("+33 4 65 71 00 10", column_rtl=True) is False
    assert base_is_rtl("Parquet de Lyon مرحبا", column_rtl=True) is True
    assert base_is_rtl("Parquet de Lyon مرحبا", column_rtl=False) is False
    assert base_is_rtl("مرحبا Lyon", column_rtl=False) is True


def test_arabic_is_shaped_into_contextual_forms_keeping_vowel_marks() -> None:
    """Arabic letters take their joining forms and lam-alef ligates; harakat and tatweel are kept."""
    assert reshape("سلام") == "ﺳﻼﻡ"
    assert "\u064e" in reshape("كَتب")
    assert "\u0640" in reshape("كـتب")
    assert reshape("Latin only") == "Latin only"
    assert unicodedata.normalize("NFKC", reshape("مرحبا بالعالم")) == "مرحبا بالعالم"


def test_visual_order_of_mixed_lines() -> None:
    """RTL runs are reversed, LTR runs inside keep their order, brackets are mirrored inside RTL runs."""
    assert visual_line("שלום (עולם) 198.51.100.23", rtl=True) == "198.51.100.23 (םלוע) םולש"
    assert visual_line("abc (שלום) def", rtl=False) == "abc (םולש) def"
    assert visual_line("המספר PL-CYBER-2026-00417 נשלח", rtl=True) == "חלשנ PL-CYBER-2026-00417 רפסמה"
    assert visual_line("a\u200fb", rtl=False) == "ab"


def test_trailing_spaces_do_not_move_to_the_start_of_a_right_to_left_line() -> None:
    """Rule L1: trailing white space stays at the end of the line in the paragraph's direction."""
    assert visual_line("שלום  ", rtl=True) == "  םולש"
    assert visual_line("abc שלום  ", rtl=False) == "abc םולש  "


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from("אבג abc 123 ()[]<>.,-:مرحبا"), max_size=40), st.booleans())
def test_visual_line_is_a_permutation_up_to_mirroring(text: str, rtl: bool) -> None:
    """Ordering a line never adds or loses a character: only brackets change, into their mirror."""
    mirror = str.maketrans("()[]<>", "(([[<<")
    shown = unicodedata.normalize("NFKC", visual_line(text, rtl))
    assert sorted(shown.translate(mirror)) == sorted(unicodedata.normalize("NFKC", reshape(text)).translate(mirror))


def test_font_chain_falls_back_per_character(tmp_path: Path) -> None:
    """Each character is drawn in the first font covering it; an uncovered one raises MissingGlyphsError."""
    make_font(tmp_path / "pua.ttf", "\ue000", family="Budapest Test Chain")
    chain = build_chain("ab\ue000", font_dirs=[tmp_path], system_fonts=False)
    runs = [(face.name, text) for face, text in chain.runs("ab \ue000 cd")]
    assert runs == [("DejaVuSans", "ab "), ("BudapestTestChain", "\ue000 "), ("DejaVuSans", "cd")]
    with pytest.raises(MissingGlyphsError) as caught:
        chain.runs("x\ue001")
    assert caught.value.characters == ("\ue001",)


def test_uncovered_space_characters_become_ordinary_spaces() -> None:
    """A space character no font has (the ideographic space without a CJK font) is drawn as a space."""
    chain = build_chain("a b", system_fonts=False)
    assert [text for _, text in chain.runs("a\u3000b")] == ["a b"]


def test_bold_falls_back_to_regular_before_other_fonts() -> None:
    """A character DejaVu Sans Bold lacks but DejaVu Sans has is drawn in DejaVu Sans."""
    chain = build_chain("x", system_fonts=False)
    bold, regular = chain.bold[0], chain.regular[0]
    only_regular = next(c for c in sorted(regular.coverage) if c not in bold.coverage and not c.isspace())
    assert [face.name for face, _ in chain.runs(f"x{only_regular}", bold=True)] == ["DejaVuSans-Bold", "DejaVuSans"]
