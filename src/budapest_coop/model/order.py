"""The requested Party's domestic preservation order (ETS 185 Art. 29(3) with Art. 16)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import ClassVar

import attrs

from budapest_coop.errors import InvalidValueError
from budapest_coop.model import _checks as c
from budapest_coop.model.actors import Authority, ServiceProvider, TimePeriod
from budapest_coop.model.enums import DataCategory
from budapest_coop.model.identifiers import IDENTIFIER_TYPES, Identifier
from budapest_coop.model.requests import PreservationRequest

__all__ = ["MINIMUM_PRESERVATION_DAYS", "PreservationOrder"]

#: ETS 185 Art. 29(7): preservation lasts not less than sixty days.
MINIMUM_PRESERVATION_DAYS = 60
#: ETS 185 Art. 16(2): a domestic preservation order lasts up to ninety days, renewable.
DOMESTIC_MAXIMUM_DAYS = 90


@attrs.frozen(kw_only=True)
class PreservationOrder:
    """An order by the requested Party's authority to a custodian to preserve data.

    It gives effect to a preservation request (ETS 185 Art. 29(3)) through the domestic
    measure of Art. 16. The period runs ``days`` calendar days from ``issued_at`` in the
    issuing authority's local time; Art. 29(7) requires at least 60 days. Build one with
    :meth:`from_request`.
    """

    KIND: ClassVar[str] = "preservation-order"

    reference: str | None = c.optional_str()
    request_reference: str | None = c.optional_str()
    requesting_party: str | None = attrs.field(default=None, validator=c.country)
    issuing_authority: Authority = attrs.field(validator=attrs.validators.instance_of(Authority))
    custodian: ServiceProvider = attrs.field(validator=attrs.validators.instance_of(ServiceProvider))
    issued_at: dt.datetime = attrs.field(validator=c.aware)
    days: int = attrs.field(validator=c.positive_int)
    identifiers: tuple[Identifier, ...] = attrs.field(
        default=(), converter=c.to_tuple, validator=c.tuple_of(IDENTIFIER_TYPES)
    )
    data_categories: tuple[DataCategory, ...] = c.enum_tuple_field(DataCategory)
    period: TimePeriod | None = attrs.field(default=None, validator=c.instance_of(TimePeriod))
    #: The custodian keeps the order confidential (ETS 185 Art. 16(3)).
    keep_confidential: bool = attrs.field(default=True, validator=c.a_bool)
    art30_disclosure_requested: bool = attrs.field(default=False, validator=c.a_bool)

    @property
    def ends_at(self) -> dt.datetime:
        """The end of the preservation period: ``days`` calendar days after ``issued_at``.

        Counted on the issuing authority's wall clock, so a clock change inside the period
        neither shortens nor lengthens it; a resulting local time that does not exist is
        moved forward past the gap.
        """
        end = self.issued_at + dt.timedelta(days=self.days)
        if isinstance(end.tzinfo, zoneinfo.ZoneInfo):
            end = end.astimezone(dt.UTC).astimezone(end.tzinfo)
        return end

    @classmethod
    def from_request(
        cls,
        request: PreservationRequest,
        *,
        issuing_authority: Authority,
        custodian: ServiceProvider,
        issued_at: dt.datetime,
        days: int | None = None,
        reference: str | None = None,
    ) -> PreservationOrder:
        """The order giving effect to *request*.

        ``days`` defaults to the period the request asks for, and never falls below the 60
        days of Art. 29(7): a request asking for less, or no period, yields 60 days. An
        explicit ``days`` under 60 raises :class:`~budapest_coop.errors.InvalidValueError`.
        """
        if days is not None and (not isinstance(days, int) or days < MINIMUM_PRESERVATION_DAYS):
            raise InvalidValueError(
                "days",
                days,
                f"a preservation order must last at least {MINIMUM_PRESERVATION_DAYS} days",
                "ETS 185 Art. 29(7)",
            )
        asked = request.preservation_days or MINIMUM_PRESERVATION_DAYS
        return cls(
            reference=reference,
            request_reference=request.reference,
            requesting_party=request.requesting_party
            or (request.requesting_authority.country if request.requesting_authority else None),
            issuing_authority=issuing_authority,
            custodian=custodian,
            issued_at=issued_at,
            days=days if days is not None else max(asked, MINIMUM_PRESERVATION_DAYS),
            identifiers=request.identifiers,
            data_categories=request.data_categories,
            period=request.period,
            keep_confidential=True,
            art30_disclosure_requested=request.art30_disclosure_requested,
        )
