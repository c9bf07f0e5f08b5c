"""Localisation: a :class:`~budapest_coop.render.Document` becomes a :class:`~budapest_coop.render.LocalizedDocument`.

Labels come from the gettext catalogs of the ``labels`` domain (:mod:`budapest_coop.i18n`);
dates, country names and language names from Babel, in each output language. Free text is
taken as the user wrote it in each language; where a language has no version, the field
shows a visible marker followed by the original text, lists the language in
``LocalizedField.missing`` and adds a warning. Nothing is ever machine-translated.

>>> from budapest_coop import examples
>>> from budapest_coop.render import build
>>> document = localize(build(examples.load("preservation-request")), ("en", "fr"))
>>> document.sections[0].titles
('Date', 'Date')
>>> document.sections[0].fields[0].values
('04/03/2026 (4 March 2026)', '04/03/2026 (4 mars 2026)')
>>> document.messages[1]["page_x_of_y"]
'Page {page} sur {pages}'
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from budapest_coop import i18n
from budapest_coop.model import Citation, LocalizedText
from budapest_coop.model._checks import language_tag
from budapest_coop.render._messages import MESSAGES
from budapest_coop.render.document import (
    Check,
    Country,
    Date,
    DateTime,
    Document,
    Field,
    FreeText,
    Group,
    ItemList,
    Language,
    LocalizedDocument,
    LocalizedField,
    LocalizedSection,
    Message,
    Plain,
    Section,
    Value,
    _new_localized_field,
    _new_localized_section,
)

__all__ = ["CHECKED", "DOMAIN", "UNCHECKED", "format_datetime", "format_numeric_date", "localize"]

#: The gettext domain of document labels.
DOMAIN = "labels"
#: Prefix of a ticked and an unticked checkbox.
CHECKED = "☒ "
UNCHECKED = "☐ "
_BULLET = "• "

ExtraMessages = Mapping[str, Mapping[str, str]] | Callable[[str], Mapping[str, str]] | None
_Where = tuple[Any, ...]  # (Section, Field, ...): where a value sits, for warnings


@functools.lru_cache(maxsize=1024)
def _citation(citation: Citation) -> str:
    return str(citation)


def format_numeric_date(value: dt.date) -> str:
    """``DD/MM/YYYY``, the form the templates ask for.

    >>> format_numeric_date(dt.date(2026, 3, 4))
    '04/03/2026'
    """
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def _clock(value: dt.datetime) -> str:
    return value.replace(tzinfo=None).isoformat(" ")


@functools.lru_cache(maxsize=256)
def _offset(delta: dt.timedelta) -> str:
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"UTC{sign}{hours:02d}:{minutes:02d}"
    return f"{text}:{secs:02d}" if secs else text


def format_datetime(value: dt.datetime) -> str:
    """An instant in its own time zone and in UTC (rule REN-03), the same in every language.

    >>> from zoneinfo import ZoneInfo
    >>> format_datetime(dt.datetime(2026, 3, 2, 2, 14, 55, tzinfo=ZoneInfo("Europe/Paris")))
    '2026-03-02 02:14:55 (Europe/Paris, UTC+01:00) = 2026-03-02 01:14:55 UTC'
    >>> format_datetime(dt.datetime(2026, 3, 2, 2, 14, 55, tzinfo=dt.timezone(dt.timedelta(hours=-3, minutes=-30))))
    '2026-03-02 02:14:55 (UTC-03:30) = 2026-03-02 05:44:55 UTC'
    >>> format_datetime(dt.datetime(2026, 3, 2, 1, 14, 55, tzinfo=dt.UTC))
    '2026-03-02 01:14:55 UTC'
    """
    offset = value.utcoffset()
    if offset is None:
        raise ValueError(f"a time zone is required to render {value.isoformat()}")
    zone = value.tzinfo.key if isinstance(value.tzinfo, zoneinfo.ZoneInfo) else None
    utc = _clock(value.astimezone(dt.UTC))
    if not offset and zone in (None, "UTC", "Etc/UTC"):
        return f"{utc} UTC"
    where = f"{zone}, {_offset(offset)}" if zone else _offset(offset)
    return f"{_clock(value)} ({where}) = {utc} UTC"


#: Locale data used for a bare language tag where the default region does not fit the
#: Council of Europe's usage (English documents write "4 March 2026").
_LOCALE_DATA = {"en": "en-001"}


@functools.lru_cache(maxsize=256)
def _babel_locale(tag: str) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return None


@functools.lru_cache(maxsize=4096)
def _long_date(value: dt.date, tag: str) -> str:
    from babel.dates import format_date

    locale = _babel_locale(_LOCALE_DATA.get(tag, tag)) or _babel_locale("en")
    return str(format_date(value, "long", locale=locale))


@functools.lru_cache(maxsize=4096)
def _country_name(code: str, tag: str) -> str:
    locale = _babel_locale(tag) or _babel_locale("en")
    return str(locale.territories.get(code, code))


@functools.lru_cache(maxsize=4096)
def _language_name(language: str, tag: str) -> str:
    locale = _babel_locale(language)
    target = _babel_locale(tag) or _babel_locale("en")
    if locale is None:
        return language
    return str(locale.get_display_name(target) or language)


def _pick(text: LocalizedText, tag: str) -> str | None:
    if tag in text:
        return text[tag]
    base = tag.split("-", 1)[0]
    for language in text.languages:
        if language.split("-", 1)[0] == base:
            return text[language]
    return None


@functools.lru_cache(maxsize=64)
def _label_table(tag: str) -> tuple[Mapping[str, str], frozenset[str], bool]:
    """The labels of *tag* over the English ones, the message ids left in English, whether a catalog exists."""
    catalog = i18n.catalog(DOMAIN, tag)
    return {**MESSAGES, **catalog}, frozenset(MESSAGES.keys() - catalog.keys()), bool(catalog)


@functools.lru_cache(maxsize=64)
def _plain_labels(tag: str) -> Mapping[str, str]:
    """The labels of *tag* that are shown without a warning (all of them when there is no catalog)."""
    table, untranslated, has_catalog = _label_table(tag)
    if not has_catalog or not untranslated:
        return table
    return {msgid: text for msgid, text in table.items() if msgid not in untranslated}


def _pair_formatter(pattern: str) -> Callable[[str, str], str]:
    """A fast ``pattern.format(label=..., value=...)`` for the usual ``{label}<sep>{value}`` form."""
    head, sep, tail = pattern.partition("{label}")
    middle, sep2, end = tail.partition("{value}")
    if sep and sep2 and not head and not end and "{" not in middle and "}" not in middle:
        return lambda label, value: f"{label}{middle}{value}"
    return lambda label, value: pattern.format(label=label, value=value)


@functools.lru_cache(maxsize=64)
def _label_rows(tags: tuple[str, ...]) -> Mapping[str, tuple[str, ...]]:
    """Per message id, its labels in *tags* (one tuple shared by every document), where none needs a warning."""
    tables = [_plain_labels(tag) for tag in tags]
    return {msgid: tuple(table[msgid] for table in tables) for msgid in tables[0] if all(msgid in t for t in tables)}


class _Language:
    """Everything needed to resolve strings in one output language."""

    def __init__(self, tag: str, extra: Mapping[str, str], warnings: dict[str, None]) -> None:
        self.tag = tag
        table, self.untranslated, has_catalog = _label_table(tag)
        self.table = {**table, **extra} if extra else table
        if extra:
            self.untranslated = self.untranslated - extra.keys()
        self.warnings = warnings
        self.locale = _babel_locale(tag)
        if not has_catalog:
            warnings[f"no label catalog for {tag!r}: labels are shown in English"] = None
            self.untranslated = frozenset()
        #: the labels that need no warning: ``plain.get(msgid) or label(msgid)`` is ``label(msgid)``
        self.plain = {**_plain_labels(tag), **extra} if extra else _plain_labels(tag)
        if self.locale is None:
            warnings[f"no locale data for {tag!r}: dates and names are shown in English"] = None
        self.rtl = self.locale is not None and self.locale.character_order == "right-to-left"
        self.label_value = self.label("layout.label_value")
        self.marker = self.label("layout.missing_translation")
        self.line = _pair_formatter(self.label_value)

    def label(self, msgid: str) -> str:
        text = self.table.get(msgid)
        if text is None:
            self.warnings[f"unknown label {msgid!r}: the message id is shown"] = None
            return msgid
        if self.untranslated and msgid in self.untranslated:
            self.warnings[f"no {self.tag!r} translation of label {msgid!r}: shown in English"] = None
        return text


class _Localizer:
    def __init__(self, document: Document, languages: tuple[str, ...], extra: ExtraMessages) -> None:
        self.document = document
        self.warnings: dict[str, None] = {}
        self.langs = tuple(_Language(tag, _extra_for(extra, tag), self.warnings) for tag in languages)
        plain = extra is None and all(lang.plain is _plain_labels(lang.tag) for lang in self.langs)
        self._rows: Mapping[str, tuple[str, ...]] = _label_rows(languages) if plain else {}
        self._english: _Language | None = None
        self._extra = extra

    @property
    def english(self) -> _Language:
        """English labels, for warnings (built only when a warning is made)."""
        if self._english is None:
            self._english = _Language("en", _extra_for(self._extra, "en"), {})
        return self._english

    def where(self, path: _Where) -> str:
        """Where a value sits, in English, for a warning: ``section 8 (...) / Offence / Conduct``."""
        section, *fields = path
        english = self.english
        parts = [f"section {section.number} ({english.label(section.title)})"]
        parts += [self.field_label(f, english) for f in fields]
        return " / ".join(parts)

    def value(self, value: Value, lang: _Language, missing: list[str], where: _Where) -> str:
        formatter = _FORMATTERS.get(type(value))
        if formatter is None:
            for kind, candidate in _FORMATTERS.items():
                if isinstance(value, kind):
                    formatter = candidate
                    break
            else:
                raise TypeError(f"cannot localize a value of type {type(value).__name__}")
        return formatter(self, value, lang, missing, where)

    def item_list(self, value: ItemList, lang: _Language, missing: list[str], where: _Where) -> str:
        items = value.items
        bullet = _BULLET if len(items) > 1 else ""
        return "\n".join(
            [("" if type(item) is Check else bullet) + self.value(item, lang, missing, where) for item in items]
        )

    def group(self, value: Group, lang: _Language, missing: list[str], where: _Where) -> str:
        return "\n".join([self.group_line(f, lang, missing, where) for f in value.fields])

    def group_line(self, field: Field, lang: _Language, missing: list[str], where: _Where) -> str:
        label = lang.plain.get(field.label) or lang.label(field.label)
        if field.index is not None:
            label = f"{label} {field.index}"
        value = field.value
        text = value.text if type(value) is Plain else self.value(value, lang, missing, (*where, field))
        if field.citation is not None:
            text = f"{text} [{_citation(field.citation)}]"
        if isinstance(value, ItemList | Group):
            return lang.line(label, "").rstrip() + "\n" + text
        return lang.line(label, text)

    def free_text(self, text: LocalizedText, lang: _Language, missing: list[str], where: _Where) -> str:
        picked = _pick(text, lang.tag)
        if picked is not None:
            return picked
        original = text.languages[0]
        if lang.tag not in missing:
            missing.append(lang.tag)
        self.warnings[f"{self.where(where)}: no text in {lang.tag!r}; the original ({original!r}) is shown, marked"] = (
            None
        )
        marker = lang.marker.format(language=_language_name(original, lang.tag), tag=original)
        return f"{marker}\n{text.original}"

    @staticmethod
    def field_label(field: Field, lang: _Language) -> str:
        label = lang.label(field.label)
        return label if field.index is None else f"{label} {field.index}"

    def field(self, field: Field, section: Section) -> LocalizedField:
        value = field.value
        langs = self.langs
        msgid = field.label
        index = field.index
        missing: tuple[str, ...] = ()
        if len(langs) == 1:
            lang = langs[0]
            picked = _pick(value.text, lang.tag) if type(value) is FreeText else None
            if type(value) is Plain:
                values: tuple[str, ...] = (value.text,)
            elif picked is not None:
                values = (picked,)
            else:
                found: list[str] = []
                values = (self.value(value, lang, found, (section, field)),)
                if found:
                    missing = tuple(found)
            labels: tuple[str, ...] | None = self._rows.get(msgid) if index is None else None
            if labels is None:
                label = lang.plain.get(msgid) or lang.label(msgid)
                labels = (label if index is None else f"{label} {index}",)
        else:
            if type(value) is Plain:
                values = (value.text,) * len(langs)
            else:
                found = []
                where = (section, field)
                values = tuple([self.value(value, lang, found, where) for lang in langs])
                missing = tuple(found)
            if index is None:
                labels = self._rows.get(msgid) or tuple([lang.label(msgid) for lang in langs])
            else:
                labels = tuple([f"{lang.label(msgid)} {index}" for lang in langs])
        citation = field.citation
        return _new_localized_field(labels, values, missing, None if citation is None else _citation(citation), msgid)

    def section(self, section: Section) -> LocalizedSection:
        field = self.field
        return _new_localized_section(
            section.number,
            self._rows.get(section.title) or tuple([lang.label(section.title) for lang in self.langs]),
            tuple([field(f, section) for f in section.fields]),
            None if section.citation is None else _citation(section.citation),
            section.key,
        )

    def messages(self, lang: _Language) -> dict[str, str]:
        from budapest_coop import __version__

        document = self.document
        not_provided = lang.label("value.not_provided")
        caption = lang.label("layout.digest_caption")
        out = {
            "language_name": _language_name(lang.tag, lang.tag),
            "page_x_of_y": lang.label("layout.page_x_of_y"),
            "reference_line": lang.label_value.format(
                label=lang.label("layout.reference"), value=document.reference or not_provided
            ),
            "digest_caption": caption,
            "digest_line": lang.label_value.format(label=caption, value=document.digest),
            "template_reference": lang.label(f"document.basis.{document.kind}"),
            "generated_by": lang.label("layout.generated_by").format(version=__version__),
            "missing_translation": lang.marker,
            "not_provided": not_provided,
            "label_value": lang.label_value,
        }
        if i18n.is_draft(DOMAIN, lang.tag):
            notice = lang.label("layout.draft_notice")
            english = MESSAGES["layout.draft_notice"]
            out["draft_notice"] = notice if notice == english else f"{notice} — {english}"
            self.warnings[f"labels in {lang.tag!r} are a draft translation, not yet reviewed by a legal translator"] = (
                None
            )
        if document.subtitle:
            out["subtitle"] = lang.label(document.subtitle)
        return out

    def run(self) -> LocalizedDocument:
        document = self.document
        sections = tuple(self.section(s) for s in document.sections)
        messages = tuple(self.messages(lang) for lang in self.langs)
        return LocalizedDocument(
            kind=document.kind,
            languages=tuple(lang.tag for lang in self.langs),
            rtl=tuple(lang.rtl for lang in self.langs),
            titles=tuple(lang.label(document.title) for lang in self.langs),
            template=document.template,
            reference=document.reference,
            date=None if document.date is None else format_numeric_date(document.date),
            digest=document.digest,
            sections=sections,
            messages=messages,
            warnings=tuple(self.warnings),
        )


#: How each kind of value becomes text in one language (made once, not per document).
_FORMATTERS: dict[type, Callable[[_Localizer, Any, _Language, list[str], _Where], str]] = {
    Plain: lambda self, v, lang, missing, where: v.text,
    Message: lambda self, v, lang, missing, where: lang.plain.get(v.msgid) or lang.label(v.msgid),
    FreeText: lambda self, v, lang, missing, where: self.free_text(v.text, lang, missing, where),
    Check: lambda self, v, lang, missing, where: (
        (CHECKED if v.checked else UNCHECKED) + (lang.plain.get(v.msgid) or lang.label(v.msgid))
    ),
    ItemList: _Localizer.item_list,
    Group: _Localizer.group,
    DateTime: lambda self, v, lang, missing, where: format_datetime(v.value),
    Date: lambda self, v, lang, missing, where: f"{format_numeric_date(v.value)} ({_long_date(v.value, lang.tag)})",
    Country: lambda self, v, lang, missing, where: _country_name(v.code, lang.tag),
    Language: lambda self, v, lang, missing, where: _language_name(v.tag, lang.tag),
}


def _extra_for(extra: ExtraMessages, tag: str) -> Mapping[str, str]:
    if extra is None:
        return {}
    if callable(extra):
        return extra(tag) or {}
    return extra.get(tag) or extra.get(tag.split("-", 1)[0]) or {}


def languages_of(languages: Sequence[str] | str) -> tuple[str, ...]:
    """Standardise and de-duplicate output language tags; at least one is required."""
    if isinstance(languages, str):
        languages = (languages,)
    tags = tuple(dict.fromkeys(language_tag(tag, "languages") for tag in languages))
    if not tags:
        raise ValueError("languages: give at least one output language, e.g. ('en',)")
    return tags


def localize(
    document: Document,
    languages: Sequence[str] | str = ("en",),
    *,
    messages: ExtraMessages = None,
) -> LocalizedDocument:
    """Resolve every string of *document* for *languages* (one, or two for a bilingual document).

    *messages* adds labels for message ids the shipped catalogs do not hold (a national
    renderer's own sections): a mapping ``language -> {msgid: text}`` or a function of the
    language. A label found nowhere is shown in English, or as its message id, with a warning.

    Raises :class:`~budapest_coop.errors.InvalidValueError` for a malformed language tag.
    """
    return _Localizer(document, languages_of(languages), messages).run()
