"""Rendering: a request becomes a language-neutral Document, then a file in one or two languages.

Nothing heavy is imported here: reportlab, jinja2 and python-docx are imported by the
renderer that needs them, when it renders.
"""

from budapest_coop.render.document import (
    Check,
    Country,
    Date,
    DateTime,
    Document,
    Field,
    FreeText,
    ItemList,
    LocalizedDocument,
    LocalizedField,
    LocalizedSection,
    Message,
    Plain,
    Section,
    Value,
)

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
