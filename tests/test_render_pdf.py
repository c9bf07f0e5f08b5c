"""The PDF renderer: completeness, page furniture, fonts, metadata, safety, right to left, determinism."""

from __future__ import annotations

import functools
import io
import os
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budapest_coop.errors import MissingGlyphsError, RenderError
from budapest_coop.render import LocalizedDocument, LocalizedField, LocalizedSection
from budapest_coop.render._fonts import ENV_VAR, font_candidates
from budapest_coop.render._text import has_rtl, printable, reshape, strip_invisible
from budapest_coop.render.pdf import PDFRenderer
from budapest_coop.typing import Renderer
from tests.fonts import make_font
from tests.localized import (
    DIGEST,
    INJECTION,
    REFERENCE,
    STANDARD_14,
    pdf_chrome,
    pdf_columns,
    pdf_fonts,
    pdf_pages,
    sample_document,
    squash,
    with_value,
)

RENDERER = PDFRenderer()


@pytest.fixture(autouse=True)
def _no_font_directories_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fonts named in the caller's BUDAPEST_COOP_FONT_DIRS must not change what these tests see."""
    monkeypatch.delenv(ENV_VAR, raising=False)


def render(document: LocalizedDocument, **options: object) -> bytes:
    """The PDF of *document*, with the bundled fonts only unless options say otherwise."""
    options.setdefault("system_fonts", False)
    return RENDERER.render(document, **options)


def cjk_font_dirs() -> list[str]:
    """Directories holding a usable TrueType font that covers Japanese, or skip the test."""
    for candidate in font_candidates(system_fonts=True):
        if candidate.usable and candidate.path.lower().endswith((".ttf", ".ttc")):
            from fontTools.ttLib import TTFont

            cmap = TTFont(candidate.path, fontNumber=candidate.index, lazy=True).getBestCmap()
            if all(ord(c) in cmap for c in "保全要請日本語"):
                return [str(Path(candidate.path).parent)]
    pytest.skip("no TrueType font covering Japanese is installed (Debian: fonts-ipafont-gothic)")


def test_pdf_renderer_satisfies_the_renderer_protocol() -> None:
    """PDFRenderer is a Renderer named "pdf" producing application/pdf files ending in .pdf."""
    assert isinstance(RENDERER, Renderer)
    assert (RENDERER.name, RENDERER.media_type, RENDERER.extension) == ("pdf", "application/pdf", ".pdf")


