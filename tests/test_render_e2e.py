"""Acceptance of the PDF and DOCX renderers on the real builder: every value, every heading, every page.

For both example requests and the example order, in PDF and DOCX and for en, fr, en+fr,
en+ar and en+ja: the extracted text (NFKC-normalised, white space removed so line wrapping
does not matter) holds every value of the request and every section heading in each
language; in PDF the reference is on every page and every font is embedded.
"""

from __future__ import annotations

import unicodedata

import pytest

from budapest_coop import examples, i18n
from budapest_coop.render import build, localize, render
from tests.localized import REFERENCE, STANDARD_14, docx_text, pdf_chrome, pdf_columns, pdf_fonts, squash
from tests.rendered import LANGUAGE_SETS, expected_values

KINDS = ("preservation-request", "subscriber-information-request", "preservation-order")
RTL = frozenset({"ar", "he"})


def _skip_without_cjk(languages: tuple[str, ...]) -> None:
    if "ja" in languages:
        from tests.test_render_pdf import cjk_font_dirs

        cjk_font_dirs()


def _letters(text: str) -> str:
    """*text* without punctuation: mirrored brackets and moved stops do not count in RTL columns."""
    return "".join(c for c in text if not unicodedata.category(c).startswith("P"))


def _shown(value: str, text: str, language: str) -> bool:
    """Whether *value* appears in *text*.

    In a right-to-left column each word is looked for on its own (lines are reordered for
    display, and punctuation at a run's edge is mirrored or moved by the bidi algorithm).
    """
    wanted = squash(value)
    if wanted in text:
        return True
    if language in RTL:
        letters = _letters(text)
        words = [_letters(squash(w)) for w in unicodedata.normalize("NFKC", value).split()]
        return all(w in letters or w[::-1] in letters for w in words if w)
    return False


def _without_repeated_headings(obj: object, text: str, index: int, languages: tuple[str, ...]) -> str:
    """*text* without the section headings a page break repeats inside a section (page furniture)."""
    for section in localize(build(obj), languages).sections:  # type: ignore[arg-type]
        heading = squash(f"{section.number}. {section.titles[index]}{section.citation or ''}")
        text = text.replace(heading, "")
    return text


def _check(obj: object, texts: list[str], languages: tuple[str, ...]) -> None:
    """Each language's values and headings in its own text (its column, for a two-column PDF)."""
    missing = []
    for index, (language, text) in enumerate(zip(languages, texts, strict=True)):
        body = _without_repeated_headings(obj, text, index, languages)
        for value in expected_values(obj, language):
            if not _shown(value, body, language):
                missing.append((language, value[:60]))
        for section in build(obj).sections:  # type: ignore[arg-type]
            title = i18n.gettext("labels", language, section.title)
            if not _shown(title, text, language):
                missing.append((language, f"heading {title}"))
    assert missing == []


@pytest.mark.parametrize("languages", LANGUAGE_SETS, ids="+".join)
@pytest.mark.parametrize("kind", KINDS)
def test_pdf_shows_every_value_and_heading_with_reference_on_every_page(kind: str, languages: tuple[str, ...]) -> None:
    """The PDF holds every value and heading; each page carries the reference; all fonts are embedded."""
    _skip_without_cjk(languages)
    obj = examples.load(kind)
    data = render(obj, "pdf", languages=languages)
    columns = pdf_columns(data, columns=len(languages))
    _check(obj, [squash(column) for column in columns], languages)
    reference = getattr(obj, "reference", None) or REFERENCE
    for number, chrome in enumerate(pdf_chrome(data), start=1):
        assert squash(reference) in squash(chrome), f"page {number} lacks the reference"
    fonts = pdf_fonts(data)
    assert fonts
    for font in fonts:
        assert font.embedded, font
        assert font.name.split("+")[-1] not in STANDARD_14, font


@pytest.mark.parametrize("languages", LANGUAGE_SETS, ids="+".join)
@pytest.mark.parametrize("kind", KINDS)
def test_docx_shows_every_value_and_heading(kind: str, languages: tuple[str, ...]) -> None:
    """The DOCX holds every value and heading in each language."""
    pytest.importorskip("docx", reason="python-docx (the [docx] extra) is not installed")
    obj = examples.load(kind)
    data = render(obj, "docx", languages=languages)
    text = squash(docx_text(data))
    _check(obj, [text] * len(languages), languages)


def test_docx_with_values_longer_than_a_core_property_holds() -> None:
    """A 300-character reference and authority name render; metadata is cut, the body keeps all."""
    pytest.importorskip("docx", reason="python-docx (the [docx] extra) is not installed")
    import io

    import attrs
    import docx

    long = "R" * 300
    request = examples.load("preservation-request")
    authority = attrs.evolve(request.requesting_authority, name="Authority " + "x" * 290)  # type: ignore[union-attr,arg-type]
    request = attrs.evolve(request, reference=long, requesting_authority=authority)  # type: ignore[arg-type]
    data = render(request, "docx", languages=("en", "fr"))
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert len(properties.keywords) == 255
    assert properties.keywords.endswith("…")
    assert squash(long) in squash(docx_text(data))
