"""ID rules: identifiers, timestamps and periods (reference §6.2)."""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
from collections.abc import Sequence

from budapest_coop.model import (
    AccountIdentifier,
    DataCategory,
    EmailIdentifier,
    IPAddressIdentifier,
    PhoneIdentifier,
    PreservationOrder,
    PreservationRequest,
    SubscriberInformationRequest,
    TimePeriod,
    URLIdentifier,
)
from budapest_coop.model.citation import Citation
from budapest_coop.treaty import Status
from budapest_coop.validation._finding import Finding, Severity, Term
from budapest_coop.validation._rule import Context, rule
from budapest_coop.validation.rules._common import ORDER, REQUESTS, SUBSCRIBER, cite

E, W = Severity.ERROR, Severity.WARNING
NONE: Sequence[Finding] = ()

#: Look-ups of an IP address over a longer period are usually refused as too broad (practice).
IP_LOOKUP_MAX_DAYS = 30
_MAX_LOOKUP = dt.timedelta(days=IP_LOOKUP_MAX_DAYS)

_ART_29_2_C = cite("ETS 185 Art. 29(2)(c)")
_ART_29_2_D = cite("ETS 185 Art. 29(2)(d)")
_ART_31_1 = cite("ETS 185 Art. 31(1)")
_ART_18_3 = cite("ETS 185 Art. 18(3)")
_SPECIFIED_DATA = {
    PreservationRequest: _ART_29_2_C,
    SubscriberInformationRequest: _ART_31_1,
    PreservationOrder: _ART_29_2_C,
}

AnyDocument = PreservationRequest | SubscriberInformationRequest | PreservationOrder

# --- ID-01 -------------------------------------------------------------------------------

_NO_TIME = (
    "IP address identifier %(number)s has no date and time; a provider cannot trace an IP address "
    "without the exact time and its time zone."
)


@rule(
    "ID-01",
    kinds=(*REQUESTS, ORDER),
    severity=E,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 1(d)",),
    summary=(
        "An IP address identifier has neither `observed_at` nor `period`. (A time without a time zone "
        "cannot even be built: the model refuses naive datetimes.)"
    ),
    fix="Give the instant (`observed_at`, with its UTC offset) or the `period` the address was seen in.",
    messages=(_NO_TIME,),
    basis="ETS 185 Art. 1(d) (time and date are traffic data); provider practice; T-CY(2018)26",
)
def ip_time(document: AnyDocument, ctx: Context) -> Sequence[Finding]:
    out: list[Finding] = []
    for i, identifier in enumerate(document.identifiers):
        if type(identifier) is IPAddressIdentifier and identifier.observed_at is None and identifier.period is None:
            out.append(ip_time.finding(ctx, f"identifiers[{i}].observed_at", _NO_TIME, {"number": i + 1}))
    return out or NONE


# --- ID-02 / ID-03 -------------------------------------------------------------------------

_RANGE_TERMS = {
    "documentation": Term("documentation and examples"),
    "private": Term("private network, RFC 1918"),
    "shared": Term("carrier-grade NAT, RFC 6598"),
    "loopback": Term("loopback"),
    "link-local": Term("link-local"),
    "unspecified": Term("unspecified address"),
    "multicast": Term("multicast"),
    "reserved": Term("reserved"),
    "benchmarking": Term("benchmarking, RFC 2544"),
    "protocol": Term("IETF protocol assignments"),
    "unique-local": Term("unique local, RFC 4193"),
}
_NETWORKS: tuple[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, str], ...] = tuple(
    (ipaddress.ip_network(net), label)
    for net, label in (
        ("192.0.2.0/24", "documentation"),
        ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"),
        ("2001:db8::/32", "documentation"),
        ("3fff::/20", "documentation"),
        ("10.0.0.0/8", "private"),
        ("172.16.0.0/12", "private"),
        ("192.168.0.0/16", "private"),
        ("100.64.0.0/10", "shared"),
        ("127.0.0.0/8", "loopback"),
        ("::1/128", "loopback"),
        ("169.254.0.0/16", "link-local"),
        ("fe80::/10", "link-local"),
        ("0.0.0.0/8", "unspecified"),
        ("::/128", "unspecified"),
        ("224.0.0.0/4", "multicast"),
        ("ff00::/8", "multicast"),
        ("240.0.0.0/4", "reserved"),
        ("198.18.0.0/15", "benchmarking"),
        ("2001:2::/48", "benchmarking"),
        ("192.0.0.0/24", "protocol"),
        ("2001::/23", "protocol"),
        ("fc00::/7", "unique-local"),
        ("100::/64", "reserved"),
    )
)


