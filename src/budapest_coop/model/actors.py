"""Authorities, contacts, service providers, offences and the other building blocks of a request."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from budapest_coop.errors import InvalidValueError
from budapest_coop.model import _checks as c
from budapest_coop.model.enums import Role, TransmissionChannel, TransmissionMeans
from budapest_coop.model.text import LocalizedText

__all__ = [
    "Authority",
    "CaseReference",
    "Contact",
    "Offence",
    "PreviousRequest",
    "ResponsePreference",
    "ServiceProvider",
    "Signatory",
    "TimePeriod",
    "Transmission",
]

_text = c.instance_of(LocalizedText)


@attrs.frozen(kw_only=True)
class Contact:
    """A person to contact (T-CY(2018)10 and (2018)11 section 6).

    Phone, mobile and fax numbers are international (``+`` and the country code); the
    e-mail address must be of valid syntax. Every field is optional in a draft.
    """

    name: str | None = c.optional_str()
    job_title: str | None = c.optional_str()
    function: str | None = c.optional_str()
    organisation: str | None = c.optional_str()
    address: str | None = c.optional_str()
    phone: str | None = attrs.field(default=None, validator=c.phone)
    mobile: str | None = attrs.field(default=None, validator=c.phone)
    email: str | None = attrs.field(default=None, validator=c.email)
    fax: str | None = attrs.field(default=None, validator=c.phone)


@attrs.frozen(kw_only=True)
class Authority:
    """An authority that sends, receives or executes a request.

    Holds the fields of the requesting-authority block of the T-CY templates (section 5):
    organisation, person in charge, address, telephone, mobile, e-mail, fax, office hours
    and time zone. ``country`` is the ISO 3166-1 alpha-2 code of the State the authority
    belongs to; ``time_zone`` is an IANA name (``Europe/Vienna``) or ``UTC+01:00``.
    """

    name: str = attrs.field(validator=c.non_blank)
    country: str | None = attrs.field(default=None, validator=c.country)
    person_in_charge: str | None = c.optional_str()
    address: str | None = c.optional_str()
    phone: str | None = attrs.field(default=None, validator=c.phone)
    mobile: str | None = attrs.field(default=None, validator=c.phone)
    email: str | None = attrs.field(default=None, validator=c.email)
    fax: str | None = attrs.field(default=None, validator=c.phone)
    office_hours: str | None = c.optional_str()
    time_zone: str | None = attrs.field(default=None, validator=c.time_zone)
    roles: tuple[Role, ...] = c.enum_tuple_field(Role)
    directory_id: str | None = c.optional_str()


@attrs.frozen(kw_only=True)
class ServiceProvider:
    """A service provider (ETS 185 Art. 1(c)) or other custodian of the data."""

    name: str = attrs.field(validator=c.non_blank)
    country: str | None = attrs.field(default=None, validator=c.country)
    address: str | None = c.optional_str()
    services: tuple[str, ...] = attrs.field(
        default=(), converter=c.to_tuple, validator=c.tuple_of(str, c.non_blank_item)
    )
    email: str | None = attrs.field(default=None, validator=c.email)
    website: str | None = c.optional_str()


def _articles(value: object) -> tuple[int, ...]:
    return c.to_tuple(value)


def _check_articles(_instance: object, attribute: attrs.Attribute[Any], value: tuple[int, ...]) -> None:
    c.tuple_of(int)(_instance, attribute, value)
    for i, article in enumerate(value):
        if isinstance(article, bool) or not 2 <= article <= 11:
            raise InvalidValueError(
                f"{attribute.name}[{i}]", article, "must be an article of ETS 185 Chapter II Section 1 (2 to 11)"
            )


@attrs.frozen(kw_only=True)
class Offence:
    """An offence under investigation (ETS 185 Art. 29(2)(b); T-CY(2018)10).

    ``convention_articles`` names the ETS 185 Arts. 2-11 the conduct falls under, if any;
    it matters for the Art. 29(4) reservation and for Art. 25(4).
    """

    name: LocalizedText | None = attrs.field(default=None, validator=_text)
    legal_provisions: tuple[str, ...] = attrs.field(
        default=(), converter=c.to_tuple, validator=c.tuple_of(str, c.non_blank_item)
    )
    maximum_penalty: LocalizedText | None = attrs.field(default=None, validator=_text)
    conduct: LocalizedText | None = attrs.field(default=None, validator=_text)
    convention_articles: tuple[int, ...] = attrs.field(default=(), converter=_articles, validator=_check_articles)


@attrs.frozen(kw_only=True)
class TimePeriod:
    """A period between two timezone-aware instants.

    The model only requires both ends to carry a time zone; whether ``start`` precedes
    ``end`` is checked by validation (rule ID-04), so that a draft can be saved and fixed.
    """

    start: dt.datetime = attrs.field(validator=c.aware)
    end: dt.datetime = attrs.field(validator=c.aware)

    @property
    def duration(self) -> dt.timedelta:
        return self.end - self.start


@attrs.frozen(kw_only=True)
class PreviousRequest:
    """An earlier request this one follows up or extends (T-CY(2018)10 sections 9-10, (2018)11 section 3)."""

    reference: str | None = c.optional_str()
    date: dt.date | None = attrs.field(default=None, validator=c.a_date)
    requesting_authority: str | None = c.optional_str()
    executing_authority: str | None = c.optional_str()
    channel: str | None = c.optional_str()


@attrs.frozen(kw_only=True)
class CaseReference:
    """A prosecution office or court in charge and its case number (T-CY(2018)10 section 8)."""

    name: str = attrs.field(validator=c.non_blank)
    case_number: str | None = c.optional_str()


@attrs.frozen(kw_only=True)
class ResponsePreference:
    """How the requesting authority prefers to receive the answer (templates, section 5)."""

    expedited: bool = attrs.field(default=True, validator=c.a_bool)
    other_means: str | None = c.optional_str()


@attrs.frozen(kw_only=True)
class Transmission:
    """How the request is sent: the channel (Arts. 27, 35), the means and its safeguards (Art. 25(3))."""

    channel: TransmissionChannel | None = c.enum_field(TransmissionChannel)
    means: TransmissionMeans | None = c.enum_field(TransmissionMeans)
    security_measures: str | None = c.optional_str()
    formal_confirmation_to_follow: bool | None = attrs.field(default=None, validator=c.a_bool)
    copy_to_central_authority: bool | None = attrs.field(default=None, validator=c.a_bool)
    coercive_action: bool | None = attrs.field(default=None, validator=c.a_bool)


@attrs.frozen(kw_only=True)
class Signatory:
    """The person who signs the request on behalf of the requesting authority."""

    name: str | None = c.optional_str()
    position: str | None = c.optional_str()
    place: str | None = c.optional_str()
    date: dt.date | None = attrs.field(default=None, validator=c.a_date)
