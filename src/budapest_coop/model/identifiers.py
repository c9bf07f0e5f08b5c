"""Identifiers of the data sought: IP addresses, e-mail addresses, phone numbers, accounts, URLs, domains."""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import re
import urllib.parse
from typing import Any, ClassVar

import attrs

from budapest_coop.errors import InvalidValueError
from budapest_coop.model import _checks as c
from budapest_coop.model.actors import TimePeriod
from budapest_coop.model.enums import TransportProtocol

__all__ = [
    "AccountIdentifier",
    "DomainIdentifier",
    "EmailIdentifier",
    "IPAddressIdentifier",
    "Identifier",
    "PhoneIdentifier",
    "URLIdentifier",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


@functools.lru_cache(maxsize=4096)
def parse_ip(text: str) -> IPAddress | None:
    """The IP address written in *text*, or None (results are cached)."""
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _to_ip(value: object) -> object:
    if isinstance(value, str):
        parsed = parse_ip(value.strip()) if value == value.strip() else None
        if parsed is None:
            raise InvalidValueError("address", value, "must be an IPv4 or IPv6 address such as 198.51.100.7")
        return parsed
    return value


def _check_ip(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, ipaddress.IPv4Address | ipaddress.IPv6Address):
        c.fail(attribute, value, "must be an IPv4 or IPv6 address")


def _port(_instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 65535:
        c.fail(attribute, value, "must be a port number from 0 to 65535")


_period = c.instance_of(TimePeriod)


@attrs.frozen(kw_only=True)
class IPAddressIdentifier:
    """An IP address seen at an instant (``observed_at``) or during a ``period``.

    The time must carry a time zone: without it the address cannot be resolved to a
    subscriber (ETS 185 Art. 1(d) counts time and date among traffic data). Give the source
    ``port`` for addresses that may be shared (carrier-grade NAT).

    >>> import datetime as dt
    >>> ip = IPAddressIdentifier(address="198.51.100.7", port=51234,
    ...     observed_at=dt.datetime(2026, 3, 2, 23, 41, 7, tzinfo=dt.timezone(dt.timedelta(hours=1))))
    >>> ip.observed_at_utc.isoformat()
    '2026-03-02T22:41:07+00:00'
    """

    KIND: ClassVar[str] = "ip-address"

    address: IPAddress = attrs.field(converter=_to_ip, validator=_check_ip)
    observed_at: dt.datetime | None = attrs.field(default=None, validator=c.aware)
    period: TimePeriod | None = attrs.field(default=None, validator=_period)
    port: int | None = attrs.field(default=None, validator=_port)
    protocol: TransportProtocol | None = c.enum_field(TransportProtocol)
    destination_address: IPAddress | None = attrs.field(
        default=None, converter=_to_ip, validator=attrs.validators.optional(_check_ip)
    )
    destination_port: int | None = attrs.field(default=None, validator=_port)
    dynamic: bool | None = attrs.field(default=None, validator=c.a_bool)
    justification: str | None = c.optional_str()
    service_name: str | None = c.optional_str()
    note: str | None = c.optional_str()

    def __attrs_post_init__(self) -> None:
        if self.observed_at is not None and self.period is not None:
            raise InvalidValueError("period", self.period, "give either observed_at (one instant) or period, not both")

    @property
    def value(self) -> str:
        return str(self.address)

    @property
    def observed_at_utc(self) -> dt.datetime | None:
        """``observed_at`` converted to UTC (the original stays in ``observed_at``)."""
        return None if self.observed_at is None else self.observed_at.astimezone(dt.UTC)


def _email_address(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    c.email(_instance, attribute, value)


@attrs.frozen(kw_only=True)
class EmailIdentifier:
    """An e-mail address (syntax checked; deliverability is not)."""

    KIND: ClassVar[str] = "email"

    address: str = attrs.field(validator=_email_address)
    period: TimePeriod | None = attrs.field(default=None, validator=_period)
    service_name: str | None = c.optional_str()
    note: str | None = c.optional_str()

    @property
    def value(self) -> str:
        return self.address


def _to_e164(value: object) -> object:
    if isinstance(value, str):
        normal = c.e164(value) if value.lstrip().startswith("+") else None
        if normal is None:
            raise InvalidValueError(
                "number", value, "must be an international phone number starting with + and the country code"
            )
        return normal
    return value


@attrs.frozen(kw_only=True)
class PhoneIdentifier:
    """A telephone number, stored in E.164 form (``+43 1 234 5678`` becomes ``+4312345678``)."""

    KIND: ClassVar[str] = "phone"

    number: str = attrs.field(converter=_to_e164, validator=attrs.validators.instance_of(str))
    period: TimePeriod | None = attrs.field(default=None, validator=_period)
    service_name: str | None = c.optional_str()
    note: str | None = c.optional_str()

    @property
    def value(self) -> str:
        return self.number


@attrs.frozen(kw_only=True)
class AccountIdentifier:
    """A user name or account ID at a service (``service_name`` says which)."""

    KIND: ClassVar[str] = "account"

    account: str = attrs.field(validator=c.non_blank)
    period: TimePeriod | None = attrs.field(default=None, validator=_period)
    service_name: str | None = c.optional_str()
    note: str | None = c.optional_str()

    @property
    def value(self) -> str:
        return self.account


def _url(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    c.non_blank(_instance, attribute, value)
    parts = urllib.parse.urlsplit(value)
    if not parts.scheme or not parts.netloc or any(ch.isspace() for ch in value):
        c.fail(attribute, value, "must be an absolute URL such as https://example.org/path")


@attrs.frozen(kw_only=True)
class URLIdentifier:
    """An absolute URL."""

    KIND: ClassVar[str] = "url"

    url: str = attrs.field(validator=_url)
    period: TimePeriod | None = attrs.field(default=None, validator=_period)
    service_name: str | None = c.optional_str()
    note: str | None = c.optional_str()

    @property
    def value(self) -> str:
        return self.url


@functools.lru_cache(maxsize=1024)
def _domain_ok(value: str) -> bool:
    name = value[:-1] if value.endswith(".") else value
    try:
        ascii_name = name.encode("idna").decode("ascii").lower()
    except (UnicodeError, ValueError):
        return False
    labels = ascii_name.split(".")
    return len(ascii_name) <= 253 and len(labels) >= 2 and all(_LABEL.match(x) for x in labels)


def _domain(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    c.non_blank(_instance, attribute, value)
    if not _domain_ok(value):
        c.fail(attribute, value, "must be a domain name such as example.org")


@attrs.frozen(kw_only=True)
class DomainIdentifier:
    """A domain name (internationalised names are accepted)."""

    KIND: ClassVar[str] = "domain"

    domain: str = attrs.field(validator=_domain)
    period: TimePeriod | None = attrs.field(default=None, validator=_period)
    service_name: str | None = c.optional_str()
    note: str | None = c.optional_str()

    @property
    def value(self) -> str:
        return self.domain


Identifier = (
    IPAddressIdentifier | EmailIdentifier | PhoneIdentifier | AccountIdentifier | URLIdentifier | DomainIdentifier
)
IDENTIFIER_TYPES: tuple[type[Identifier], ...] = (
    IPAddressIdentifier,
    EmailIdentifier,
    PhoneIdentifier,
    AccountIdentifier,
    URLIdentifier,
    DomainIdentifier,
)