@functools.lru_cache(maxsize=4096)
def classify(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """The special-purpose range *address* falls in (``"documentation"``, ``"private"``...), or None.

    An IPv4-mapped IPv6 address is classified as the IPv4 address it carries.

    >>> classify(ipaddress.ip_address("198.51.100.7")), classify(ipaddress.ip_address("10.1.2.3"))
    ('documentation', 'private')
    >>> classify(ipaddress.ip_address("8.8.8.8")) is None
    True
    """
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for network, label in _NETWORKS:
        if address.version == network.version and address in network:
            return label
    return None


_NOT_PUBLIC = (
    "IP address identifier %(number)s is in a range that is not routed on the Internet (%(range)s) and cannot "
    "identify a subscriber; give the public address, or explain in the justification why this one is meant."
)
_DOCUMENTATION = "IP address identifier %(number)s is in a range reserved for %(range)s; a real request never uses it."


@rule(
    "ID-02",
    kinds=(*REQUESTS, ORDER),
    severity=E,
    also=(W,),
    status=Status.PRACTICE,
    summary=(
        "An IP address is not a public Internet address and has no `justification`. Error for private "
        "(RFC 1918), carrier-grade NAT (100.64.0.0/10), loopback, link-local, unspecified, multicast, "
        "reserved, benchmarking, IETF protocol and unique local (fc00::/7) ranges; warning for the "
        "documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, 3fff::/20), "
        "which examples and training material use."
    ),
    fix="Use the public address seen from the Internet, or explain in `justification` why this address is meant.",
    messages=(_NOT_PUBLIC, _DOCUMENTATION, *_RANGE_TERMS.values()),
    basis="library policy (practice)",
)
def ip_range(document: AnyDocument, ctx: Context) -> Sequence[Finding]:
    out: list[Finding] = []
    for i, identifier in enumerate(document.identifiers):
        if type(identifier) is not IPAddressIdentifier or identifier.justification is not None:
            continue
        label = classify(identifier.address)
        if label is None:
            continue
        args = {"number": i + 1, "range": _RANGE_TERMS[label]}
        if label == "documentation":
            out.append(ip_range.finding(ctx, f"identifiers[{i}].address", _DOCUMENTATION, args, severity=W))
        else:
            out.append(ip_range.finding(ctx, f"identifiers[{i}].address", _NOT_PUBLIC, args))
    return out or NONE


_NO_PORT = (
    "IP address identifier %(number)s has no source port; an IPv4 address may be shared by many subscribers "
    "(carrier-grade NAT), and the provider needs the port to tell them apart."
)


def _ipv4(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return address.version == 4 or address.ipv4_mapped is not None


@rule(
    "ID-03",
    kinds=(*REQUESTS, ORDER),
    severity=W,
    status=Status.VERIFIED,
    summary=(
        "An IPv4 address (public, or in a documentation range) has no source `port`. budapest_coop cannot "
        "know whether an address is shared, so it warns for every IPv4 address without a port."
    ),
    fix="Give the source `port`, and ideally `protocol`, `destination_address` and `destination_port`.",
    messages=(_NO_PORT,),
    basis="provider practice (verified on a provider's own page)",
)
def ip_port(document: AnyDocument, ctx: Context) -> Sequence[Finding]:
    out: list[Finding] = []
    for i, identifier in enumerate(document.identifiers):
        if type(identifier) is not IPAddressIdentifier or identifier.port is not None:
            continue
        if _ipv4(identifier.address) and classify(identifier.address) in (None, "documentation"):
            out.append(ip_port.finding(ctx, f"identifiers[{i}].port", _NO_PORT, {"number": i + 1}))
    return out or NONE


# --- ID-04 -------------------------------------------------------------------------------

_STARTS_AFTER_END = "The period starts after it ends."
_ENDS_IN_FUTURE = "The period ends on %(end)s, after %(cutoff)s: stored data for that time cannot exist yet."
_INSTANT_IN_FUTURE = "The time %(time)s is after %(cutoff)s: stored data for that time cannot exist yet."
_TOO_BROAD = (
    "The period of IP address identifier %(number)s spans %(days)s days; look-ups over more than %(limit)s days "
    "are usually refused as too broad."
)


def _after(moment: dt.datetime, cutoff: dt.date) -> bool:
    """True when *moment* (in its own time zone) falls after the day *cutoff*; midnight ending it counts as within."""
    day = moment.date()
    if day <= cutoff:
        return False
    if cutoff < dt.date.max and day == cutoff + dt.timedelta(days=1):
        return bool(moment.hour or moment.minute or moment.second or moment.microsecond)
    return True


def _cutoff(document: AnyDocument, ctx: Context) -> dt.date:
    if isinstance(document, PreservationOrder):
        date = document.issued_at.date()
    else:
        date = document.date if document.date is not None else ctx.today
    return min(date, ctx.today)


def _check_period(period: TimePeriod, path: str, cutoff: dt.date, citation: Citation, ctx: Context) -> list[Finding]:
    out = []
    if period.start > period.end:
        out.append(period_check.finding(ctx, f"{path}.start", _STARTS_AFTER_END, citation=citation))
    if _after(period.end, cutoff):
        args = {"end": period.end.isoformat(), "cutoff": cutoff.isoformat()}
        out.append(period_check.finding(ctx, f"{path}.end", _ENDS_IN_FUTURE, args, citation=citation))
    return out


@rule(
    "ID-04",
    kinds=(*REQUESTS, ORDER),
    severity=E,
    also=(W,),
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 29(2)(c)", "ETS 185 Art. 31(1)"),
    summary=(
        "A period (of the request or of an identifier) starts after it ends, or ends after the date of "
        "the request (or of validation, if earlier): errors, since the data sought must be specified and "
        "already stored. An IP address observed after that date: error. An IP address period longer than "
        "30 days: warning (practice)."
    ),
    fix="Correct the period; narrow IP look-ups to the times the address was actually seen.",
    messages=(_STARTS_AFTER_END, _ENDS_IN_FUTURE, _INSTANT_IN_FUTURE, _TOO_BROAD),
    basis="ETS 185 Art. 29(2)(c) and 31(1) (verified); the 30-day limit is practice",
)
def period_check(document: AnyDocument, ctx: Context) -> Sequence[Finding]:
    cutoff = _cutoff(document, ctx)
    citation = _SPECIFIED_DATA[type(document)]
    out: list[Finding] = []
    if document.period is not None:
        out += _check_period(document.period, "period", cutoff, citation, ctx)
    for i, identifier in enumerate(document.identifiers):
        period = identifier.period
        if period is not None:
            out += _check_period(period, f"identifiers[{i}].period", cutoff, citation, ctx)
            if type(identifier) is IPAddressIdentifier and period.end - period.start > _MAX_LOOKUP:
                args = {"number": i + 1, "days": (period.end - period.start).days, "limit": IP_LOOKUP_MAX_DAYS}
                path = f"identifiers[{i}].period"
                out.append(period_check.finding(ctx, path, _TOO_BROAD, args, citation=None, severity=W))
        elif (
            type(identifier) is IPAddressIdentifier
            and identifier.observed_at is not None
            and _after(identifier.observed_at, cutoff)
        ):
            moment = {"time": identifier.observed_at.isoformat(), "cutoff": cutoff.isoformat()}
            path = f"identifiers[{i}].observed_at"
            out.append(period_check.finding(ctx, path, _INSTANT_IN_FUTURE, moment, citation=citation))
    return out or NONE


# --- ID-06 -------------------------------------------------------------------------------

_NO_SERVICE = "Identifier %(number)s does not name the service it belongs to."
_NO_PROVIDER = "The request does not name the service provider holding the data."
_ACCOUNT_TYPES = (EmailIdentifier, PhoneIdentifier, AccountIdentifier, URLIdentifier)


@rule(
    "ID-06",
    kinds=REQUESTS,
    severity=E,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 29(2)(d)", "ETS 185 Art. 31(1)"),
    summary=(
        "An account-type identifier (e-mail address, telephone number, account, URL) has no "
        "`service_name`; or an Art. 31 request with identifiers names no service provider (`custodian`)."
    ),
    fix="Give each such identifier its `service_name`, and the request its `custodian`.",
    messages=(_NO_SERVICE, _NO_PROVIDER),
    basis="ETS 185 Art. 29(2)(d), 31(1) (verified); CETS 224 citations of the reference unverified",
)
def account_service(request: PreservationRequest | SubscriberInformationRequest, ctx: Context) -> Sequence[Finding]:
    citation = _ART_29_2_D if type(request) is PreservationRequest else _ART_31_1
    out: list[Finding] = []
    for i, identifier in enumerate(request.identifiers):
        if isinstance(identifier, _ACCOUNT_TYPES) and identifier.service_name is None:
            path = f"identifiers[{i}].service_name"
            out.append(account_service.finding(ctx, path, _NO_SERVICE, {"number": i + 1}, citation=citation))
    if request.identifiers and request.custodian is None and type(request) is SubscriberInformationRequest:
        out.append(account_service.finding(ctx, "custodian", _NO_PROVIDER, citation=_ART_31_1))
    return out or NONE


# --- ID-07 -------------------------------------------------------------------------------

_NO_CATEGORY = (
    "The request does not say which categories of data it concerns (subscriber information, traffic data, "
    "content data, other stored data)."
)
_NOT_SUBSCRIBER = (
    "A request for subscriber information may ask only for subscriber information, not for %(category)s "
    "(data minimisation); ask for it in a separate request under Article 31."
)
_CATEGORY_TERMS = {
    DataCategory.TRAFFIC_DATA: Term("traffic data"),
    DataCategory.CONTENT_DATA: Term("content data"),
    DataCategory.OTHER_STORED_DATA: Term("other stored data"),
}


@rule(
    "ID-07",
    kinds=REQUESTS,
    severity=E,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 18(3)", "ETS 185 Art. 31(1)", "ETS 185 Art. 29(2)(c)", "ETS 185 Art. 1(d)"),
    summary=(
        "The request gives no data category; or a subscriber-information request asks for traffic, "
        "content or other stored data (data minimisation: Art. 18(3) defines subscriber information as "
        "neither traffic nor content data, and Art. 31 requests for other data are separate requests)."
    ),
    fix=(
        "Set `data_categories`. In a subscriber-information request keep only `subscriber-information` "
        "and ask for other data in a separate Art. 31 request."
    ),
    messages=(_NO_CATEGORY, _NOT_SUBSCRIBER, *_CATEGORY_TERMS.values()),
    basis="ETS 185 Arts. 1(d), 18(3), 31",
)
def data_category(request: PreservationRequest | SubscriberInformationRequest, ctx: Context) -> Sequence[Finding]:
    categories = request.data_categories
    if not categories:
        citation = _ART_29_2_C if type(request) is PreservationRequest else _ART_18_3
        return [data_category.finding(ctx, "data_categories", _NO_CATEGORY, citation=citation)]
    if type(request) is PreservationRequest:
        return NONE
    return [
        data_category.finding(
            ctx, f"data_categories[{i}]", _NOT_SUBSCRIBER, {"category": _CATEGORY_TERMS[category]}, citation=_ART_18_3
        )
        for i, category in enumerate(categories)
        if category is not DataCategory.SUBSCRIBER_INFORMATION
    ]


# --- ID-08 -------------------------------------------------------------------------------

_DYNAMIC = (
    "IP address identifier %(number)s is dynamic: some Parties treat identifying the user of a dynamic address "
    "like a request for traffic data, with stricter conditions."
)


@rule(
    "ID-08",
    kinds=SUBSCRIBER,
    severity=W,
    status=Status.VERIFIED,
    summary="A subscriber-information request concerns an IP address marked `dynamic`.",
    fix="Check the requested Party's conditions for dynamic IP addresses; some require a traffic-data authorisation.",
    messages=(_DYNAMIC,),
    basis="T-CY(2018)26 (verified: title and table of contents only)",
)
def dynamic_ip(request: SubscriberInformationRequest, ctx: Context) -> Sequence[Finding]:
    return [
        dynamic_ip.finding(ctx, f"identifiers[{i}].dynamic", _DYNAMIC, {"number": i + 1})
        for i, identifier in enumerate(request.identifiers)
        if type(identifier) is IPAddressIdentifier and identifier.dynamic is True
    ] or NONE


RULES = (ip_time, ip_range, ip_port, period_check, account_service, data_category, dynamic_ip)
