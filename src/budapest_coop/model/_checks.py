"""Type invariants shared by the domain classes (attrs validators and converters).

These check *form*, never completeness: a draft may leave a field empty (None), but a
value that is given must be well formed. Each failure raises
:class:`~budapest_coop.errors.InvalidValueError` naming the field, the value and the rule.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from collections.abc import Callable
from typing import Any, NoReturn, TypeGuard, TypeVar

import attrs

from budapest_coop.errors import InvalidValueError

T = TypeVar("T")

_SURROGATE = re.compile("[\ud800-\udfff]")
_OFFSET_RE = re.compile(r"^UTC[+-](0\d|1[0-4]):[0-5]\d$")


def fail(attribute: attrs.Attribute[Any], value: object, rule: str, citation: str | None = None) -> NoReturn:
    raise InvalidValueError(attribute.name, value, rule, citation)


def _str_type(attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        fail(attribute, value, "must be a string")


def text_problem(value: str) -> str | None:
    """Why *value* is not acceptable free text, or None if it is."""
    if not value or value.isspace():
        return "must not be empty or white space only (use null for no value)"
    if not value.isascii() and _SURROGATE.search(value):
        return "contains a lone surrogate code point, which is not valid Unicode text"
    return None


def non_blank(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """A string that is given must be valid Unicode text with more than white space."""
    if value is None:
        return
    if value.__class__ is not str:
        _str_type(attribute, value)
    problem = text_problem(value)
    if problem:
        fail(attribute, value, problem)


def aware(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A datetime must carry a time zone, and a local time must exist in it."""
    if value is None:
        return
    if not isinstance(value, dt.datetime):
        fail(attribute, value, "must be a datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        fail(attribute, value, "naive datetime, a time zone is required")
    if isinstance(value.tzinfo, zoneinfo.ZoneInfo) and not _exists(value):
        fail(attribute, value, f"this local time does not exist in {value.tzinfo.key} (clock change)")


@functools.lru_cache(maxsize=4096)
def _exists(value: dt.datetime) -> bool:
    back = value.astimezone(dt.UTC).astimezone(value.tzinfo)
    return back.replace(tzinfo=None) == value.replace(tzinfo=None)


def a_date(_instance: object, attribute: attrs.Attribute[Any], value: dt.date | None) -> None:
    if value is None:
        return
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        fail(attribute, value, "must be a calendar date (YYYY-MM-DD)")


def positive_int(_instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        fail(attribute, value, "must be a whole number of 1 or more")


def a_bool(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, bool):
        fail(attribute, value, "must be true or false")


@functools.lru_cache(maxsize=1024)
def _country(code: str) -> bool:
    import pycountry

    return len(code) == 2 and code.isascii() and code.isupper() and (pycountry.countries.get(alpha_2=code) is not None)


def country(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """An ISO 3166-1 alpha-2 code, upper case, known to pycountry (e.g. ``"AT"``)."""
    if value is None:
        return
    if value.__class__ is not str:
        _str_type(attribute, value)
    if not _country(value):
        fail(attribute, value, "must be an ISO 3166-1 alpha-2 country code in upper case, e.g. 'AT'")


@functools.lru_cache(maxsize=1024)
def _language(tag: str) -> str | None:
    import langcodes

    if not tag or not tag.strip() or not langcodes.tag_is_valid(tag):
        return None
    return str(langcodes.standardize_tag(tag))


def language_tag(value: object, field: object = "language") -> str:
    """Validate a BCP 47 tag and return its standard form (``"EN-gb"`` -> ``"en-GB"``)."""
    if not isinstance(value, str):
        raise InvalidValueError(str(field), value, "must be a BCP 47 language tag such as 'en' or 'pt-BR'")
    tag = _language(value)
    if tag is None:
        raise InvalidValueError(str(field), value, "must be a valid BCP 47 language tag such as 'en' or 'pt-BR'")
    return tag


def language_tags(value: object) -> tuple[str, ...]:
    """Converter: a sequence of language tags, each standardised, without duplicates."""
    if isinstance(value, str) or not _is_sequence(value):
        raise InvalidValueError("languages", value, "must be a list of BCP 47 language tags")
    out: dict[str, None] = {}
    for i, item in enumerate(value):
        out[language_tag(item, f"languages[{i}]")] = None
    return tuple(out)


@functools.lru_cache(maxsize=512)
def _time_zone(name: str) -> bool:
    if _OFFSET_RE.match(name) or name == "UTC":
        return True
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def time_zone(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """An IANA time zone name (``Europe/Vienna``) or a fixed offset (``UTC+01:00``)."""
    if value is None:
        return
    if value.__class__ is not str:
        _str_type(attribute, value)
    if not _time_zone(value):
        fail(attribute, value, "must be an IANA time zone such as 'Europe/Vienna' or an offset such as 'UTC+01:00'")


@functools.lru_cache(maxsize=1024)
def _email(value: str) -> str | None:
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc)
    return None


def email(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """An e-mail address of valid syntax (no deliverability check)."""
    if value is None:
        return
    if value.__class__ is not str:
        _str_type(attribute, value)
    problem = _email(value)
    if problem is not None:
        fail(attribute, value, f"must be a valid e-mail address ({problem})")


@functools.lru_cache(maxsize=1024)
def _phone(value: str) -> str | None:
    import phonenumbers

    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def e164(value: str) -> str | None:
    """The E.164 form of an international phone number, or None if it is not one."""
    return _phone(value)


def phone(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """A phone or fax number in international form, starting with ``+`` and the country code."""
    if value is None:
        return
    if value.__class__ is not str:
        _str_type(attribute, value)
    if _phone(value) is None or not value.lstrip().startswith("+"):
        fail(attribute, value, "must be an international phone number starting with + and the country code")


def _is_sequence(value: object) -> TypeGuard[list[Any] | tuple[Any, ...]]:
    return isinstance(value, list | tuple)


def to_tuple(value: object) -> tuple[Any, ...]:
    """Converter: accept a list or tuple, keep it as a tuple; anything else is left for the validator."""
    if isinstance(value, list):
        return tuple(value)
    return value  # type: ignore[return-value]


def tuple_of(
    kind: type | tuple[type, ...], item_check: Callable[[str, Any], None] | None = None
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """Validator: a tuple whose items are instances of *kind* (and pass *item_check*)."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            fail(attribute, value, "must be a list")
        for i, item in enumerate(value):
            name = f"{attribute.name}[{i}]"
            if not isinstance(item, kind):
                names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
                raise InvalidValueError(name, item, f"must be a {names}")
            if item_check is not None:
                item_check(name, item)

    return check


def non_blank_item(name: str, item: str) -> None:
    problem = text_problem(item)
    if problem:
        raise InvalidValueError(name, item, problem)


def instance_of(kind: type | tuple[type, ...]) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """Validator: the value is None or an instance of *kind*."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            fail(attribute, value, f"must be a {names}")

    return check


def enum_value(kind: type[T]) -> Callable[[object], T]:
    """Converter: accept an enum member or its value; other values are left to the validator."""

    def convert(value: object) -> T:
        if isinstance(value, kind) or value is None:
            return value  # type: ignore[return-value]
        try:
            return kind(value)  # type: ignore[call-arg]
        except ValueError:
            return value  # type: ignore[return-value]

    return convert


def member_of(kind: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, kind):
            allowed = ", ".join(repr(m.value) for m in kind)  # type: ignore[attr-defined]
            fail(attribute, value, f"must be one of {allowed}")

    return check


def enum_tuple(kind: type[T]) -> Callable[[object], tuple[T, ...]]:
    """Converter: a sequence of enum members or values, kept in order, duplicates removed."""

    one = enum_value(kind)

    def convert(value: object) -> tuple[T, ...]:
        if not _is_sequence(value):
            return value  # type: ignore[return-value]
        return tuple(dict.fromkeys(one(v) for v in value))

    return convert


def optional_str() -> Any:
    """An optional string field: None, or a string with more than white space."""
    return attrs.field(default=None, validator=non_blank)


def enum_field(kind: type, default: object = None) -> Any:
    """A field holding a member of *kind*; its value (e.g. ``"urgent"``) is accepted too."""
    return attrs.field(default=default, converter=enum_value(kind), validator=member_of(kind))


def enum_tuple_field(kind: type) -> Any:
    """A field holding a tuple of members of *kind*, in order, without duplicates."""
    return attrs.field(default=(), converter=enum_tuple(kind), validator=tuple_of(kind))