def test_importing_the_render_package_does_not_import_reportlab() -> None:
    """`import budapest_coop.render` and the renderer modules load no reportlab, fontTools or python-docx."""
    code = (
        "import sys, budapest_coop.render, budapest_coop.render.pdf, budapest_coop.render.docx; "
        "heavy = [m for m in ('reportlab', 'fontTools', 'docx', 'arabic_reshaper', 'bidi') if m in sys.modules]; "
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def _headings(document: LocalizedDocument, index: int) -> list[str]:
    return [f"{section.number}. {section.titles[index]}" for section in document.sections]


def without_headings(column: str, document: LocalizedDocument, index: int) -> str:
    """*column* squashed, without the section headings and citations a table repeats on each page."""
    text = squash(column)
    for heading in _headings(document, index) + [s.citation or "" for s in document.sections]:
        text = text.replace(squash(heading), "") if heading else text
    return text


def assert_in_order(column: str, expected: list[str]) -> None:
    """Every text of *expected* occurs in *column* (squashed), one after the other."""
    position = 0
    for text in expected:
        found = column.find(squash(text), position)
        assert found >= 0, f"{text!r} missing or out of order"
        position = found


@pytest.mark.parametrize("languages", [("en",), ("fr",), ("en", "fr")])
def test_every_title_label_and_value_appears(languages: tuple[str, ...]) -> None:
    """Each column of the PDF holds every section title, label and value of its language, in order."""
    document = sample_document(languages)
    data = render(document)
    for index, column in enumerate(pdf_columns(data, len(languages))):
        assert_in_order(squash(column), [document.titles[index], *_headings(document, index)])
        fields = [text for s in document.sections for f in s.fields for text in (f.labels[index], f.values[index])]
        assert_in_order(without_headings(column, document, index), fields)


@pytest.mark.parametrize("languages", [("en",), ("en", "fr"), ("en", "ar")])
def test_every_page_carries_reference_page_number_and_digest(languages: tuple[str, ...]) -> None:
    """Every page shows the reference, "page x of y" with the right numbers and the full SHA-256."""
    data = render(sample_document(languages))
    chrome = [squash(text) for text in pdf_chrome(data)]
    assert len(chrome) >= 2
    for number, text in enumerate(chrome, start=1):
        assert REFERENCE in text
        assert squash(f"Page {number} of {len(chrome)}") in text
        assert DIGEST in text
    if "fr" in languages:
        assert squash(f"Page 1 sur {len(chrome)}") in chrome[0]


def test_page_pattern_without_placeholders_falls_back_to_english() -> None:
    """A page pattern lacking {page} or {pages} is not trusted: the English pattern is used."""
    document = sample_document(("fr",))
    broken = attrs.evolve(document, messages=({**document.messages[0], "page_x_of_y": "Page {0}"},))
    chrome = squash(pdf_chrome(render(broken))[0])
    assert squash("Page 1 of") in chrome


def test_all_fonts_are_embedded_truetype_and_none_is_standard_14() -> None:
    """Every font in every page's resources is an embedded TrueType program, never a standard-14 font."""
    for languages in [("en",), ("en", "ar"), ("he",)]:
        fonts = pdf_fonts(render(sample_document(languages)))
        assert fonts
        for font in fonts:
            assert font.embedded, font
            assert font.subtype == "TrueType", font
            assert font.name.split("+")[-1] not in STANDARD_14, font


def test_metadata_names_title_kind_reference_language_author_and_creator() -> None:
    """The document information and catalog carry title, subject (kind), keywords (reference), /Lang, author."""
    from pypdf import PdfReader

    data = render(sample_document(("fr", "en")))
    reader = PdfReader(io.BytesIO(data))
    info = reader.metadata
    assert info is not None
    assert str(info.title).startswith("Demande de conservation")
    assert info.subject == "preservation-request"
    assert info["/Keywords"] == REFERENCE
    assert info.author == "Parquet de Lyon, pôle cybercriminalité"
    assert str(info.creator).startswith("budapest_coop")
    assert reader.trailer["/Root"]["/Lang"] == "fr"


def test_author_defaults_to_budapest_coop_and_can_be_given() -> None:
    """Without a requesting authority the author is budapest_coop; the author option overrides it."""
    from pypdf import PdfReader

    document = sample_document(("en",))
    anonymous = attrs.evolve(document, sections=tuple(s for s in document.sections if s.key != "requesting_authority"))
    assert PdfReader(io.BytesIO(render(anonymous))).metadata.author == "budapest_coop"  # type: ignore[union-attr]
    named = PdfReader(io.BytesIO(render(document, author="Ministère de la Justice")))
    assert named.metadata.author == "Ministère de la Justice"  # type: ignore[union-attr]


@pytest.mark.parametrize("languages", [("en",), ("en", "ar")])
def test_user_text_is_never_markup(languages: tuple[str, ...]) -> None:
    """Tags and entities in labels and values render literally, and no image is ever loaded."""
    markup = f"{INJECTION} &amp; <b>x</b> <font face='Courier'>y</font>"
    arabic = f"السيد {markup}"
    values = (markup, arabic)[: len(languages)]
    document = with_value(sample_document(languages), INJECTION)
    document = attrs.evolve(
        document,
        sections=(
            LocalizedSection(
                number="0",
                titles=("<font face='Courier'>Title</font>",) * len(languages),
                fields=(LocalizedField(labels=(INJECTION,) * len(languages), values=values),),
            ),
            *document.sections,
        ),
    )
    from pypdf import PdfReader

    data = render(document)
    columns = [squash(text) for text in pdf_columns(data, len(languages))]
    for text in (INJECTION, "<font face='Courier'>Title</font>", markup):
        assert squash(text) in columns[0]
    if len(languages) == 2:
        # Right-to-left text is drawn in visual order: every character is there, brackets mirrored.
        mirrored = str.maketrans("<>", "<<")
        assert Counter(squash(arabic).translate(mirrored)) <= Counter(columns[1].translate(mirrored))
    assert not [image for page in PdfReader(io.BytesIO(data)).pages for image in page.images]
    assert all(font.name.split("+")[-1] not in STANDARD_14 for font in pdf_fonts(data))


def test_a_character_no_font_covers_raises_missing_glyphs_error() -> None:
    """A private-use character no font covers raises MissingGlyphsError naming it, before anything is drawn."""
    document = with_value(sample_document(("en",)), "evidence \ue000 and \U0010fffd")
    with pytest.raises(MissingGlyphsError) as caught:
        render(document)
    assert caught.value.characters == ("\ue000", "\U0010fffd")
    assert "U+E000" in str(caught.value)
    assert "DejaVuSans" in str(caught.value)


def test_control_and_format_characters_are_shown_visibly() -> None:
    """Controls and bidi overrides in user text appear as [U+XXXX]; layout characters do not break rendering."""
    value = "bell\x07 null\x00 override\u202emoc.elpmaxe tab\there\r\nnext soft\u00adhyphen"
    document = with_value(sample_document(("en",)), value)
    body = squash(pdf_columns(render(document))[0])
    assert squash("bell[U+0007] null[U+0000] override[U+202E]moc.elpmaxe tab here next softhyphen") in body


def test_font_directories_extend_coverage(tmp_path: Path) -> None:
    """A TrueType font in font_dirs covers what DejaVu lacks; it is embedded and its characters extracted."""
    make_font(tmp_path / "pua.ttf", "\ue000\ue001", family="Budapest Test PUA")
    data = render(with_value(sample_document(("en",)), "seal \ue000\ue001 end"), font_dirs=[tmp_path])
    assert squash("seal \ue000\ue001 end") in squash(pdf_columns(data)[0])
    names = {font.name.split("+")[-1] for font in pdf_fonts(data)}
    assert "BudapestTestPUA" in names
    assert all(font.embedded for font in pdf_fonts(data))


def test_bold_text_in_a_fallback_font_is_emboldened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bold label in a font without a bold face is drawn filled and stroked, so it still reads as bold."""
    from reportlab.pdfgen.canvas import Canvas

    make_font(tmp_path / "pua.ttf", "\ue000", family="Budapest Test Bold")
    modes: dict[str, object] = {}
    original = Canvas.drawString

    def record(self: Canvas, x: float, y: float, text: str, *args: object, **kwargs: object) -> None:
        modes[text] = kwargs.get("mode")
        original(self, x, y, text, *args, **kwargs)

    monkeypatch.setattr(Canvas, "drawString", record)
    document = sample_document(("en",))
    section = attrs.evolve(document.sections[0], titles=("Seal \ue000 title",))
    render(attrs.evolve(document, sections=(section, *document.sections[1:])), font_dirs=[tmp_path])
    assert modes["\ue000 "] == 2
    assert modes.get("1. Seal ") is None


def test_font_directories_come_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """BUDAPEST_COOP_FONT_DIRS names font directories as well as the font_dirs option."""
    make_font(tmp_path / "pua.ttf", "\ue001", family="Budapest Test Env")
    monkeypatch.setenv(ENV_VAR, os.pathsep.join(["/nonexistent", str(tmp_path)]))
    data = render(with_value(sample_document(("en",)), "mark \ue001"))
    assert "\ue001" in pdf_columns(data)[0]


def test_fonts_that_cannot_be_embedded_are_skipped_with_a_reason(tmp_path: Path) -> None:
    """CFF-outline and embedding-restricted fonts are reported unusable and never used."""
    make_font(tmp_path / "cff.otf", "\ue002", family="Budapest Test CFF", cff=True)
    make_font(tmp_path / "locked.ttf", "\ue003", family="Budapest Test Locked", fs_type=2)
    reasons = {Path(c.path).name: c.reason for c in font_candidates([tmp_path], system_fonts=False)}
    assert "only TrueType (glyf) outlines" in reasons["cff.otf"]
    assert "forbids embedding" in reasons["locked.ttf"]
    with pytest.raises(MissingGlyphsError) as caught:
        render(with_value(sample_document(("en",)), "\ue002\ue003"), font_dirs=[tmp_path])
    assert caught.value.characters == ("\ue002", "\ue003")


def test_japanese_renders_with_a_cjk_font() -> None:
    """With a CJK TrueType font available, en+ja renders every Japanese label and embeds that font."""
    dirs = cjk_font_dirs()
    document = sample_document(("en", "ja"))
    data = render(document, font_dirs=dirs)
    column = squash(pdf_columns(data, 2)[1])
    for section in document.sections:
        assert squash(section.titles[1]) in column
        for field in section.fields:
            assert squash(field.labels[1]) in column
            assert squash(field.values[1]) in column
    assert all(font.embedded and font.subtype == "TrueType" for font in pdf_fonts(data))


def test_japanese_without_a_cjk_font_names_the_missing_characters() -> None:
    """Without any CJK font, Japanese text raises MissingGlyphsError listing the kanji and kana."""
    with pytest.raises(MissingGlyphsError) as caught:
        render(sample_document(("ja",)))
    assert {"保", "の"} <= set(caught.value.characters)


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The lines the PDF renderer draws with drawString, each as drawn from left to right."""
    from reportlab.pdfgen.canvas import Canvas

    lines: list[str] = []
    last: list[float] = []
    original = Canvas.drawString

    def record(self: Canvas, x: float, y: float, text: str, *args: object, **kwargs: object) -> None:
        if last and last[0] == y and lines:
            lines[-1] += text
        else:
            lines.append(text)
        last[:] = [y]
        original(self, x, y, text, *args, **kwargs)

    monkeypatch.setattr(Canvas, "drawString", record)
    return lines


def test_arabic_is_shaped_and_ordered_right_to_left(drawn: list[str]) -> None:
    """Arabic is drawn in contextual forms from right to left; an IP address inside keeps its order."""
    render(with_value(sample_document(("ar",)), "دخلوا من العنوان 198.51.100.23 (أوسلو)"))
    # Read from the right: دخلوا من العنوان, then the address, then (أوسلو) with its brackets mirrored.
    assert "(ﻮﻠﺳﻭﺃ) 198.51.100.23 ﻥﺍﻮﻨﻌﻟﺍ ﻦﻣ ﺍﻮﻠﺧﺩ" in drawn


def test_right_to_left_lines_wrap_in_logical_order(drawn: list[str]) -> None:
    """A long Arabic value wraps with its first words on the first line, every line read right to left."""
    letters = "بتثجحخسشصضعغفقكمنهي"
    words = [f"{a}{b}ر" for a in letters[:6] for b in letters[6:16]]
    render(with_value(sample_document(("ar",)), " ".join(words)))
    marker = words[0][::-1]
    lines = [line for line in drawn if any(unicodedata.normalize("NFKC", w)[::-1] in words for w in line.split())]
    assert len(lines) >= 3
    read = [[unicodedata.normalize("NFKC", word)[::-1] for word in reversed(line.split())] for line in lines]
    assert read[0][0] == words[0], marker
    assert [word for line in read for word in line] == words


def test_hebrew_and_english_side_by_side() -> None:
    """Hebrew labels appear in the first column and English in the second, each complete."""
    document = sample_document(("he", "en"))
    data = render(document)
    hebrew, english = pdf_columns(data, 2)
    for section in document.sections:
        assert squash(section.titles[1]) in squash(english)
        assert Counter(squash(section.titles[0])) <= Counter(squash(hebrew))


def test_draft_notice_appears_on_every_page() -> None:
    """A language whose messages carry a draft notice gets it on every page; draft_languages adds one."""
    data = render(sample_document(("en", "ar")))
    for page in pdf_chrome(data):
        assert squash("Draft translation, not reviewed by a legal translator") in squash(page)
    plain = render(sample_document(("en",)))
    assert "Draft translation" not in "".join(pdf_chrome(plain))
    flagged = render(sample_document(("en",)), draft_languages=["en"])
    assert all("Draft translation" in page for page in pdf_chrome(flagged))


def test_long_values_wrap_and_split_across_pages() -> None:
    """A value longer than a page wraps and continues on the next pages without losing a word."""
    sentence = "The provider keeps connection logs for thirty days only; the data must be frozen now. "
    long_value = "".join(f"{number:03d} {sentence}" for number in range(140))
    document = with_value(sample_document(("en", "fr")), long_value)
    data = render(document)
    assert len(pdf_pages(data)) >= 6
    for index, column in enumerate(pdf_columns(data, 2)):
        assert squash(long_value) in without_headings(column, document, index)


def test_unknown_and_bad_options_are_refused() -> None:
    """An unknown option raises TypeError and a bad value ValueError, naming the option."""
    document = sample_document(("en",))
    with pytest.raises(TypeError, match="colour"):
        RENDERER.render(document, colour="red")
    with pytest.raises(ValueError, match="page_size"):
        RENDERER.render(document, page_size="A5")
    with pytest.raises(ValueError, match="font_dirs"):
        RENDERER.render(document, font_dirs=[3])


def test_letter_page_size() -> None:
    """page_size="letter" gives US Letter pages."""
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(render(sample_document(("en",)), page_size="letter"))).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)


