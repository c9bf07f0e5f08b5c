"""The request kinds: expedited preservation (Art. 29/30) and subscriber information (Art. 31)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import attrs

from budapest_coop.errors import InvalidValueError
from budapest_coop.model import _checks as c
from budapest_coop.model.actors import (
    Authority,
    CaseReference,
    Contact,
    Offence,
    PreviousRequest,
    ResponsePreference,
    ServiceProvider,
    Signatory,
    TimePeriod,
    Transmission,
)
from budapest_coop.model.enums import (
    DataCategory,
    ExpediteReason,
    Measure,
    MLAStatus,
    PreservationStatus,
    ScopeBasis,
    SubscriberInformationItem,
    TransmissionChannel,
    Urgency,
)
from budapest_coop.model.identifiers import IDENTIFIER_TYPES, Identifier
from budapest_coop.model.text import LocalizedText

__all__ = ["PreservationRequest", "Request", "SubscriberInformationRequest"]


def _text() -> Any:
    return attrs.field(default=None, validator=c.instance_of(LocalizedText))


def _one(kind: type) -> Any:
    return attrs.field(default=None, validator=c.instance_of(kind))


def _many(kind: type | tuple[type, ...]) -> Any:
    return attrs.field(default=(), converter=c.to_tuple, validator=c.tuple_of(kind))


def _enums(kind: type) -> Any:
    return c.enum_tuple_field(kind)


def _strings() -> Any:
    return attrs.field(default=(), converter=c.to_tuple, validator=c.tuple_of(str, c.non_blank_item))


@attrs.frozen(kw_only=True)
class _RequestBase:
    """Fields common to both templates (T-CY(2018)10 and T-CY(2018)11, sections 1-7) and more."""

    date: dt.date | None = attrs.field(default=None, validator=c.a_date)
    reference: str | None = c.optional_str()
    requesting_party: str | None = attrs.field(default=None, validator=c.country)
    requested_party: str | None = attrs.field(default=None, validator=c.country)
    requested_authority: Authority | None = _one(Authority)
    requesting_authority: Authority | None = _one(Authority)
    response_preference: ResponsePreference | None = _one(ResponsePreference)
    confirmation_contact: Contact | None = _one(Contact)
    operational_authority: Authority | None = _one(Authority)
    scope_basis: ScopeBasis | None = c.enum_field(ScopeBasis)
    legal_basis: tuple[str, ...] = _strings()
    offences: tuple[Offence, ...] = _many(Offence)
    facts: LocalizedText | None = _text()
    identifiers: tuple[Identifier, ...] = _many(IDENTIFIER_TYPES)
    data_categories: tuple[DataCategory, ...] = _enums(DataCategory)
    period: TimePeriod | None = _one(TimePeriod)
    custodian: ServiceProvider | None = _one(ServiceProvider)
    relationship_to_offence: LocalizedText | None = _text()
    urgency: Urgency = c.enum_field(Urgency, Urgency.ROUTINE)
    urgency_reasons: LocalizedText | None = _text()
    keep_confidential: bool = attrs.field(default=False, validator=c.a_bool)
    do_not_notify_subscriber: bool = attrs.field(default=False, validator=c.a_bool)
    transmission: Transmission | None = _one(Transmission)
    languages: tuple[str, ...] = attrs.field(default=(), converter=c.language_tags)
    additional_information: LocalizedText | None = _text()
    signatory: Signatory | None = _one(Signatory)

    @property
    def text_languages(self) -> tuple[str, ...]:
        """The languages of the request: ``languages`` if set, else those of its free text."""
        if self.languages:
            return self.languages
        seen: dict[str, None] = {}
        for value in attrs.astuple(self, recurse=False):
            if isinstance(value, LocalizedText):
                seen.update(dict.fromkeys(value.languages))
        for offence in self.offences:
            for value in (offence.name, offence.conduct, offence.maximum_penalty):
                if value is not None:
                    seen.update(dict.fromkeys(value.languages))
        return tuple(seen)


@attrs.frozen(kw_only=True)
class PreservationRequest(_RequestBase):
    """A request for the expedited preservation of stored computer data (ETS 185 Art. 29).

    It follows the Council of Europe template T-CY(2018)11 and can also ask for the
    expedited disclosure of preserved traffic data (Art. 30). The six elements Art. 29(2)
    requires map to fields:

    ========== =====================================================================
    29(2)(a)   ``requesting_authority``
    29(2)(b)   ``offences`` and ``facts``
    29(2)(c)   ``identifiers``, ``data_categories``, ``data_description``, ``period``
               and ``relationship_to_offence``
    29(2)(d)   ``custodian`` and/or ``system_location``, or ``no_custodian_information``
    29(2)(e)   ``necessity``
    29(2)(f)   ``intent_to_submit_mla`` (with ``intended_measures``)
    ========== =====================================================================

    Every field is optional so that a draft can be saved; :func:`budapest_coop.validate`
    says what is missing and which article requires it.
    """

    KIND: ClassVar[str] = "preservation-request"

    status: PreservationStatus = c.enum_field(PreservationStatus, PreservationStatus.NEW)
    previous_request: PreviousRequest | None = _one(PreviousRequest)
    data_description: LocalizedText | None = _text()
    system_location: str | None = c.optional_str()
    system_location_country: str | None = attrs.field(default=None, validator=c.country)
    no_custodian_information: bool = attrs.field(default=False, validator=c.a_bool)
    necessity: LocalizedText | None = _text()
    intent_to_submit_mla: bool | None = attrs.field(default=None, validator=c.a_bool)
    intended_measures: tuple[Measure, ...] = _enums(Measure)
    art30_disclosure_requested: bool = attrs.field(default=False, validator=c.a_bool)
    preservation_days: int | None = attrs.field(default=None, validator=c.positive_int)

    def as_previous(self) -> PreviousRequest:
        """This request as the 'previous request' block of a follow-up or extension."""
        return _previous(self)

    def extension(
        self,
        *,
        date: dt.date,
        reference: str | None = None,
        preservation_days: int | None = None,
        executing_authority: str | None = None,
    ) -> PreservationRequest:
        """A request to extend this preservation (T-CY(2018)11 section 3: status 'extension').

        The new request keeps everything of this one, points back to it (previous ticket,
        date, authorities, channel) and carries its own *date* and, if given, a new
        *reference* and period. *executing_authority* names the authority that executed the
        preservation, when it differs from the requested authority.
        """
        previous = _previous(self, executing_authority)
        return attrs.evolve(
            self,
            status=PreservationStatus.EXTENSION,
            previous_request=previous,
            date=date,
            reference=reference if reference is not None else self.reference,
            preservation_days=preservation_days if preservation_days is not None else self.preservation_days,
            signatory=attrs.evolve(self.signatory, date=date) if self.signatory else None,
        )

    def follow_up_mla(
        self,
        *,
        date: dt.date,
        reference: str | None = None,
        requested_authority: Authority | None = None,
        executing_authority: str | None = None,
        subscriber_information: tuple[SubscriberInformationItem, ...] = (),
    ) -> SubscriberInformationRequest:
        """The mutual assistance request (Art. 31) that follows this preservation (Art. 29(2)(f)).

        Pre-filled from this request as T-CY(2018)10 asks: status 'follow-up to a previous
        preservation request' (section 3), the previous preservation's date, ticket,
        authorities and channel (section 10), the requesting side's contacts, the offences,
        facts, identifiers, custodian and the link between data and offence. It is addressed
        to *requested_authority* (the central authority, Art. 27(2), when known) through the
        central authority channel; the data asked is subscriber information only.
        """
        transmission = (
            attrs.evolve(self.transmission, channel=TransmissionChannel.CENTRAL_AUTHORITY)
            if self.transmission
            else Transmission(channel=TransmissionChannel.CENTRAL_AUTHORITY)
        )
        return SubscriberInformationRequest(
            status=MLAStatus.FOLLOW_UP_PRESERVATION,
            previous_preservation=_previous(self, executing_authority),
            date=date,
            reference=reference if reference is not None else self.reference,
            requesting_party=self.requesting_party,
            requested_party=self.requested_party,
            requested_authority=requested_authority,
            requesting_authority=self.requesting_authority,
            response_preference=self.response_preference,
            confirmation_contact=self.confirmation_contact,
            operational_authority=self.operational_authority,
            scope_basis=self.scope_basis,
            offences=self.offences,
            facts=self.facts,
            identifiers=self.identifiers,
            data_categories=(DataCategory.SUBSCRIBER_INFORMATION,),
            subscriber_information=subscriber_information,
            measures=(Measure.DISCLOSE,),
            period=self.period,
            custodian=self.custodian,
            relationship_to_offence=self.relationship_to_offence,
            keep_confidential=self.keep_confidential,
            do_not_notify_subscriber=self.do_not_notify_subscriber,
            transmission=transmission,
            languages=self.languages,
            signatory=attrs.evolve(self.signatory, date=date) if self.signatory else None,
        )

    def __attrs_post_init__(self) -> None:
        if self.no_custodian_information and (self.custodian is not None or self.system_location):
            raise InvalidValueError(
                "no_custodian_information",
                True,
                "cannot be true when a custodian or system location is given",
                "ETS 185 Art. 29(2)(d)",
            )


@attrs.frozen(kw_only=True)
class SubscriberInformationRequest(_RequestBase):
    """A mutual assistance request for subscriber information (ETS 185 Art. 31 with Art. 18(3)).

    It follows the Council of Europe template T-CY(2018)10: sections 1-11 (status, requested
    and requesting authorities, prosecution office and court, previous MLA and preservation
    requests, domestic legal basis) and the elements derived from the Convention after them
    (offences, facts, identifiers, the Art. 18(3) items sought, the provider, the link between
    data and offence, expedition under Art. 31(3), procedures under Art. 27(3) and
    confidentiality under Art. 27(8)).
    """

    KIND: ClassVar[str] = "subscriber-information-request"

    status: MLAStatus = c.enum_field(MLAStatus, MLAStatus.NEW)
    previous_mla: PreviousRequest | None = _one(PreviousRequest)
    previous_preservation: PreviousRequest | None = _one(PreviousRequest)
    prosecution_office: CaseReference | None = _one(CaseReference)
    court: CaseReference | None = _one(CaseReference)
    judicial_decisions: LocalizedText | None = _text()
    domestic_legal_basis: LocalizedText | None = _text()
    subscriber_information: tuple[SubscriberInformationItem, ...] = _enums(SubscriberInformationItem)
    source_is_service_agreement: bool | None = attrs.field(default=None, validator=c.a_bool)
    measures: tuple[Measure, ...] = _enums(Measure)
    expedite_reason: ExpediteReason | None = c.enum_field(ExpediteReason)
    expedite_justification: LocalizedText | None = _text()
    requested_procedures: LocalizedText | None = _text()
    purpose: LocalizedText | None = _text()

    def as_previous(self) -> PreviousRequest:
        """This request as the 'previous MLA request' block of a follow-up (T-CY(2018)10 section 9)."""
        return _previous(self)

    def follow_up(self, *, date: dt.date, reference: str | None = None) -> SubscriberInformationRequest:
        """A follow-up to this request (T-CY(2018)10 section 3: 'follow up to previous MLA request').

        Everything is kept; the status becomes follow-up, section 9 points back to this
        request, and the new request carries its own *date* and, if given, *reference*.
        """
        return attrs.evolve(
            self,
            status=MLAStatus.FOLLOW_UP_MLA,
            previous_mla=_previous(self),
            date=date,
            reference=reference if reference is not None else self.reference,
            signatory=attrs.evolve(self.signatory, date=date) if self.signatory else None,
        )


def _previous(request: _RequestBase, executing_authority: str | None = None) -> PreviousRequest:
    requesting = request.requesting_authority
    requesting_text = None
    if requesting is not None:
        requesting_text = ", ".join(x for x in (requesting.name, requesting.email, requesting.phone) if x)
    executing = executing_authority or (request.requested_authority.name if request.requested_authority else None)
    channel = None
    if request.transmission is not None:
        parts = [p for p in (request.transmission.channel, request.transmission.means) if p is not None]
        channel = ", ".join(str(p) for p in parts) or None
    return PreviousRequest(
        reference=request.reference,
        date=request.date,
        requesting_authority=requesting_text,
        executing_authority=executing,
        channel=channel,
    )


Request = PreservationRequest | SubscriberInformationRequest
"""Any request kind."""

REQUEST_TYPES: tuple[type[PreservationRequest] | type[SubscriberInformationRequest], ...] = (
    PreservationRequest,
    SubscriberInformationRequest,
)
