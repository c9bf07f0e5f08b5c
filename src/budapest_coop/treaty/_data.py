"""Reading the shipped treaty data files (once, lazily, behind a lock)."""

from __future__ import annotations

import re
import threading
import tomllib
from collections.abc import Mapping
from importlib import resources
from typing import Any

import attrs

from budapest_coop.errors import InvalidValueError
from budapest_coop.model.citation import Citation
from budapest_coop.treaty._types import (
    FACT_STATUSES,
    Article,
    Deadline,
    Element,
    Instrument,
    Note,
    Paragraph,
    Source,
    Status,
)

__all__ = ["INSTRUMENT_FILES", "TreatyData", "load"]

INSTRUMENT_FILES = ("ets185.toml", "cets224.toml", "tcy-2018-10.toml", "tcy-2018-11.toml")
_REF = re.compile(r"^([0-9]+|[a-z]+)((?:\([0-9a-z]+\))*)$")
_SUB = re.compile(r"\(([0-9a-z]+)\)")
_OBLIGATIONS = frozenset({"shall", "may", "cond."})
_BASES = frozenset({"treaty", "template", "derived"})
_BOUNDS = frozenset({"minimum", "maximum"})


@attrs.frozen(kw_only=True)
class TreatyData:
    """Everything the data files hold, indexed for lookups."""

    instruments: Mapping[str, Instrument]
    elements: tuple[Element, ...]
    deadlines: Mapping[str, Deadline]
    sources: Mapping[str, Source]