def test_a_broken_font_file_is_reported_not_fatal(tmp_path: Path) -> None:
    """A damaged file in a font directory is listed as unusable and the document still renders."""
    (tmp_path / "broken.ttf").write_bytes(b"not a font")
    candidates = font_candidates([tmp_path], system_fonts=False)
    assert [c.usable for c in candidates] == [False]
    assert "cannot be read" in candidates[0].reason
    assert render(sample_document(("en",)), font_dirs=[tmp_path]).startswith(b"%PDF")


def test_output_is_byte_identical_with_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """With SOURCE_DATE_EPOCH set, two renderings (here and in a fresh process) give the same bytes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772582400")
    document = sample_document(("en", "ar"))
    first = render(document)
    assert render(document) == first
    code = (
        "import sys; from tests.localized import sample_document; from budapest_coop.render.pdf import PDFRenderer; "
        "sys.stdout.buffer.write(PDFRenderer().render(sample_document(('en', 'ar')), system_fonts=False))"
    )
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1772582400"}
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, env=environment)
    assert fresh.stdout == first
    from pypdf import PdfReader

    assert PdfReader(io.BytesIO(first)).metadata["/CreationDate"].startswith("D:20260304")  # type: ignore[index]


def test_invariant_option_fixes_the_output_without_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """invariant=True gives identical bytes even without SOURCE_DATE_EPOCH."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    document = sample_document(("en",))
    assert render(document, invariant=True) == render(document, invariant=True)


