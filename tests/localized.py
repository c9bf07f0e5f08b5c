"""Hand-built LocalizedDocuments for the layout renderers' tests, and helpers to inspect the output.

:func:`sample_document` has the shape the builder gives the example preservation request
(T-CY(2018)11 order, 20 sections, long free text, identifiers with their time zone and UTC)
in any of en, fr, ar, he, ja, with the digest of the real example. :func:`edit_values` swaps
values in to test what a field may hold. :func:`pdf_text`, :func:`squash` and
:func:`pdf_fonts` read a rendered PDF back; :func:`docx_text` a rendered DOCX.
"""

from __future__ import annotations

import functools
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from budapest_coop import examples, wire
from budapest_coop.render import LocalizedDocument, LocalizedField, LocalizedSection

L = Mapping[str, str]
RTL_LANGUAGES = frozenset({"ar", "he"})

#: The example request's digest, as the builder computes it.
DIGEST = wire.digest(examples.load("preservation-request"))
REFERENCE = "PL-CYBER-2026-00417"
INJECTION = 'Ivanov <ivanov@example.org> & <img src="/etc/passwd"/>'

_FIXTURE = Path(__file__).parent / "fixtures" / "render" / "preservation-request.localized.json"


@functools.cache
def _sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_FIXTURE.read_text(encoding="utf-8"))
    return data


LANGUAGES = ("en", "fr", "ar", "he", "ja")


def _pick(texts: L, language: str, messages: L) -> tuple[str, bool]:
    """The text in *language*, or the marker and the original with True (missing)."""
    if language in texts:
        return texts[language], False
    original = next(iter(texts))
    marker = (
        messages.get("missing_translation", "[{language}?]").replace("{language}", language).replace("{tag}", original)
    )
    return f"{marker}\n{texts[original]}", True


def sample_document(languages: Sequence[str] = ("en",), *, draft: Iterable[str] = ()) -> LocalizedDocument:
    """The example preservation request laid out in *languages* (any of en, fr, ar, he, ja).

    Labels exist in every language; some free text only in en and fr, so the other languages
    show the missing-translation marker. The messages of ar, he and ja carry a ``draft_notice``;
    *draft* adds one to other languages.
    """
    unknown = set(languages) - set(LANGUAGES)
    if unknown:
        raise ValueError(f"no sample text in {sorted(unknown)}")
    sample = _sample()
    drafts = set(draft)
    messages = []
    for language in languages:
        entry = {key: value.replace("{digest}", DIGEST) for key, value in sample["messages"][language].items()}
        if language in drafts and "draft_notice" not in entry:
            entry["draft_notice"] = "Draft translation, not reviewed by a legal translator."
        messages.append(entry)
    sections = []
    for number, section in enumerate(sample["sections"], start=1):
        fields = []
        for field in section["fields"]:
            value = field["value"]
            values, missing = [], []
            for language, language_messages in zip(languages, messages, strict=True):
                if isinstance(value, str):
                    values.append(value)
                    continue
                text, absent = _pick(value, language, language_messages)
                values.append(text)
                if absent:
                    missing.append(language)
            fields.append(
                LocalizedField(
                    labels=tuple(field["labels"][language] for language in languages),
                    values=tuple(values),
                    missing=tuple(missing),
                    citation=field["citation"],
                    key=field.get("key", ""),
                )
            )
        sections.append(
            LocalizedSection(
                number=str(number),
                titles=tuple(section["titles"][language] for language in languages),
                fields=tuple(fields),
                citation=section["citation"],
                key=section["key"],
            )
        )
    return LocalizedDocument(
        kind=sample["kind"],
        languages=tuple(languages),
        rtl=tuple(language in RTL_LANGUAGES for language in languages),
        titles=tuple(sample["titles"][language] for language in languages),
        template=sample["template"],
        reference=sample["reference"],
        date=sample["date"],
        digest=DIGEST,
        sections=tuple(sections),
        messages=tuple(messages),
    )


def edit_values(document: LocalizedDocument, change: Callable[[LocalizedField], LocalizedField]) -> LocalizedDocument:
    """*document* with every field passed through *change*."""
    return attrs.evolve(
        document,
        sections=tuple(
            attrs.evolve(section, fields=tuple(change(field) for field in section.fields))
            for section in document.sections
        ),
    )


