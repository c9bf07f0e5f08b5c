"""The versioned JSON wire format.

A document is an envelope around one domain object::

    {"format": "budapest-coop", "version": 1, "kind": "preservation-request", "data": {...}}

Datetimes are ISO 8601 with an offset, followed by the IANA zone in brackets when one is
known (``2026-03-02T23:41:07+01:00[Europe/Vienna]``); dates are ``YYYY-MM-DD``; enums are
written by value; fields left at their default are omitted. Unknown keys, unknown kinds,
unsupported versions and bad values raise :class:`~budapest_coop.errors.WireFormatError`
listing every problem with its JSON path.

>>> from budapest_coop import PreservationRequest, dumps, loads
>>> text = dumps(PreservationRequest(reference="CC-2026-0042"))
>>> text
'{"format":"budapest-coop","version":1,"kind":"preservation-request","data":{"reference":"CC-2026-0042"}}'
>>> loads(text) == PreservationRequest(reference="CC-2026-0042")
True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar, overload

import orjson

from budapest_coop.errors import WireFormatError, WireProblem, shorten
from budapest_coop.model import CaseFile, PreservationOrder, PreservationRequest, SubscriberInformationRequest
from budapest_coop.wire._converter import collect_problems, converter

__all__ = [
    "FORMAT",
    "KINDS",
    "VERSION",
    "WireObject",
    "canonical_json",
    "digest",
    "dumps",
    "from_data",
    "json_schema",
    "loads",
    "parse_json",
    "to_data",
]

#: The value of the envelope's ``format`` key.
FORMAT = "budapest-coop"
#: The wire format version this library writes.
VERSION = 1

WireObject = PreservationRequest | SubscriberInformationRequest | PreservationOrder | CaseFile
"""Every kind of object the wire format carries."""

#: Kind name on the wire -> class.
KINDS: dict[str, type[WireObject]] = {
    cls.KIND: cls for cls in (PreservationRequest, SubscriberInformationRequest, PreservationOrder, CaseFile)
}

#: Migrations from version N to N+1, applied to the envelope's ``data`` before structuring.
#: ``MIGRATIONS[1]`` will turn a version 1 document into version 2 when version 2 exists.
MIGRATIONS: dict[int, Callable[[str, dict[str, Any]], dict[str, Any]]] = {}

_ENVELOPE_KEYS = ("format", "version", "kind", "data")
T = TypeVar("T", PreservationRequest, SubscriberInformationRequest, PreservationOrder, CaseFile)


def to_data(obj: WireObject) -> dict[str, Any]:
    """The envelope of *obj* as plain JSON-ready data (dicts, lists, strings, numbers)."""
    kind = getattr(type(obj), "KIND", None)
    if kind not in KINDS or not isinstance(obj, KINDS[kind]):
        raise TypeError(f"cannot write {type(obj).__name__} in the wire format; expected one of {', '.join(KINDS)}")
    return {"format": FORMAT, "version": VERSION, "kind": kind, "data": converter.unstructure(obj, type(obj))}


def dumps(obj: WireObject, *, indent: int | None = None) -> str:
    """Write *obj* in the wire format: compact, or indented by *indent* spaces for people to read.

    The text is the same as ``json.dumps(data, ensure_ascii=False)`` with compact separators
    (or ``indent``); it is produced by orjson for speed.
    """
    data = to_data(obj)
    if indent is None:
        return orjson.dumps(data).decode()
    if indent == 2:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    return json.dumps(data, ensure_ascii=False, indent=indent, separators=(",", ": "))


def canonical_json(obj: WireObject) -> bytes:
    """The canonical UTF-8 JSON of *obj*: sorted keys, no white space. Equal objects give equal bytes."""
    return orjson.dumps(to_data(obj), option=orjson.OPT_SORT_KEYS)


def digest(obj: WireObject) -> str:
    """The SHA-256 (hex) of :func:`canonical_json`; printed on rendered documents."""
    return hashlib.sha256(canonical_json(obj)).hexdigest()


@overload
def loads(text: str | bytes, expected: None = None, *, source: str | None = None) -> WireObject: ...
@overload
def loads(text: str | bytes, expected: type[T], *, source: str | None = None) -> T: ...


def loads(text: str | bytes, expected: type[T] | None = None, *, source: str | None = None) -> WireObject:
    """Read a document written by :func:`dumps` (or by hand).

    With *expected* (a class such as ``PreservationRequest``), a document of another kind is
    an error. *source* (a file name) is named in the error message.
    """
    return from_data(parse_json(text, source=source), expected, source=source)


def parse_json(text: str | bytes, *, source: str | None = None) -> Any:
    """Parse JSON text as :func:`loads` does, without building objects: plain data back.

    A key given twice in one object, text that is not JSON and bytes that are not UTF-8 raise
    :class:`~budapest_coop.WireFormatError` (``$``: the problem, with line and column).
    """
    try:
        return _parse(text)
    except _DuplicateKeyError as exc:
        raise WireFormatError([WireProblem("$", f"duplicate key {exc.args[0]!r} in one object")], source) from None
    except json.JSONDecodeError as exc:
        raise WireFormatError(
            [WireProblem("$", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")], source
        ) from None
    except UnicodeDecodeError as exc:
        raise WireFormatError([WireProblem("$", f"not UTF-8 text: {exc.reason}")], source) from None


class _DuplicateKeyError(ValueError):
    pass


_COMPACT_START = ('{"', b'{"')


def _parse(text: str | bytes) -> Any:
    """The JSON value of *text*, refusing an object that gives the same key twice.

    orjson keeps the last of duplicate keys without a word, so its result is taken only when
    writing it back gives *text* exactly (as for every document :func:`dumps` writes): a
    duplicate key would be missing from the copy. Any other text is read by the standard
    library, which reports duplicates and every syntax error with its position.
    """
    if text[:2] in _COMPACT_START:  # indented text cannot be orjson's own
        try:
            data = orjson.loads(text)
            if orjson.dumps(data) == (text.encode() if isinstance(text, str) else text):
                return data
        except (orjson.JSONDecodeError, orjson.JSONEncodeError, UnicodeError):
            pass
    return json.loads(text, object_pairs_hook=_no_duplicates)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return out


def from_data(data: object, expected: type[T] | None = None, *, source: str | None = None) -> WireObject:
    """Like :func:`~budapest_coop.loads`, for an envelope already parsed from JSON."""
    cls, payload = _open_envelope(data, expected, source)
    try:
        return converter.structure(payload, cls)
    except Exception as exc:
        problems = collect_problems(payload, cls, "$.data")
        if not problems:
            problems = [WireProblem("$.data", f"{type(exc).__name__}: {exc}")]
        raise WireFormatError(problems, source) from None


def _open_envelope(
    data: object, expected: type[Any] | None, source: str | None
) -> tuple[type[WireObject], dict[str, Any]]:
    if not isinstance(data, dict):
        raise WireFormatError([WireProblem("$", "must be a JSON object (the envelope)")], source)
    problems = [WireProblem(f"$.{key}", "unknown key") for key in data if key not in _ENVELOPE_KEYS]
    problems += [WireProblem(f"$.{key}", "required field missing") for key in _ENVELOPE_KEYS if key not in data]
    if "format" in data and data["format"] != FORMAT:
        problems.append(WireProblem("$.format", f"must be {FORMAT!r}; got {shorten(data['format'])}"))
    version = data.get("version")
    version_ok = isinstance(version, int) and not isinstance(version, bool) and 1 <= version <= VERSION
    if "version" in data and not version_ok:
        problems.append(
            WireProblem("$.version", f"version {shorten(version)} is not supported; this library reads 1 to {VERSION}")
        )
    kind = data.get("kind")
    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if "kind" in data and cls is None:
        problems.append(WireProblem("$.kind", f"unknown kind {shorten(kind)}; known kinds: {', '.join(KINDS)}"))
    elif cls is not None and expected is not None and cls is not expected:
        problems.append(WireProblem("$.kind", f"expected {expected.KIND!r}, got {kind!r}"))
    payload = data.get("data")
    if "data" in data and not isinstance(payload, dict):
        problems.append(WireProblem("$.data", "must be a JSON object"))
    if problems:
        raise WireFormatError(problems, source)
    assert cls is not None
    assert isinstance(payload, dict)
    assert isinstance(version, int)
    for step in range(version, VERSION):
        payload = MIGRATIONS[step](kind, payload)  # type: ignore[arg-type]
    return cls, payload


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a document of *kind*, envelope included."""
    from budapest_coop.wire._schema import schema_for

    if kind not in KINDS:
        raise KeyError(f"unknown kind {kind!r}; known kinds: {', '.join(KINDS)}")
    return schema_for(kind, KINDS[kind], FORMAT, VERSION)