def test_an_unreadable_font_that_must_be_used_is_a_render_error() -> None:
    """An unreadable font that must be used raises RenderError naming the file, not a reportlab error."""
    from budapest_coop.render import _fonts

    with pytest.raises(RenderError, match=r"no-such-font\.ttf"):
        _fonts._face("/nonexistent/no-such-font.ttf")


# --- arbitrary text ---------------------------------------------------------------------------

_MIRRORED = str.maketrans("()[]{}<>«»‹›", "(([[{{<<««‹‹")


def _expected(text: str) -> str:
    """What a reader finds on the page for *text*: visible, shaped, without spaces, NFKC."""
    return squash(strip_invisible(printable(text)))


@functools.cache
def _dejavu_cmap() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    from budapest_coop.render._fonts import _bundled

    return frozenset(TTFont(_bundled("DejaVuSans.ttf"), lazy=True).getBestCmap())


def _uncovered(text: str) -> set[str]:
    drawn = reshape(strip_invisible(printable(text)))
    return {c for c in drawn if not c.isspace() and ord(c) not in _dejavu_cmap()}


_SCRIPTS = st.sampled_from(
    [
        "abcXYZ éàçœ ß 0123456789 .,;:!?'\"-/()[]<>&",
        "αβγ ΔΘΛ άέ", "абв ЖЩЯ ёї", "ქართული", "Հայերեն",
        "שלום עולם ב-2026", "مرحبا بالعالم إلى لا ً ٌ ٍ", "\u0301\u0308\u20ac\u2116\u00a0\u2003",
        "\x00\x07\x1b\x7f\u200b\u200e\u202e\u2066\ufeff\t\r\n",
    ]
)  # fmt: skip
_TEXTS = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40),
    st.lists(_SCRIPTS.flatmap(lambda s: st.text(alphabet=s, min_size=1, max_size=25)), min_size=1, max_size=4).map(
        "".join
    ),
)