class _Reader:
    """Turns one TOML document into typed records, naming the file and record on any error."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, where: str, value: object, rule: str) -> InvalidValueError:
        return InvalidValueError(f"{self.name}: {where}", value, rule)

    def text(self, record: Mapping[str, Any], key: str, where: str) -> str:
        value = record.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}.{key}", value, "must be a non-empty string")
        return value

    def optional_text(self, record: Mapping[str, Any], key: str, where: str) -> str | None:
        value = record.get(key)
        if value is None or value == "":
            return None
        return self.text(record, key, where)

    def status(self, record: Mapping[str, Any], key: str, where: str, default: Status | None) -> Status:
        value = record.get(key)
        if value is None:
            if default is None:
                raise self.fail(f"{where}.{key}", value, "a verification status is required")
            return default
        try:
            return Status(value)
        except ValueError:
            raise self.fail(f"{where}.{key}", value, f"must be one of {', '.join(s.value for s in Status)}") from None

    def sources(
        self, record: Mapping[str, Any], key: str, where: str, default: tuple[str, ...] | None
    ) -> tuple[str, ...]:
        value = record.get(key)
        if value is None:
            if default is None:
                raise self.fail(f"{where}.{key}", value, "a source key (or an empty list) is required")
            return default
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(f"{where}.{key}", value, "must be a source key or a list of source keys")
        return tuple(value)

    def citation(self, text: object, where: str) -> Citation:
        if not isinstance(text, str):
            raise self.fail(where, text, "must be a citation such as 'ETS 185 Art. 29(2)(f)'")
        try:
            return Citation.parse(text)
        except InvalidValueError as exc:
            raise self.fail(where, text, exc.rule) from None

    def records(self, document: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
        value = document.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(key, value, "must be an array of tables")
        return value


def _read(name: str) -> dict[str, Any]:
    path = resources.files("budapest_coop.treaty") / "data" / name
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _paragraph(
    reader: _Reader,
    record: Mapping[str, Any],
    *,
    article: Citation,
    where: str,
    status: Status,
    sources: tuple[str, ...],
) -> Paragraph:
    ref = reader.text(record, "ref", where)
    match = _REF.match(ref)
    if match is None:
        raise reader.fail(f"{where}.ref", ref, "must look like '2', '2(a)' or '6(a)(ii)'")
    subdivisions = (match[1], *_SUB.findall(match[2]))
    obligation = record.get("obligation")
    if obligation is not None and obligation not in _OBLIGATIONS:
        raise reader.fail(f"{where}.obligation", obligation, f"must be one of {', '.join(sorted(_OBLIGATIONS))}")
    return Paragraph(
        citation=attrs.evolve(article, subdivisions=subdivisions),
        text=reader.text(record, "text", where),
        status=reader.status(record, "status", where, status),
        sources=reader.sources(record, "source", where, sources),
        key=reader.optional_text(record, "key", where),
        note=reader.optional_text(record, "note", where),
    )


def _instrument(name: str) -> Instrument:
    reader = _Reader(name)
    doc = _read(name)
    key = reader.text(doc, "key", "$")
    status = reader.status(doc, "status", "$", None)
    sources = reader.sources(doc, "source", "$", None)
    title_status = reader.status(doc, "title_status", "$", None)
    title_sources = reader.sources(doc, "title_source", "$", None)
    articles = []
    for i, record in enumerate(reader.records(doc, "article")):
        where = f"article[{i}]"
        number = reader.text(record, "number", where)
        cited = reader.citation(f"{key} Art. {number}", f"{where}.number")
        a_status = reader.status(record, "status", where, status)
        a_sources = reader.sources(record, "source", where, sources)
        paragraphs = tuple(
            _paragraph(reader, p, article=cited, where=f"{where}.paragraph[{j}]", status=a_status, sources=a_sources)
            for j, p in enumerate(reader.records(record, "paragraph"))
        )
        articles.append(
            Article(
                instrument=cited.instrument,
                number=cited.article,
                title=reader.text(record, "title", where),
                title_status=reader.status(record, "title_status", where, title_status),
                title_sources=reader.sources(record, "title_source", where, title_sources),
                summary=reader.text(record, "summary", where),
                status=a_status,
                sources=a_sources,
                paragraphs=paragraphs,
                note=reader.optional_text(record, "note", where),
            )
        )
    notes = tuple(
        Note(
            text=reader.text(n, "text", f"note[{i}]"),
            status=reader.status(n, "status", f"note[{i}]", None),
            sources=reader.sources(n, "source", f"note[{i}]", None),
        )
        for i, n in enumerate(reader.records(doc, "note"))
    )
    kind = reader.text(doc, "kind", "$")
    if kind not in ("treaty", "template"):
        raise reader.fail("$.kind", kind, "must be 'treaty' or 'template'")
    return Instrument(
        key=reader.citation(f"{key} Art. 1", "$.key").instrument,
        label=reader.text(doc, "label", "$"),
        number=reader.text(doc, "number", "$"),
        kind=kind,
        title=reader.text(doc, "title", "$"),
        title_status=title_status,
        title_sources=title_sources,
        url=reader.text(doc, "url", "$"),
        url_label=reader.text(doc, "url_label", "$"),
        summary=reader.text(doc, "summary", "$"),
        status=status,
        sources=sources,
        notes=notes,
        articles=tuple(articles),
    )


def _elements() -> tuple[Element, ...]:
    reader = _Reader("elements.toml")
    out = []
    for i, record in enumerate(reader.records(_read("elements.toml"), "element")):
        where = f"element[{i}]"
        fields = record.get("fields")
        if not isinstance(fields, list) or not fields or not all(isinstance(f, str) and f for f in fields):
            raise reader.fail(f"{where}.fields", fields, "must be a non-empty list of field names")
        obligation = reader.text(record, "obligation", where)
        if obligation not in _OBLIGATIONS:
            raise reader.fail(f"{where}.obligation", obligation, f"must be one of {', '.join(sorted(_OBLIGATIONS))}")
        basis = reader.text(record, "basis", where)
        if basis not in _BASES:
            raise reader.fail(f"{where}.basis", basis, f"must be one of {', '.join(sorted(_BASES))}")
        out.append(
            Element(
                kind=reader.text(record, "kind", where),
                key=reader.text(record, "key", where),
                citation=reader.citation(record.get("citation"), f"{where}.citation"),
                fields=tuple(fields),
                text=reader.text(record, "text", where),
                obligation=obligation,
                basis=basis,
                status=reader.status(record, "status", where, None),
                sources=reader.sources(record, "source", where, None),
                note=reader.optional_text(record, "note", where),
            )
        )
    return tuple(out)


def _deadlines() -> dict[str, Deadline]:
    reader = _Reader("deadlines.toml")
    out: dict[str, Deadline] = {}
    for i, record in enumerate(reader.records(_read("deadlines.toml"), "deadline")):
        where = f"deadline[{i}]"
        days = record.get("days")
        if not isinstance(days, int) or isinstance(days, bool) or days <= 0:
            raise reader.fail(f"{where}.days", days, "must be a positive number of days")
        bound = reader.text(record, "bound", where)
        if bound not in _BOUNDS:
            raise reader.fail(f"{where}.bound", bound, "must be 'minimum' or 'maximum'")
        renewable = record.get("renewable", False)
        if not isinstance(renewable, bool):
            raise reader.fail(f"{where}.renewable", renewable, "must be true or false")
        deadline = Deadline(
            key=reader.text(record, "key", where),
            days=days,
            bound=bound,
            renewable=renewable,
            citation=reader.citation(record.get("citation"), f"{where}.citation"),
            text=reader.text(record, "text", where),
            status=reader.status(record, "status", where, None),
            sources=reader.sources(record, "source", where, None),
        )
        if deadline.key in out:
            raise reader.fail(f"{where}.key", deadline.key, "is given twice")
        out[deadline.key] = deadline
    return out


def _sources() -> dict[str, Source]:
    reader = _Reader("sources.toml")
    out: dict[str, Source] = {}
    for i, record in enumerate(reader.records(_read("sources.toml"), "source")):
        where = f"source[{i}]"
        source = Source(
            key=reader.text(record, "key", where),
            text=reader.text(record, "text", where),
            url=reader.optional_text(record, "url", where),
            status=reader.text(record, "status", where),
        )
        out[source.key] = source
    return out


def _check_facts(data: TreatyData) -> None:
    """Cross-record checks: known source keys, fact statuses, elements citing shipped provisions."""
    known = data.sources

    def check_sources(name: str, where: str, keys: tuple[str, ...]) -> None:
        for key in keys:
            if key not in known:
                raise InvalidValueError(f"{name}: {where}", key, "unknown source key (add it to sources.toml)")

    def check_status(name: str, where: str, status: Status) -> None:
        if status not in FACT_STATUSES:
            raise InvalidValueError(f"{name}: {where}", status.value, "a fact is verified, secondary or recalled")

    for instrument in data.instruments.values():
        name = instrument.key
        check_sources(name, "title_source", instrument.title_sources)
        check_sources(name, "source", instrument.sources)
        for status in (instrument.status, instrument.title_status, *(n.status for n in instrument.notes)):
            check_status(name, "status", status)
        for note in instrument.notes:
            check_sources(name, "note", note.sources)
        for article in instrument.articles:
            where = f"Art. {article.number}"
            check_sources(name, where, article.sources + article.title_sources)
            check_status(name, where, article.status)
            check_status(name, where, article.title_status)
            for paragraph in article.paragraphs:
                check_sources(name, str(paragraph.citation), paragraph.sources)
                check_status(name, str(paragraph.citation), paragraph.status)
    for element in data.elements:
        check_sources("elements.toml", element.key, element.sources)
        provision_exists(data, element.citation, f"elements.toml: {element.kind}/{element.key}")
    for deadline in data.deadlines.values():
        check_sources("deadlines.toml", deadline.key, deadline.sources)
        check_status("deadlines.toml", deadline.key, deadline.status)
        provision_exists(data, deadline.citation, f"deadlines.toml: {deadline.key}")


def provision_exists(data: TreatyData, citation: Citation, where: str) -> None:
    """Raise unless *citation* names an article in the data and, if it has subdivisions, a paragraph in it."""
    instrument = data.instruments.get(citation.instrument)
    article = None
    if instrument is not None:
        article = next((a for a in instrument.articles if a.number == citation.article), None)
    if article is None or (citation.subdivisions and not article.provisions(citation)):
        raise InvalidValueError(where, str(citation), "cites a provision that is not in the treaty data")


def load() -> TreatyData:
    """Read and check every data file."""
    instruments = {i.key: i for i in (_instrument(name) for name in INSTRUMENT_FILES)}
    data = TreatyData(instruments=instruments, elements=_elements(), deadlines=_deadlines(), sources=_sources())
    _check_facts(data)
    return data


_LOCK = threading.Lock()
_CACHE: list[TreatyData] = []


def data() -> TreatyData:
    """The shipped data, read on first use (thread-safe)."""
    if _CACHE:
        return _CACHE[0]
    with _LOCK:
        if not _CACHE:
            _CACHE.append(load())
        return _CACHE[0]
