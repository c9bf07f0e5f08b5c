"""Shared pieces of the built-in rules: kinds, citations, terms."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from budapest_coop import treaty
from budapest_coop.model import PreservationRequest, SubscriberInformationRequest
from budapest_coop.model.citation import Citation
from budapest_coop.validation._finding import Finding, Term
from budapest_coop.validation._rule import Context, FunctionRule, rule

PRESERVATION = "preservation-request"
SUBSCRIBER = "subscriber-information-request"
ORDER = "preservation-order"
REQUESTS = (PRESERVATION, SUBSCRIBER)

Request = PreservationRequest | SubscriberInformationRequest

_parse = Citation.parse


def cite(text: str) -> Citation:
    """A citation constant, parsed once at import of the rule module."""
    return _parse(text)


def template(section: int) -> dict[type, Citation]:
    """The section of the template each request class follows: T-CY(2018)11 or T-CY(2018)10."""
    return {
        PreservationRequest: cite(f"T-CY(2018)11 §{section}"),
        SubscriberInformationRequest: cite(f"T-CY(2018)10 §{section}"),
    }


@functools.cache
def days(key: str) -> int:
    """A time value of the treaty data (read once)."""
    return treaty.deadline(key).days


def requested_party(request: Request) -> str | None:
    """The requested Party's code: the field, else the requested authority's country."""
    if request.requested_party is not None:
        return request.requested_party
    authority = request.requested_authority
    return authority.country if authority is not None else None


def requesting_party(request: Request) -> str | None:
    """The requesting Party's code: the field, else the requesting authority's country."""
    if request.requesting_party is not None:
        return request.requesting_party
    authority = request.requesting_authority
    return authority.country if authority is not None else None


# Field names shown in messages, translated with them.
PERSON_IN_CHARGE = Term("person in charge")
ADDRESS = Term("address")
TELEPHONE = Term("telephone number")
MOBILE = Term("mobile number")
EMAIL = Term("e-mail address")
OFFICE_HOURS = Term("office hours")
TIME_ZONE = Term("time zone")
NAME = Term("name")
JOB_TITLE = Term("job title")
FUNCTION = Term("function")
REFERENCE = Term("ticket or reference number")
DATE = Term("date")
REQUESTING_AUTHORITY = Term("requesting authority")
EXECUTING_AUTHORITY = Term("executing authority")
CHANNEL = Term("communication channel")
REQUESTED_PARTY = Term("requested Party")
REQUESTING_PARTY = Term("requesting Party")
POINT_OF_CONTACT = Term("24/7 point of contact")
CENTRAL_AUTHORITY = Term("central authority")

TERMS: tuple[Term, ...] = (
    PERSON_IN_CHARGE,
    ADDRESS,
    TELEPHONE,
    MOBILE,
    EMAIL,
    OFFICE_HOURS,
    TIME_ZONE,
    NAME,
    JOB_TITLE,
    FUNCTION,
    REFERENCE,
    DATE,
    REQUESTING_AUTHORITY,
    EXECUTING_AUTHORITY,
    CHANNEL,
    REQUESTED_PARTY,
    REQUESTING_PARTY,
    POINT_OF_CONTACT,
    CENTRAL_AUTHORITY,
)


def required(
    code: str,
    field: str,
    message: str,
    *,
    by_class: Mapping[type, Citation] | None = None,
    **metadata: Any,
) -> FunctionRule:
    """A rule reporting *message* at *field* when the field is empty (None or an empty tuple).

    The finding cites the rule's main citation, or the one *by_class* gives for the request's
    class (the template section of its kind).
    """

    def check(request: Any, ctx: Context) -> Sequence[Finding]:
        value = getattr(request, field)
        if value is None or value == ():
            citation = by_class[type(request)] if by_class is not None else made.citation
            return [made.finding(ctx, field, message, citation=citation)]
        return ()

    check.__name__ = check.__qualname__ = f"required_{field}"
    made = rule(code, messages=(message,), **metadata)(check)
    return made
