"""The two intermediate forms between a request and a rendered file.

1. :class:`Document` is language-neutral: numbered sections in the order of the Council of
   Europe template, each field with a *message id* as label and a typed value. The builder
   (``budapest_coop.render.builder``) makes it from a request; national renderers may add,
   remove or reorder sections.
2. :class:`LocalizedDocument` holds every string already resolved for the output languages
   (labels translated, dates formatted, country names looked up, free text picked per
   language, missing translations flagged). Layout renderers (PDF, DOCX, HTML, text) only
   lay it out; they never translate.

Both are plain immutable data and import nothing heavy.
"""

from __future__ import annotations

import datetime as dt

import attrs

from budapest_coop.model import Citation, LocalizedText

__all__ = [
    "Check",
    "Country",
    "Date",
    "DateTime",
    "Document",
    "Field",
    "FreeText",
    "ItemList",
    "LocalizedDocument",
    "LocalizedField",
    "LocalizedSection",
    "Message",
    "Plain",
    "Section",
    "Value",
]


@attrs.frozen(kw_only=True)
class Plain:
    """Text written by the user that is the same in every language (a name, a number, an address)."""

    text: str


@attrs.frozen(kw_only=True)
class FreeText:
    """Free text the user supplied per language; a language without a version is a missing translation."""

    text: LocalizedText


@attrs.frozen(kw_only=True)
class Message:
    """A message id translated from the catalogs (an enum value, a fixed phrase)."""

    msgid: str


@attrs.frozen(kw_only=True)
class Date:
    """A calendar date, formatted per language (the templates ask for DD/MM/YYYY)."""

    value: dt.date


@attrs.frozen(kw_only=True)
class DateTime:
    """A timezone-aware instant, shown in its original zone and in UTC."""

    value: dt.datetime


@attrs.frozen(kw_only=True)
class Country:
    """An ISO 3166-1 alpha-2 code, shown as the country name in each language."""

    code: str


@attrs.frozen(kw_only=True)
class Check:
    """A template checkbox: ticked or not, with its label message id."""

    checked: bool
    msgid: str


@attrs.frozen(kw_only=True)
class ItemList:
    """Several values shown as a list (identifiers, legal provisions, Art. 18(3) items)."""

    items: tuple[Value, ...]


Value = Plain | FreeText | Message | Date | DateTime | Country | Check | ItemList


@attrs.frozen(kw_only=True)
class Field:
    """One labelled value. ``label`` is a message id such as ``"field.reference"``."""

    label: str
    value: Value
    citation: Citation | None = None


@attrs.frozen(kw_only=True)
class Section:
    """A numbered section of the template (``number`` "1", "2", ...; "8a" for inserted ones)."""

    number: str
    title: str
    fields: tuple[Field, ...] = ()
    citation: Citation | None = None
    key: str = ""


@attrs.frozen(kw_only=True)
class Document:
    """A request laid out as the Council of Europe template orders it, in no language yet.

    ``title`` is a message id; ``kind`` the wire kind of the request; ``digest`` the SHA-256
    of the request's canonical JSON (printed on every page so paper can be tied to data).
    """

    kind: str
    title: str
    template: str
    reference: str | None
    date: dt.date | None
    digest: str
    sections: tuple[Section, ...]
    subtitle: str | None = None


@attrs.frozen(kw_only=True)
class LocalizedField:
    """A field resolved for the output languages: one label and one value per language.

    ``missing`` holds the languages whose free-text value had no version and fell back to
    another language's text (or to a visible marker).
    """

    labels: tuple[str, ...]
    values: tuple[str, ...]
    missing: tuple[str, ...] = ()
    citation: str | None = None


@attrs.frozen(kw_only=True)
class LocalizedSection:
    number: str
    titles: tuple[str, ...]
    fields: tuple[LocalizedField, ...]
    citation: str | None = None
    key: str = ""


@attrs.frozen(kw_only=True)
class LocalizedDocument:
    """A :class:`Document` with every string resolved, one entry per language in ``languages``.

    ``rtl`` says, per language, whether it is written right to left.
    ``messages`` holds the fixed strings a layout needs (page "x of y" pattern, the digest
    caption, the "missing translation" marker), per language.
    """

    kind: str
    languages: tuple[str, ...]
    rtl: tuple[bool, ...]
    titles: tuple[str, ...]
    template: str
    reference: str | None
    date: str | None
    digest: str
    sections: tuple[LocalizedSection, ...]
    messages: tuple[dict[str, str], ...] = attrs.field(factory=tuple, eq=False)
    warnings: tuple[str, ...] = ()
