"""The DOCX renderer: complete content, page furniture, properties, right to left, safety, determinism."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budapest_coop.render import LocalizedDocument
from budapest_coop.render._text import printable
from budapest_coop.render.docx import DOCXRenderer
from budapest_coop.typing import Renderer
from tests.localized import DIGEST, INJECTION, REFERENCE, docx_text, pdf_text, sample_document, squash, with_value

docx = pytest.importorskip("docx", reason="python-docx (the [docx] extra) is not installed")

RENDERER = DOCXRenderer()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def opened(data: bytes) -> object:
    """The rendered document opened again with python-docx."""
    return docx.Document(io.BytesIO(data))


def test_docx_renderer_satisfies_the_renderer_protocol() -> None:
    """DOCXRenderer is a Renderer named "docx" with the Word media type and suffix."""
    assert isinstance(RENDERER, Renderer)
    assert RENDERER.name == "docx"
    assert RENDERER.extension == ".docx"
    assert RENDERER.media_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize("languages", [("en",), ("en", "fr"), ("en", "ar")])
def test_every_title_label_and_value_appears_in_order(languages: tuple[str, ...]) -> None:
    """The document holds every section heading, label and value of each language, in template order."""
    document = sample_document(languages)
    text = squash(docx_text(RENDERER.render(document)))
    position = 0
    for section in document.sections:
        for index in range(len(languages)):
            found = text.find(squash(f"{section.number}. {section.titles[index]}"), position)
            assert found >= 0, section.titles[index]
        for field in section.fields:
            for index in range(len(languages)):
                for part in (field.labels[index], field.values[index]):
                    found = text.find(squash(part), position)
                    assert found >= 0, part
                    position = found


def test_headings_use_heading_styles() -> None:
    """Section headings carry a heading style, so they show in the word processor's navigation."""
    data = RENDERER.render(sample_document(("en",)))
    headings = [
        p.text
        for table in opened(data).tables  # type: ignore[attr-defined]
        for cell in table.rows[0].cells
        for p in cell.paragraphs
        if p.style.name == "Heading 2"
    ]
    assert "1. Date" in headings
    assert "20. Signature" in headings


def test_footer_has_reference_digest_and_page_fields() -> None:
    """Every page's footer shows the reference, the full SHA-256 and PAGE / NUMPAGES fields."""
    document = opened(RENDERER.render(sample_document(("en", "fr"))))
    footer = document.sections[0].footer  # type: ignore[attr-defined]
    text = "\n".join(p.text for p in footer.paragraphs)
    assert REFERENCE in text
    assert DIGEST in text
    fields = [f.get(f"{W}instr") for f in footer._element.iter(f"{W}fldSimple")]
    assert fields == ["PAGE", "NUMPAGES", "PAGE", "NUMPAGES"]
    assert REFERENCE in "\n".join(p.text for p in document.sections[0].header.paragraphs)  # type: ignore[attr-defined]


def test_core_properties() -> None:
    """Title, subject (kind), keywords (reference), language and author are set."""
    properties = opened(RENDERER.render(sample_document(("fr", "en")))).core_properties  # type: ignore[attr-defined]
    assert properties.title.startswith("Demande de conservation")
    assert properties.subject == "preservation-request"
    assert properties.keywords == REFERENCE
    assert properties.language == "fr"
    assert properties.author == "Parquet de Lyon, pôle cybercriminalité"
    assert properties.identifier == DIGEST


def test_user_text_is_literal() -> None:
    """Tags and entities in user text stay text; no image or other part is added."""
    data = RENDERER.render(with_value(sample_document(("en", "ar")), f"{INJECTION} &amp; <w:br/>"))
    assert squash(f"{INJECTION} &amp; <w:br/>") in squash(docx_text(data))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert not [name for name in names if name.startswith("word/media/")]
    assert not opened(data).inline_shapes  # type: ignore[attr-defined]


def test_control_characters_are_shown_visibly() -> None:
    """Characters XML cannot hold and bidi overrides appear as [U+XXXX]; the document still opens."""
    data = RENDERER.render(with_value(sample_document(("en",)), "bell\x07 null\x00 \ufffe over\u202eride"))
    assert "bell[U+0007] null[U+0000] [U+FFFE] over[U+202E]ride" in docx_text(data)


def test_right_to_left_columns_are_marked_right_to_left() -> None:
    """Arabic paragraphs carry w:bidi and their runs w:rtl; a single right-to-left table is mirrored."""
    data = RENDERER.render(sample_document(("ar",)))
    body = opened(data).element.body  # type: ignore[attr-defined]
    arabic = [p for p in body.iter(f"{W}p") if "التاريخ" in "".join(t.text or "" for t in p.iter(f"{W}t"))]
    assert arabic
    assert all(p.find(f"{W}pPr/{W}bidi") is not None for p in arabic)
    assert all(r.find(f"{W}rPr/{W}rtl") is not None for p in arabic for r in p.iter(f"{W}r"))
    assert body.find(f"{W}tbl/{W}tblPr/{W}bidiVisual") is not None


def test_draft_notice_is_in_the_header() -> None:
    """A draft translation is announced in the header of every page."""
    document = opened(RENDERER.render(sample_document(("en", "ar"))))
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)  # type: ignore[attr-defined]
    assert "Draft translation, not reviewed by a legal translator" in header


def test_output_is_byte_identical_with_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """With SOURCE_DATE_EPOCH set, two renderings give the same bytes, dated at that instant."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772582400")
    document = sample_document(("en", "fr"))
    first = RENDERER.render(document)
    assert RENDERER.render(document) == first
    created = opened(first).core_properties.created  # type: ignore[attr-defined]
    assert created.replace(tzinfo=dt.UTC) == dt.datetime.fromtimestamp(1772582400, tz=dt.UTC)


def test_bad_source_date_epoch_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A SOURCE_DATE_EPOCH that is not a number names the variable."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        RENDERER.render(sample_document(("en",)))


def test_unknown_and_bad_options_are_refused() -> None:
    """Unknown options raise TypeError, bad values ValueError."""
    with pytest.raises(TypeError, match="font_dirs"):
        RENDERER.render(sample_document(("en",)), font_dirs=["/tmp"])
    with pytest.raises(ValueError, match="page_size"):
        RENDERER.render(sample_document(("en",)), page_size="A3")


def test_missing_python_docx_is_a_clear_error() -> None:
    """Without python-docx the renderer says which extra to install."""
    code = (
        "import sys; sys.modules['docx'] = None\n"
        "from budapest_coop.render.docx import DOCXRenderer\n"
        "from tests.localized import sample_document\n"
        "try:\n    DOCXRenderer().render(sample_document(('en',)))\n"
        "except Exception as error:\n    print(type(error).__name__, error)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("RenderError")
    assert "budapest-coop[docx]" in result.stdout


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_document(tmp_path: Path) -> None:
    """LibreOffice converts the DOCX to PDF, and the PDF holds the labels, values and footer."""
    document = sample_document(("en", "fr"))
    source = tmp_path / "request.docx"
    source.write_bytes(RENDERER.render(document))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True,
        check=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    text = squash(pdf_text((tmp_path / "request.pdf").read_bytes()))
    for section in document.sections:
        for field in section.fields:
            assert squash(field.labels[1]) in text
    assert DIGEST in text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60))
def test_arbitrary_text_survives(value: str) -> None:
    """Any Unicode text in a value comes back from the DOCX, with controls shown as [U+XXXX]."""
    document: LocalizedDocument = with_value(sample_document(("en", "ar")), value)
    assert squash(printable(value)) in squash(docx_text(RENDERER.render(document)))