def with_value(document: LocalizedDocument, value: str, *, section: int = 7, field: int = 2) -> LocalizedDocument:
    """*document* whose field *field* of section index *section* holds *value* in every language."""
    target = document.sections[section].fields[field]
    replaced = attrs.evolve(target, values=tuple(value for _ in document.languages), missing=())
    fields = list(document.sections[section].fields)
    fields[field] = replaced
    sections = list(document.sections)
    sections[section] = attrs.evolve(sections[section], fields=tuple(fields))
    return attrs.evolve(document, sections=tuple(sections))


def strings(document: LocalizedDocument) -> Iterator[str]:
    """Every title, label and value of *document*."""
    yield from document.titles
    for section in document.sections:
        yield from section.titles
        for field in section.fields:
            yield from field.labels
            yield from field.values


# --- reading a rendered PDF back -------------------------------------------------------------

_WHITESPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """*text* NFKC-normalised without any white space: what survives any line wrapping."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text))


def pdf_pages(data: bytes) -> list[str]:
    """The extracted text of each page (pypdf), NFKC-normalised."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return [unicodedata.normalize("NFKC", page.extract_text() or "") for page in reader.pages]


def _pieces(data: bytes) -> Iterator[tuple[int, float, float, float, float, str]]:
    """(page number, page width, page height, x, y, text) of every piece of text pypdf reads."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    for number, page in enumerate(reader.pages):
        found: list[tuple[float, float, str]] = []

        def visit(text: str, cm: Sequence[float], tm: Sequence[float], *_: object, found: list[Any] = found) -> None:
            found.append((cm[0] * tm[4] + cm[2] * tm[5] + cm[4], cm[1] * tm[4] + cm[3] * tm[5] + cm[5], text))

        page.extract_text(visitor_text=visit)
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        for x, y, text in found:
            yield number, width, height, x, y, text


def _in_body(y: float, height: float) -> bool:
    """Between the footer (below 50 pt) and the header and draft notice (above height - 62 pt)."""
    return 50 < y < height - 62


def pdf_columns(data: bytes, columns: int = 1) -> list[str]:
    """The body text (between header and footer) of every page, one string per column, NFKC-normalised.

    With two columns, text starting left of the page's middle belongs to the first. Reading a
    column over all pages keeps a value contiguous even when its row splits across a page.
    """
    found: list[list[str]] = [[] for _ in range(columns)]
    for _, width, height, x, y, text in _pieces(data):
        if _in_body(y, height):
            found[min(columns - 1, int(x * columns // width))].append(text)
    return [unicodedata.normalize("NFKC", "".join(parts)) for parts in found]


def pdf_chrome(data: bytes) -> list[str]:
    """The header and footer text of each page (outside the body), NFKC-normalised."""
    pages: list[list[str]] = []
    for number, _, height, _, y, text in _pieces(data):
        while len(pages) <= number:
            pages.append([])
        if not _in_body(y, height):
            pages[number].append(text)
    return [unicodedata.normalize("NFKC", "".join(parts)) for parts in pages]


def pdf_text(data: bytes) -> str:
    """The extracted text of the whole PDF, NFKC-normalised."""
    return "\n".join(pdf_pages(data))


STANDARD_14 = frozenset(
    {
        "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique",
        "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique",
        "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats",
    }
)  # fmt: skip


@attrs.frozen
class PDFFont:
    """A font used by a page: its base name, subtype and whether its program is embedded."""

    name: str
    subtype: str
    embedded: bool


def pdf_fonts(data: bytes) -> list[PDFFont]:
    """Every font of every page's /Resources (and of its form XObjects), once per page."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    found: list[PDFFont] = []

    def walk(resources: object) -> None:
        if not resources:
            return
        resources = resources.get_object()  # type: ignore[attr-defined]
        fonts = resources.get("/Font")
        for ref in (fonts.get_object() if fonts else {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if font.get("/Subtype") == "/Type0":
                descendant = font["/DescendantFonts"][0].get_object()
                descriptor = descendant.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append(PDFFont(str(font.get("/BaseFont", ""))[1:], str(font.get("/Subtype", ""))[1:], embedded))
        xobjects = resources.get("/XObject")
        for ref in (xobjects.get_object() if xobjects else {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


def docx_text(data: bytes) -> str:
    """All text of a DOCX in reading order (body, then headers and footers), one paragraph a line, NFKC."""
    import docx

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []

    def read(container: Any) -> None:
        for block in container.iter_inner_content():
            if hasattr(block, "rows"):
                for row in block.rows:
                    for cell in dict.fromkeys(row.cells):  # a merged cell is listed once per column
                        read(cell)
            else:
                lines.append(block.text)

    read(document)
    for section in document.sections:
        read(section.header)
        read(section.footer)
    return unicodedata.normalize("NFKC", "\n".join(lines))
