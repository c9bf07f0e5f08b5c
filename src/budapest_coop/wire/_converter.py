"""The one cattrs converter that turns domain objects into JSON-ready data and back.

Structuring has two paths. The fast path is cattrs' generated code plus the attrs
validators of the model; it stops at the first problem. When it fails, the same document is
walked again by :func:`collect_problems`, which checks every field on its own so that the
error lists *every* problem with its JSON path.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import ipaddress
import linecache
import re
import types
import typing
import zoneinfo
from collections.abc import Callable
from typing import Any

import attrs
from cattrs.fns import identity
from cattrs.preconf.json import JsonConverter, make_converter

from budapest_coop.errors import InvalidValueError, WireProblem, shorten
from budapest_coop.model import (
    IDENTIFIER_TYPES,
    Identifier,
    LocalizedText,
    PreservationOrder,
    PreservationRequest,
    SubscriberInformationRequest,
)
from budapest_coop.model.identifiers import parse_ip

__all__ = ["collect_problems", "converter"]

_ZONE_SUFFIX = re.compile(r"^(?P<base>[^\[\]]+)\[(?P<zone>[^\[\]]+)\]$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$")
_IDENTIFIERS_BY_KIND: dict[str, type[Any]] = {cls.KIND: cls for cls in IDENTIFIER_TYPES}
#: Documents that may be nested in another one (a case file's entries), written as {"kind": ..., "data": ...}.
NestedDocument = PreservationRequest | SubscriberInformationRequest | PreservationOrder
_NESTED_BY_KIND: dict[str, type[Any]] = {
    cls.KIND: cls for cls in (PreservationRequest, SubscriberInformationRequest, PreservationOrder)
}
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class _LeafError(ValueError):
    """A leaf value is wrong; the message is shown as is, after its JSON path."""


def _type_name(value: object) -> str:
    return {
        type(None): "null",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def _expect(value: object, kind: type | tuple[type, ...], what: str) -> None:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise _LeafError(f"must be {what}, got {_type_name(value)} {shorten(value)}")


def _structure_str(value: object, _: type) -> str:
    if isinstance(value, str):
        return value
    raise _LeafError(f"must be a string, got {_type_name(value)} {shorten(value)}")


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _LeafError(f"must be a whole number, got {_type_name(value)} {shorten(value)}")


def _structure_bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise _LeafError(f"must be true or false, got {_type_name(value)} {shorten(value)}")


def _structure_date(value: object, _: type) -> dt.date:
    if not isinstance(value, str) or not _DATE.match(value):
        raise _LeafError(f"must be a date YYYY-MM-DD, got {shorten(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise _LeafError(f"not a valid date ({exc}): {shorten(value)}") from None


@functools.lru_cache(maxsize=4096)
def parse_datetime(text: str) -> dt.datetime:
    """Read an ISO 8601 datetime with offset, optionally followed by an IANA zone in brackets.

    ``2026-03-02T23:41:07+01:00[Europe/Vienna]`` keeps the zone name (RFC 9557 style);
    a datetime without offset is refused: the instant it names is unknown.
    """
    zone_name: str | None = None
    match = _ZONE_SUFFIX.match(text)
    base = text
    if match:
        base, zone_name = match["base"], match["zone"]
    if not _DATETIME.match(base):
        raise _LeafError(
            f"must be an ISO 8601 date and time with offset, e.g. 2026-03-02T23:41:07+01:00; got {shorten(text)}"
        )
    try:
        value = dt.datetime.fromisoformat(base)
    except ValueError as exc:
        raise _LeafError(f"not a valid date and time ({exc}): {shorten(text)}") from None
    if value.tzinfo is None:
        raise _LeafError(
            f"naive datetime, a time zone is required (add an offset such as +01:00 or Z): {shorten(text)}"
        )
    if zone_name is None:
        return value
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise _LeafError(f"unknown time zone {zone_name!r}") from None
    local = value.astimezone(zone)
    if local.utcoffset() != value.utcoffset():
        raise _LeafError(
            f"offset {base[-6:]} does not match {zone_name} at that time ({local.isoformat()[-6:]}): {shorten(text)}"
        )
    return local


def format_datetime(value: dt.datetime) -> str:
    """ISO 8601 with offset, plus ``[Zone/Name]`` when the datetime carries an IANA zone."""
    text = value.isoformat()
    if isinstance(value.tzinfo, zoneinfo.ZoneInfo):
        return f"{text}[{value.tzinfo.key}]"
    return text


def _structure_datetime(value: object, _: type) -> dt.datetime:
    if not isinstance(value, str):
        raise _LeafError(f"must be an ISO 8601 date and time with offset, got {_type_name(value)} {shorten(value)}")
    return parse_datetime(value)


def _structure_ip(value: object, _: type) -> IPAddress:
    address = parse_ip(value) if isinstance(value, str) else None
    if address is None:
        raise _LeafError(f"must be an IPv4 or IPv6 address such as 198.51.100.7; got {shorten(value)}")
    return address


def _structure_text(value: object, _: type) -> LocalizedText:
    if value.__class__ is not dict:
        _expect(value, dict, 'an object of language tag to text, e.g. {"en": "..."}')
    return LocalizedText(value)  # type: ignore[arg-type]


def _unstructure_text(value: LocalizedText) -> dict[str, str]:
    return value.to_dict()


def _is_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


def _enum_hook(t: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    by_value = {m.value: m for m in t}
    allowed = ", ".join(repr(v) for v in by_value)

    def structure(value: object, _: type) -> enum.Enum:
        try:
            return by_value[value]
        except (KeyError, TypeError):
            raise _LeafError(f"must be one of {allowed}; got {shorten(value)}") from None

    return structure


def _is_homogeneous_tuple(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_simple_optional(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args


def _is_identifier_union(t: Any) -> bool:
    return bool(t == Identifier)


def _is_nested_document(t: Any) -> bool:
    return bool(t == NestedDocument)


def _nested_kind(value: object) -> type[Any]:
    if not isinstance(value, dict):
        raise _LeafError(f'must be an object {{"kind": ..., "data": ...}}, got {_type_name(value)} {shorten(value)}')
    extra = sorted(set(value) - {"kind", "data"})
    if extra:
        raise _LeafError(f"unknown keys {', '.join(map(repr, extra))}; a nested document has only 'kind' and 'data'")
    kind = value.get("kind")
    cls = _NESTED_BY_KIND.get(kind) if isinstance(kind, str) else None
    if cls is None:
        allowed = ", ".join(repr(k) for k in _NESTED_BY_KIND)
        raise _LeafError(f"'kind' must be one of {allowed}; got {shorten(kind)}")
    if not isinstance(value.get("data"), dict):
        raise _LeafError("'data' must be an object")
    return cls


def _identifier_kind(value: object) -> type[Any]:
    if not isinstance(value, dict):
        raise _LeafError(f"must be an object with a 'type', got {_type_name(value)} {shorten(value)}")
    kind = value.get("type")
    cls = _IDENTIFIERS_BY_KIND.get(kind) if isinstance(kind, str) else None
    if cls is None:
        allowed = ", ".join(repr(k) for k in _IDENTIFIERS_BY_KIND)
        raise _LeafError(f"'type' must be one of {allowed}; got {shorten(kind)}")
    return cls


_DEFAULT_CHECK = re.compile(r"if instance\.(\w+) != (__c_def_\1):")


def _none_checks_by_identity(function: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    """A cattrs-generated unstructure function that tests a ``None`` default with ``is not None``.

    cattrs omits a field equal to its default with ``value != default``; for a nested attrs
    object or a LocalizedText that calls Python ``__ne__`` and ``__eq__`` methods, for the same
    result as ``is not None``. Such a field, never None when written, is then written by the
    hook of its type rather than by the optional hook (``_optional_of``). The function is
    otherwise the same; if its source cannot be read, it is kept as it is.
    """
    source = "\n".join(line.rstrip("\n") for line in linecache.getlines(function.__code__.co_filename))
    namespace = dict(function.__globals__)
    if not source or function.__name__ not in namespace:
        return function

    def identity_check(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        if default not in namespace or namespace[default] is not None:
            return match.group(0)
        check = f"if instance.{name} is not None:"
        inner = getattr(namespace.get(f"__c_unstr_{name}"), "_optional_of", None)
        call = f"__c_unstr_{name}(instance.{name})"
        if inner is None or source.count(call) != 1:
            return check
        namespace[f"__c_inner_{name}"] = inner
        calls[call] = f"__c_inner_{name}(instance.{name})"
        return check

    calls: dict[str, str] = {}
    changed = _DEFAULT_CHECK.sub(identity_check, source)
    for call, direct in calls.items():
        changed = changed.replace(call, direct)
    if changed == source:
        return function
    exec(compile(changed, f"{function.__code__.co_filename} (None by identity)", "exec"), namespace)  # noqa: S102
    faster: Callable[[Any], dict[str, Any]] = namespace[function.__name__]
    return faster


def _build() -> JsonConverter:
    conv = make_converter(forbid_extra_keys=True, omit_if_default=True, detailed_validation=False)
    conv.register_unstructure_hook_factory(
        attrs.has, lambda cls: _none_checks_by_identity(conv.gen_unstructure_attrs_fromdict(cls))
    )
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_structure_hook(dt.datetime, _structure_datetime)
    conv.register_unstructure_hook(dt.datetime, format_datetime)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook_func(lambda t: t == IPAddress, _structure_ip)
    conv.register_unstructure_hook_func(lambda t: t == IPAddress, str)
    for cls in (ipaddress.IPv4Address, ipaddress.IPv6Address):
        conv.register_unstructure_hook(cls, str)
    conv.register_structure_hook(LocalizedText, _structure_text)
    conv.register_unstructure_hook(LocalizedText, _unstructure_text)
    conv.register_structure_hook_factory(_is_enum, _enum_hook)
    conv.register_unstructure_hook_func(_is_enum, lambda v: v.value)

    def tuple_factory(t: Any) -> Callable[[object, type], tuple[Any, ...]]:
        item_type = typing.get_args(t)[0]
        item = conv.get_structure_hook(item_type)

        def structure(value: object, _: type) -> tuple[Any, ...]:
            _expect(value, list, "an array")
            return tuple(item(v, item_type) for v in value)  # type: ignore[attr-defined]

        return structure

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_factory)

    def tuple_unstructure_factory(t: Any) -> Callable[[Any], Any]:
        # what cattrs' iterable factory makes (a list), without a generator per call
        item = conv.get_unstructure_hook(typing.get_args(t)[0], cache_result=False)
        if item == identity:
            return list

        def unstructure(value: Any) -> list[Any]:
            return [item(v) for v in value]

        return unstructure

    conv.register_unstructure_hook_factory(_is_homogeneous_tuple, tuple_unstructure_factory)

    def optional_factory(t: Any) -> Callable[[object, type], Any]:
        inner_type = next(a for a in typing.get_args(t) if a is not type(None))
        inner = conv.get_structure_hook(inner_type)
        if inner_type is str:

            def structure_str(value: object, _: type) -> Any:
                if value is None or value.__class__ is str:
                    return value
                return _structure_str(value, str)

            return structure_str

        def structure(value: object, _: type) -> Any:
            return None if value is None else inner(value, inner_type)

        return structure

    conv.register_structure_hook_factory(_is_simple_optional, optional_factory)

    def optional_unstructure_factory(t: Any) -> Callable[[Any], Any]:
        inner_type = next(a for a in typing.get_args(t) if a is not type(None))
        inner = conv.get_unstructure_hook(inner_type)
        if inner is identity:
            return identity

        def unstructure(value: Any) -> Any:
            return None if value is None else inner(value)

        unstructure._optional_of = inner  # type: ignore[attr-defined]  # see _none_checks_by_identity
        return unstructure

    conv.register_unstructure_hook_factory(_is_simple_optional, optional_unstructure_factory)

    def structure_identifier(value: object, _: type) -> Any:
        cls = _identifier_kind(value)
        data = dict(value)  # type: ignore[call-overload]
        del data["type"]
        return conv.structure(data, cls)

    identifier_hooks: dict[type, Callable[[Any], Any]] = {}

    def unstructure_identifier(value: Any) -> Any:
        hook = identifier_hooks.get(value.__class__)
        return conv.unstructure(value, type(value)) if hook is None else hook(value)

    def structure_nested(value: object, _: type) -> Any:
        cls = _nested_kind(value)
        return conv.structure(value["data"], cls)  # type: ignore[index]

    def unstructure_nested(value: Any) -> dict[str, Any]:
        return {"kind": value.KIND, "data": conv.unstructure(value, type(value))}

    conv.register_structure_hook_func(_is_nested_document, structure_nested)
    conv.register_unstructure_hook_func(_is_nested_document, unstructure_nested)
    conv.register_structure_hook_func(_is_identifier_union, structure_identifier)
    conv.register_unstructure_hook_func(_is_identifier_union, unstructure_identifier)
    for identifier_type in IDENTIFIER_TYPES:
        identifier_hooks[identifier_type] = _with_type(conv, identifier_type)
        conv.register_unstructure_hook(identifier_type, identifier_hooks[identifier_type])
    return conv


def _with_type(conv: JsonConverter, cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    from cattrs.gen import make_dict_unstructure_fn

    plain = _none_checks_by_identity(make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True))

    def unstructure(value: Any) -> dict[str, Any]:
        return {"type": cls.KIND, **plain(value)}

    return unstructure


converter: JsonConverter = _build()


# --- collecting every problem -----------------------------------------------------------


def _field_path(path: str, name: str) -> str:
    return f"{path}.{name}"


def _error_path(path: str, error: InvalidValueError, names: set[str]) -> str:
    """Where an InvalidValueError from a class points: the class path plus its field."""
    field = error.field
    head = re.match(r"^[A-Za-z_][A-Za-z0-9_]*", field)
    if head and head.group() in names:
        return f"{path}.{field}"
    return path


def _message(exc: BaseException) -> str:
    if isinstance(exc, InvalidValueError):
        where = f" ({exc.citation})" if exc.citation else ""
        return f"{exc.rule}{where}; got {shorten(exc.value)}"
    return str(exc)


@functools.cache
def _fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    return tuple(attrs.fields(attrs.resolve_types(cls)))


def collect_problems(value: object, t: Any, path: str) -> list[WireProblem]:
    """Every problem that keeps *value* from structuring as *t*, each with its JSON path."""
    if t is Any:
        return []
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if _is_nested_document(t):
        try:
            nested = _nested_kind(value)
        except _LeafError as exc:
            return [WireProblem(path, str(exc))]
        return collect_problems(value["data"], nested, f"{path}.data")  # type: ignore[index]
    if _is_identifier_union(t):
        try:
            kind = _identifier_kind(value)
        except _LeafError as exc:
            return [WireProblem(path, str(exc))]
        data = dict(value)  # type: ignore[call-overload]
        del data["type"]
        return collect_problems(data, kind, path)
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        if value is None:
            return []
        rest = tuple(a for a in args if a is not type(None))
        inner = rest[0] if len(rest) == 1 else typing.Union[rest]  # noqa: UP007
        return collect_problems(value, inner, path)
    if _is_homogeneous_tuple(t):
        if not isinstance(value, list):
            return [WireProblem(path, f"must be an array, got {_type_name(value)} {shorten(value)}")]
        problems: list[WireProblem] = []
        for i, item in enumerate(value):
            problems += collect_problems(item, args[0], f"{path}[{i}]")
        return problems
    if attrs.has(t) if isinstance(t, type) else False:
        return _collect_class(value, t, path)
    try:
        converter.structure(value, t)
    except InvalidValueError as exc:
        sub = f"{path}.{exc.field}" if t is LocalizedText and exc.field != "text" else path
        return [WireProblem(sub, _message(exc))]
    except Exception as exc:
        return [WireProblem(path, _message(exc))]
    return []


def _collect_class(value: object, cls: type, path: str) -> list[WireProblem]:
    if not isinstance(value, dict):
        return [WireProblem(path, f"must be an object, got {_type_name(value)} {shorten(value)}")]
    fields = _fields(cls)
    names = {f.name for f in fields}
    problems = [WireProblem(_field_path(path, str(key)), "unknown key") for key in value if key not in names]
    kwargs: dict[str, Any] = {}
    for field in fields:
        where = _field_path(path, field.name)
        if field.name not in value:
            if field.default is attrs.NOTHING:
                problems.append(WireProblem(where, "required field missing"))
            continue
        field_type: Any = field.type
        sub = collect_problems(value[field.name], field_type, where)
        if sub:
            problems += sub
            continue
        try:
            item = converter.structure(value[field.name], field_type)
            if field.converter is not None:
                item = field.converter(item)  # type: ignore[operator]
            if field.validator is not None:
                field.validator(None, field, item)
        except InvalidValueError as exc:
            problems.append(WireProblem(_error_path(path, exc, names), _message(exc)))
            continue
        kwargs[field.name] = item
    if problems:
        return problems
    try:
        cls(**kwargs)
    except InvalidValueError as exc:
        return [WireProblem(_error_path(path, exc, names), _message(exc))]
    except Exception as exc:
        return [WireProblem(path, _message(exc))]
    return []