def _right_to_left_script(text: str) -> bool:
    """True when pypdf may reorder some of *text* on extraction (right-to-left scripts and their marks)."""
    return has_rtl(text) or any(
        "\u0590" <= c <= "\u08ff" or "\ufb1d" <= c <= "\ufefc" or "\U00010800" <= c <= "\U00010fff" for c in text
    )


def _one_field(value: str, languages: tuple[str, ...]) -> LocalizedDocument:
    return LocalizedDocument(
        kind="preservation-request",
        languages=languages,
        rtl=tuple(language in ("ar", "he") for language in languages),
        titles=("Request",) * len(languages),
        template="T-CY(2018)11",
        reference=REFERENCE,
        date=None,
        digest=DIGEST,
        sections=(
            LocalizedSection(
                number="1",
                titles=("Facts",) * len(languages),
                fields=(LocalizedField(labels=("Facts",) * len(languages), values=(value,) * len(languages)),),
            ),
        ),
    )


@pytest.mark.parametrize("languages", [("en",), ("en", "ar")])
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(value=_TEXTS)
def test_arbitrary_text_renders_without_loss_or_names_missing_glyphs(languages: tuple[str, ...], value: str) -> None:
    """Any text renders with every visible character on the page, or names exactly the uncovered ones."""
    document = _one_field(value, languages)
    uncovered = _uncovered(value)
    if uncovered:
        with pytest.raises(MissingGlyphsError) as caught:
            render(document)
        assert set(caught.value.characters) == uncovered
        return
    data = render(document)
    expected = _expected(value)
    for column in pdf_columns(data, len(languages)):
        found = squash(column)
        if _right_to_left_script(value):
            # Reordering may bring a mark next to another letter: compare decomposed characters.
            wanted, got = (Counter(unicodedata.normalize("NFKD", t).translate(_MIRRORED)) for t in (expected, found))
            assert wanted <= got
        else:
            assert expected in found


def test_visible_text_helper_matches_the_documented_rule() -> None:
    """The expected-text oracle of the property test keeps letters and shows controls as [U+XXXX]."""
    assert _expected("a\x07 b\u200bc") == "a[U+0007]bc"
    assert unicodedata.normalize("NFKC", "ﻻ") == "لا"
