"""Helpers for the rendering tests: what a rendered document must show, and what it does show.

``expected_values`` walks a request generically and lists every value the user wrote, as it
must appear in a document in a given language (free text in that language or, failing that,
the original; dates as DD/MM/YYYY; instants in their own zone and in UTC; country and
language names and enum values in that language). ``visible_text`` turns a rendered file back
into the text a reader sees.
"""

from __future__ import annotations

import datetime as dt
import enum
import html.parser
import ipaddress
import json
import re
import unicodedata
from collections.abc import Iterator

import attrs
from babel import Locale

from budapest_coop import i18n
from budapest_coop.model import LocalizedText
from budapest_coop.render.builder import enum_msgid
from budapest_coop.render.text import escape_text
from budapest_coop.testing._render import json_strings

COUNTRY_FIELDS = frozenset({"country", "requesting_party", "requested_party", "system_location_country"})
TEXT_FORMATS = ("text", "markdown", "html", "json")
LANGUAGE_SETS: tuple[tuple[str, ...], ...] = (("en",), ("fr",), ("en", "fr"), ("en", "ar"), ("en", "ja"))


def _label(language: str, msgid: str) -> str:
    return i18n.gettext("labels", language, msgid)


def _pick(text: LocalizedText, language: str) -> str:
    for tag in text.languages:
        if tag == language or tag.split("-")[0] == language.split("-", maxsplit=1)[0]:
            return text[tag]
    return text.original


def _locale(tag: str) -> Locale:
    return Locale.parse(tag, sep="-")


def expected_values(obj: object, language: str) -> Iterator[str]:
    """Every value the user wrote in *obj*, as a document in *language* must show it."""
    yield from _walk(obj, language, "")


def _walk(value: object, language: str, name: str) -> Iterator[str]:
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, enum.Enum):
        yield _label(language, enum_msgid(value))
    elif isinstance(value, LocalizedText):
        yield _pick(value, language)
    elif isinstance(value, str):
        if name in COUNTRY_FIELDS:
            yield str(_locale(language).territories[value])
        elif name == "languages":
            yield str(Locale.parse(value, sep="-").get_display_name(_locale(language)))
        else:
            yield value
    elif isinstance(value, int):
        yield str(value)
    elif isinstance(value, dt.datetime):
        yield value.replace(tzinfo=None).isoformat(" ")
        yield value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    elif isinstance(value, dt.date):
        yield f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    elif isinstance(value, ipaddress.IPv4Address | ipaddress.IPv6Address):
        yield str(value)
    elif isinstance(value, tuple):
        for item in value:
            yield from _walk(item, language, name)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _walk(getattr(value, field.name), language, field.name)
    else:
        raise TypeError(f"no rule for a value of type {type(value).__name__} in field {name!r}")


class _TextOf(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_\[\]<>&|~#$!])|<br>")
_NEWLINES = re.compile(r"\r\n?")


def visible_text(fmt: str, content: bytes) -> str:
    """The text a reader of *content* sees: markup and escapes removed, NFKC-normalised."""
    text = content.decode("utf-8")
    if fmt == "markdown":
        text = _MARKDOWN_ESCAPE.sub(lambda m: m.group(1) or "\n", text)
    elif fmt == "html":
        parser = _TextOf()
        parser.feed(text)
        parser.close()
        # Each element's text on its own: a value starting with a combining mark must not
        # compose with the end of the label before it.
        return "".join(unicodedata.normalize("NFKC", chunk) for chunk in parser.chunks)
    elif fmt == "json":
        text = "\n".join(json_strings(json.loads(text)))
    return unicodedata.normalize("NFKC", text)


def as_shown(fmt: str, value: str) -> str:
    """*value* as the format shows it (line ends unified in text and Markdown), NFKC-normalised."""
    if fmt == "text":
        value = escape_text(value)
    elif fmt == "markdown":
        value = _NEWLINES.sub("\n", value)
    return unicodedata.normalize("NFKC", value)


def missing_values(obj: object, fmt: str, content: bytes, languages: tuple[str, ...]) -> list[str]:
    """The values of *obj* that the rendered *content* does not show (empty when nothing is lost)."""
    shown = visible_text(fmt, content)
    return [
        value for language in languages for value in expected_values(obj, language) if as_shown(fmt, value) not in shown
    ]
