"""An example national renderer plugin for budapest_coop (fictional "Example Republic").

Two renderers, declared in the entry point group ``budapest_coop.renderers``:
``example-national-html`` and ``example-national-text``. Each one

- reuses the budapest_coop document builder and adds a section in its ``prepare`` hook;
- brings the labels of that section through its ``messages`` hook;
- lays the document out with a built-in layout, passing its letterhead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import attrs

from budapest_coop.render import Document, Field, Plain, Section, get_renderer
from budapest_coop.render.document import LocalizedDocument
from budapest_coop.typing import Renderer
from budapest_coop.wire import WireObject

__all__ = ["DEFAULT_LETTERHEAD", "DEFAULT_REFERENCE_FORMAT", "ExampleNationalHTML", "ExampleNationalText"]

DEFAULT_LETTERHEAD = ("EXAMPLE REPUBLIC", "Ministry of Justice", "International Co-operation Unit")
#: Fields: {kind_code} (PRES, MLA, ORD), {year} (of the request's date), {reference}.
DEFAULT_REFERENCE_FORMAT = "EX/{kind_code}/{year}/{reference}"

_KIND_CODES = {"preservation-request": "PRES", "subscriber-information-request": "MLA", "preservation-order": "ORD"}

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "section.example_national.registration": "National registration",
        "field.example_national.file_number": "National file number",
        "field.example_national.office": "Registered by",
    },
    "fr": {
        "section.example_national.registration": "Enregistrement national",
        "field.example_national.file_number": "Numéro de dossier national",
        "field.example_national.office": "Enregistré par",
    },
}


class _ExampleNational:
    """What both renderers share: the national file number, the extra section, the labels."""

    name: ClassVar[str]
    media_type: ClassVar[str]
    extension: ClassVar[str]
    layout: ClassVar[str]

    def __init__(
        self,
        *,
        letterhead: Sequence[str] = DEFAULT_LETTERHEAD,
        reference_format: str = DEFAULT_REFERENCE_FORMAT,
        office: str = "International Co-operation Unit",
    ) -> None:
        self.letterhead = tuple(letterhead)
        self.reference_format = reference_format
        self.office = office

    def file_number(self, obj: WireObject) -> str:
        """The national file number of *obj*, made with ``reference_format``."""
        date = getattr(obj, "date", None) or getattr(obj, "issued_at", None)
        return self.reference_format.format(
            kind_code=_KIND_CODES.get(type(obj).KIND, "X"),
            year=date.year if date is not None else "0000",
            reference=obj.reference or "-",
        )

    def prepare(self, document: Document, obj: WireObject) -> Document:
        """Add the "National registration" section after the builder's sections."""
        section = Section(
            number=str(len(document.sections) + 1),
            title="section.example_national.registration",
            key="example_national_registration",
            fields=(
                Field(label="field.example_national.file_number", value=Plain(text=self.file_number(obj))),
                Field(label="field.example_national.office", value=Plain(text=self.office)),
            ),
        )
        return attrs.evolve(document, sections=(*document.sections, section))

    def messages(self, language: str) -> Mapping[str, str]:
        """Labels of the added section; English for a language this plugin does not know."""
        return _LABELS.get(language.split("-", 1)[0], _LABELS["en"])

    def render(self, document: LocalizedDocument, **options: Any) -> bytes:
        """Lay the document out with the built-in layout, under the national letterhead."""
        options.setdefault("letterhead", self.letterhead)
        layout: Renderer = get_renderer(self.layout)
        return layout.render(document, **options)


class ExampleNationalHTML(_ExampleNational):
    """HTML with the Example Republic's letterhead and national registration section."""

    name: ClassVar[str] = "example-national-html"
    media_type: ClassVar[str] = "text/html; charset=utf-8"
    extension: ClassVar[str] = ".html"
    layout: ClassVar[str] = "html"


class ExampleNationalText(_ExampleNational):
    """Plain text with the Example Republic's letterhead and national registration section."""

    name: ClassVar[str] = "example-national-text"
    media_type: ClassVar[str] = "text/plain; charset=utf-8"
    extension: ClassVar[str] = ".txt"
    layout: ClassVar[str] = "text"
