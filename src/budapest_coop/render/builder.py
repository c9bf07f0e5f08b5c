"""The document builder: a request becomes a language-neutral :class:`~budapest_coop.render.Document`.

Sections follow the Council of Europe templates: T-CY(2018)11 sections 1-7 for a
preservation request and T-CY(2018)10 sections 1-11 for a request for subscriber
information, with the template's headings. The template sections after those are not
verified, so the later sections set out what the Convention requires (Art. 29(2)(b)-(f),
29(7), 30(1) for preservation; Art. 18(3), 27(3), 27(8), 28(2)(b), 31 for subscriber
information), each citing the provision it answers.

Empty optional fields are left out. An element the Convention requires but the request
lacks is shown as "not provided" with its citation, so the reader sees the gap.

>>> from budapest_coop import examples
>>> document = build(examples.load("preservation-request"))
>>> [(s.number, s.key) for s in document.sections][:5]
[('1', 'date'), ('2', 'reference'), ('3', 'status'), ('4', 'requested_authority'), ('5', 'requesting_authority')]
>>> str(document.sections[4].citation)
'ETS 185 Art. 29(2)(a)'
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Sequence

from budapest_coop.model import (
    AccountIdentifier,
    Authority,
    Citation,
    Contact,
    DataCategory,
    DomainIdentifier,
    EmailIdentifier,
    Identifier,
    IPAddressIdentifier,
    LocalizedText,
    Measure,
    MLAStatus,
    Offence,
    PhoneIdentifier,
    PreservationOrder,
    PreservationRequest,
    PreservationStatus,
    PreviousRequest,
    ServiceProvider,
    Signatory,
    SubscriberInformationItem,
    SubscriberInformationRequest,
    TimePeriod,
    Transmission,
    Urgency,
    URLIdentifier,
)
from budapest_coop.render.document import (
    Country,
    Date,
    Document,
    Field,
    FreeText,
    Group,
    ItemList,
    Language,
    Message,
    Plain,
    Section,
    Value,
    _new_check,
    _new_country,
    _new_date,
    _new_datetime,
    _new_field,
    _new_free_text,
    _new_group,
    _new_item_list,
    _new_message,
    _new_plain,
    _new_section,
)
from budapest_coop.wire import WireObject, digest

__all__ = ["NOT_PROVIDED", "build", "enum_msgid"]

#: The value shown where the Convention requires an element the request does not give.
NOT_PROVIDED = _new_message(msgid="value.not_provided")
_NOT_APPLICABLE = _new_message(msgid="value.not_applicable")
_NOT_SPECIFIED = _new_message(msgid="value.not_specified")

PRESERVATION_TEMPLATE = "T-CY(2018)11"
SUBSCRIBER_TEMPLATE = "T-CY(2018)10"


@functools.lru_cache(maxsize=256)
def _ets(text: str) -> Citation:
    return Citation.parse(f"ETS 185 Art. {text}")


@functools.lru_cache(maxsize=64)
def _tcy(template: str, number: int) -> Citation:
    return Citation(instrument=template, article=str(number))


def enum_msgid(member: enum.Enum) -> str:
    """The message id of an enum member: ``Measure.DISCLOSE`` -> ``"enum.measure.disclose"``."""
    return f"enum.{_ENUM_KEYS[type(member)]}.{member.value}"


def _enum_keys() -> dict[type[enum.Enum], str]:
    from budapest_coop import model

    return {
        model.DataCategory: "data_category",
        model.ExpediteReason: "expedite_reason",
        model.Measure: "measure",
        model.MLAStatus: "mla_status",
        model.PreservationStatus: "preservation_status",
        model.Role: "role",
        model.ScopeBasis: "scope_basis",
        model.SubscriberInformationItem: "subscriber_item",
        model.TransmissionChannel: "channel",
        model.TransmissionMeans: "means",
        model.TransportProtocol: "protocol",
        model.Urgency: "urgency",
    }


_ENUM_KEYS = _enum_keys()


def _message(member: enum.Enum) -> Message:
    # keyed by type too: members of two StrEnums with the same value are equal
    return _enum_message(type(member), member.value)


@functools.lru_cache(maxsize=256)
def _enum_message(kind: type[enum.Enum], value: str) -> Message:
    return _new_message(msgid=enum_msgid(kind(value)))


def _yes_no(value: bool) -> Message:
    return _new_message(msgid="value.yes" if value else "value.no")


class _Sections:
    """Numbers sections in the order they are added."""

    def __init__(self) -> None:
        self.sections: list[Section] = []

    def add(self, key: str, title: str, fields: Iterable[Field | None], citation: Citation | None) -> None:
        # a field citing what its section cites says it once, in the heading
        kept: list[Field] = []
        for field in fields:
            if field is None:
                continue
            cited = field.citation
            if cited is not None and (cited is citation or cited == citation):
                kept.append(_new_field(field.label, field.value, None, field.index))
            else:
                kept.append(field)
        self.sections.append(_new_section(str(len(self.sections) + 1), title, tuple(kept), citation, key))


def _opt(label: str, value: Value | None, citation: Citation | None = None) -> Field | None:
    return None if value is None else _new_field(label=label, value=value, citation=citation)


def _req(label: str, value: Value | None, citation: Citation | None = None) -> Field:
    return _new_field(label=label, value=NOT_PROVIDED if value is None else value, citation=citation)


def _plain(text: str | int | None) -> Plain | None:
    return None if text is None else _new_plain(text=str(text))


def _free(text: LocalizedText | None) -> FreeText | None:
    return None if text is None else _new_free_text(text=text)


def _date(value: dt.date | None) -> Date | None:
    return None if value is None else _new_date(value=value)


def _country(code: str | None) -> Country | None:
    return None if code is None else _new_country(code=code)


def _plains(values: Sequence[str]) -> ItemList | None:
    return _new_item_list(items=tuple(_new_plain(text=v) for v in values)) if values else None


def _checks(members: type[enum.Enum] | tuple[enum.Enum, ...], chosen: Sequence[enum.Enum]) -> ItemList:
    """One checkbox per member of *members* (an enum or some of its members), ticked when chosen."""
    if isinstance(members, type):
        kind, values = members, _enum_values(members)
    else:
        kind, values = type(members[0]), tuple(m.value for m in members)
    return _check_list(kind, values, tuple([m.value for m in chosen]))


@functools.lru_cache(maxsize=64)
def _enum_values(kind: type[enum.Enum]) -> tuple[str, ...]:
    return tuple(m.value for m in kind)


@functools.lru_cache(maxsize=512)
def _check_list(kind: type[enum.Enum], values: tuple[str, ...], chosen: tuple[str, ...]) -> ItemList:
    # keyed by type and values: members of two StrEnums with the same value are equal
    return _new_item_list(items=tuple(_new_check(checked=v in chosen, msgid=enum_msgid(kind(v))) for v in values))


def _indexed(label: str, groups: Sequence[Value], citation: Citation | None = None) -> list[Field]:
    numbered = len(groups) > 1
    return [
        _new_field(label=label, value=g, citation=citation, index=i if numbered else None)
        for i, g in enumerate(groups, 1)
    ]


def _group(fields: Iterable[Field | None]) -> Group:
    return _new_group(fields=tuple(f for f in fields if f is not None))


# --- building blocks shared by every kind -------------------------------------------------


def _texts(obj: object, spec: Sequence[tuple[str, str]]) -> list[Field | None]:
    """A Plain field for each ``(label, attribute)`` of *spec* that *obj* has a value for."""
    fields: list[Field | None] = []
    for label, attribute in spec:
        text = getattr(obj, attribute)
        if text is not None:
            fields.append(_new_field(label=label, value=_new_plain(text=text)))
    return fields


_AUTHORITY_CONTACT = (
    ("field.person_in_charge", "person_in_charge"),
    ("field.address", "address"),
    ("field.phone", "phone"),
    ("field.mobile", "mobile"),
    ("field.email", "email"),
    ("field.fax", "fax"),
    ("field.office_hours", "office_hours"),
    ("field.time_zone", "time_zone"),
)
_CONTACT = (
    ("field.name", "name"),
    ("field.job_title", "job_title"),
    ("field.function", "function"),
    ("field.organisation", "organisation"),
    ("field.address", "address"),
    ("field.phone", "phone"),
    ("field.mobile", "mobile"),
    ("field.email", "email"),
    ("field.fax", "fax"),
)


def _authority_fields(authority: Authority) -> list[Field | None]:
    fields: list[Field | None] = [_new_field(label="field.organisation", value=_new_plain(text=authority.name))]
    if authority.country is not None:
        fields.append(_new_field(label="field.country", value=_new_country(code=authority.country)))
    fields += _texts(authority, _AUTHORITY_CONTACT)
    if authority.roles:
        fields.append(
            _new_field(label="field.roles", value=_new_item_list(items=tuple(_message(r) for r in authority.roles)))
        )
    if authority.directory_id is not None:
        fields.append(_new_field(label="field.directory_id", value=_new_plain(text=authority.directory_id)))
    return fields


def _contact_fields(contact: Contact) -> list[Field | None]:
    return _texts(contact, _CONTACT)


def _provider_fields(provider: ServiceProvider) -> list[Field | None]:
    return [
        _new_field(label="field.organisation", value=_new_plain(text=provider.name)),
        _opt("field.country", _country(provider.country)),
        _opt("field.address", _plain(provider.address)),
        _opt("field.services", _plains(provider.services)),
        _opt("field.email", _plain(provider.email)),
        _opt("field.website", _plain(provider.website)),
    ]


def _period_fields(period: TimePeriod | None, citation: Citation | None = None) -> list[Field | None]:
    if period is None:
        return []
    return [
        _new_field(label="field.period_start", value=_new_datetime(value=period.start), citation=citation),
        _new_field(label="field.period_end", value=_new_datetime(value=period.end), citation=citation),
    ]


def _previous_fields(previous: PreviousRequest) -> list[Field | None]:
    return [
        _opt("field.previous_date", _date(previous.date)),
        _opt("field.previous_reference", _plain(previous.reference)),
        _opt("field.previous_requesting_authority", _plain(previous.requesting_authority)),
        _opt("field.previous_executing_authority", _plain(previous.executing_authority)),
        _opt("field.previous_channel", _plain(previous.channel)),
    ]


def _identifier(identifier: Identifier) -> Group:
    fields = [_new_field(label="field.identifier_type", value=_new_message(msgid=f"enum.identifier.{identifier.KIND}"))]
    add = fields.append
    if isinstance(identifier, IPAddressIdentifier):
        ip = identifier
        add(_new_field(label="field.ip_address", value=_new_plain(text=str(ip.address))))
        if ip.port is not None:
            add(_new_field(label="field.source_port", value=_new_plain(text=str(ip.port))))
        if ip.protocol is not None:
            add(_new_field(label="field.protocol", value=_message(ip.protocol)))
        if ip.observed_at is not None:
            add(_new_field(label="field.observed_at", value=_new_datetime(value=ip.observed_at)))
        if ip.destination_address is not None:
            add(_new_field(label="field.destination_address", value=_new_plain(text=str(ip.destination_address))))
        if ip.destination_port is not None:
            add(_new_field(label="field.destination_port", value=_new_plain(text=str(ip.destination_port))))
        if ip.dynamic is not None:
            add(_new_field(label="field.dynamic_address", value=_yes_no(ip.dynamic)))
        if ip.justification is not None:
            add(_new_field(label="field.justification", value=_new_plain(text=ip.justification)))
    else:
        add(_new_field(label=_IDENTIFIER_LABEL[type(identifier)], value=_new_plain(text=identifier.value)))
    if identifier.period is not None:
        add(_new_field(label="field.period_start", value=_new_datetime(value=identifier.period.start)))
        add(_new_field(label="field.period_end", value=_new_datetime(value=identifier.period.end)))
    if identifier.service_name is not None:
        add(_new_field(label="field.service", value=_new_plain(text=identifier.service_name)))
    if identifier.note is not None:
        add(_new_field(label="field.note", value=_new_plain(text=identifier.note)))
    return _new_group(fields=tuple(fields))


_IDENTIFIER_LABEL: dict[type, str] = {
    EmailIdentifier: "field.email",
    PhoneIdentifier: "field.phone",
    AccountIdentifier: "field.account",
    URLIdentifier: "field.url",
    DomainIdentifier: "field.domain",
}


def _offence(offence: Offence) -> Group:
    articles = ", ".join(str(a) for a in offence.convention_articles)
    return _group(
        [
            _opt("field.offence_name", _free(offence.name)),
            _opt("field.legal_provisions", _plains(offence.legal_provisions)),
            _opt("field.maximum_penalty", _free(offence.maximum_penalty)),
            _opt("field.conduct", _free(offence.conduct)),
            _opt("field.convention_articles", _new_plain(text=articles) if articles else None),
        ]
    )


def _identifier_fields(identifiers: Sequence[Identifier], citation: Citation | None) -> list[Field]:
    return _indexed("field.identifier", [_identifier(i) for i in identifiers], citation)


def _requested_authority(request: PreservationRequest | SubscriberInformationRequest) -> list[Field | None]:
    authority = request.requested_authority
    fields: list[Field | None] = [_opt("field.requested_party", _country(request.requested_party))]
    if authority is None:
        fields.append(_req("field.organisation", None))
    else:
        fields += _authority_fields(authority)
    return fields


def _requesting_authority(
    request: PreservationRequest | SubscriberInformationRequest, citation: Citation | None
) -> list[Field | None]:
    authority = request.requesting_authority
    fields: list[Field | None] = [_opt("field.requesting_party", _country(request.requesting_party))]
    if authority is None:
        fields.append(_req("field.organisation", None, citation))
    else:
        fields += _authority_fields(authority)
    preference = request.response_preference
    if preference is not None:
        fields.append(
            Field(
                label="field.response_preference",
                value=ItemList(
                    items=(
                        _new_check(checked=preference.expedited, msgid="check.response_expedited"),
                        _new_check(checked=preference.other_means is not None, msgid="check.response_other_means"),
                    )
                ),
            )
        )
        fields.append(_opt("field.response_means", _plain(preference.other_means)))
    return fields


def _confirmation_contact(contact: Contact | None) -> list[Field | None]:
    if contact is None:
        return [_new_field(label="field.name", value=_NOT_SPECIFIED)]
    return _contact_fields(contact)


def _operational_authority(authority: Authority | None) -> list[Field | None]:
    if authority is None:
        return [_new_field(label="field.organisation", value=_new_message(msgid="value.same_as_requesting_authority"))]
    return _authority_fields(authority)


def _offences_and_facts(
    request: PreservationRequest | SubscriberInformationRequest, citation: Citation | None
) -> list[Field | None]:
    fields: list[Field | None] = []
    if request.offences:
        fields += _indexed("field.offence", [_offence(o) for o in request.offences], citation)
    else:
        fields.append(_req("field.offence", None, citation))
    fields.append(_req("field.facts", _free(request.facts), citation))
    return fields


def _legal_basis(request: PreservationRequest | SubscriberInformationRequest) -> list[Field | None]:
    return [
        _opt("field.scope_basis", None if request.scope_basis is None else _message(request.scope_basis), _ets("23")),
        _opt("field.legal_basis", _plains(request.legal_basis)),
    ]


def _custodian(provider: ServiceProvider | None) -> list[Field | None]:
    return [] if provider is None else _provider_fields(provider)


def _confidentiality(request: PreservationRequest | SubscriberInformationRequest) -> list[Field | None]:
    return [
        Field(
            label="field.confidentiality",
            value=ItemList(
                items=(
                    _new_check(checked=request.keep_confidential, msgid="check.keep_confidential"),
                    _new_check(checked=request.do_not_notify_subscriber, msgid="check.do_not_notify"),
                )
            ),
        )
    ]


def _urgency(request: PreservationRequest | SubscriberInformationRequest) -> list[Field | None]:
    reasons: Value | None = _free(request.urgency_reasons)
    if reasons is None and request.urgency is Urgency.URGENT:
        reasons = NOT_PROVIDED
    return [
        _new_field(label="field.urgency", value=_message(request.urgency)),
        _opt("field.urgency_reasons", reasons),
    ]


def _transmission(transmission: Transmission | None, languages: Sequence[str]) -> list[Field | None]:
    fields: list[Field | None] = []
    if transmission is not None:
        channel = transmission.channel
        fields += [
            _opt(
                "field.channel",
                None if channel is None else _message(channel),
                None if channel is None else Citation.parse(channel.citation),
            ),
            _opt("field.means", None if transmission.means is None else _message(transmission.means)),
            _opt("field.security_measures", _plain(transmission.security_measures), _ets("25(3)")),
            _opt(
                "field.formal_confirmation",
                None
                if transmission.formal_confirmation_to_follow is None
                else _yes_no(transmission.formal_confirmation_to_follow),
                _ets("25(3)"),
            ),
            _opt(
                "field.copy_to_central_authority",
                None
                if transmission.copy_to_central_authority is None
                else _yes_no(transmission.copy_to_central_authority),
                _ets("27(9)(a)"),
            ),
            _opt(
                "field.coercive_action",
                None if transmission.coercive_action is None else _yes_no(transmission.coercive_action),
                _ets("27(9)(d)"),
            ),
        ]
    if languages:
        fields.append(
            _new_field(label="field.languages", value=_new_item_list(items=tuple(Language(tag=t) for t in languages)))
        )
    return fields


def _signature(signatory: Signatory | None) -> list[Field | None]:
    citation = _ets("25(3)")
    if signatory is None:
        return [_req("field.signatory_name", None, citation)]
    return [
        _req("field.signatory_name", _plain(signatory.name), citation),
        _opt("field.position", _plain(signatory.position)),
        _opt("field.place", _plain(signatory.place)),
        _opt("field.signature_date", _date(signatory.date)),
    ]


def _head(
    s: _Sections,
    request: PreservationRequest | SubscriberInformationRequest,
    template: str,
    requesting_citation: Citation,
) -> None:
    """Add sections 1-7, the same in both templates but for the statuses and the citation of section 5."""

    def tcy(number: int) -> Citation:
        return _tcy(template, number)

    s.add("date", "section.date", [_req("field.date", _date(request.date), tcy(1))], tcy(1))
    s.add("reference", "section.reference", [_req("field.reference", _plain(request.reference), tcy(2))], tcy(2))
    status_kind = PreservationStatus if isinstance(request, PreservationRequest) else MLAStatus
    fields: list[Field | None] = [
        _new_field(label="field.request_status", value=_checks(status_kind, (request.status,)))
    ]
    if isinstance(request, PreservationRequest):
        previous = request.previous_request
        if previous is not None:
            fields += _previous_fields(previous)
        elif request.status is PreservationStatus.EXTENSION:
            fields.append(_req("field.previous_reference", None, tcy(3)))
    s.add("status", "section.request_status", fields, tcy(3))
    s.add("requested_authority", "section.requested_authority", _requested_authority(request), tcy(4))
    s.add(
        "requesting_authority",
        "section.requesting_authority",
        _requesting_authority(request, requesting_citation),
        requesting_citation,
    )
    s.add(
        "confirmation_contact",
        "section.confirmation_contact",
        _confirmation_contact(request.confirmation_contact),
        tcy(6),
    )
    s.add(
        "operational_authority",
        "section.operational_authority",
        _operational_authority(request.operational_authority),
        tcy(7),
    )


# --- the three kinds --------------------------------------------------------------------


def _preservation(request: PreservationRequest) -> Document:
    s = _Sections()
    _head(s, request, PRESERVATION_TEMPLATE, _ets("29(2)(a)"))
    s.add("offences", "section.offences", _offences_and_facts(request, _ets("29(2)(b)")), _ets("29(2)(b)"))
    if request.scope_basis is not None or request.legal_basis:
        s.add("legal_basis", "section.legal_basis", _legal_basis(request), _ets("23"))

    data = _ets("29(2)(c)")
    description: Value | None = _free(request.data_description)
    if description is None and not request.identifiers:
        description = NOT_PROVIDED
    s.add(
        "data",
        "section.data_to_preserve",
        [
            _new_field(label="field.data_categories", value=_checks(DataCategory, request.data_categories)),
            _opt("field.data_description", description, data),
            *_identifier_fields(request.identifiers, data),
            *_period_fields(request.period),
            _req("field.relationship", _free(request.relationship_to_offence), data),
        ],
        data,
    )

    custodian = _ets("29(2)(d)")
    if request.no_custodian_information:
        location: list[Field | None] = [
            _new_field(
                label="field.custodian", value=_new_message(msgid="value.no_custodian_information"), citation=custodian
            ),
            _opt("field.system_location_country", _country(request.system_location_country)),
        ]
    else:
        location = [
            *_custodian(request.custodian),
            _opt("field.system_location", _plain(request.system_location)),
            _opt("field.system_location_country", _country(request.system_location_country)),
        ]
        if not any(location):
            location = [_req("field.custodian", None, custodian)]
    s.add("custodian", "section.custodian", location, custodian)

    s.add(
        "necessity",
        "section.necessity",
        [_req("field.necessity", _free(request.necessity), _ets("29(2)(e)"))],
        _ets("29(2)(e)"),
    )
    intent = _ets("29(2)(f)")
    s.add(
        "mla_intent",
        "section.mla_intent",
        [
            _req(
                "field.mla_intent",
                None
                if request.intent_to_submit_mla is None
                else _new_check(checked=request.intent_to_submit_mla, msgid="check.mla_intent"),
                intent,
            ),
            _new_field(label="field.intended_measures", value=_checks(Measure, request.intended_measures)),
        ],
        intent,
    )
    s.add(
        "art30",
        "section.art30",
        [
            Field(
                label="field.art30",
                value=_new_check(checked=request.art30_disclosure_requested, msgid="check.art30"),
            )
        ],
        _ets("30(1)"),
    )
    days: Value = (
        _new_message(msgid="value.minimum_period")
        if request.preservation_days is None
        else _new_plain(text=str(request.preservation_days))
    )
    s.add(
        "preservation_period",
        "section.preservation_period",
        [_new_field(label="field.preservation_days", value=days)],
        _ets("29(7)"),
    )
    _tail(s, request)
    return _document(request, "document.title.preservation-request", PRESERVATION_TEMPLATE, s)


def _tail(s: _Sections, request: PreservationRequest | SubscriberInformationRequest) -> None:
    """The sections both kinds end with: confidentiality (preservation only here), urgency, transmission..."""
    if isinstance(request, PreservationRequest):
        s.add("confidentiality", "section.confidentiality", _confidentiality(request), _ets("27(8)"))
    s.add("urgency", "section.urgency", _urgency(request), _ets("25(3)"))
    transmission = _transmission(request.transmission, request.languages)
    if transmission:
        s.add("transmission", "section.transmission", transmission, _ets("25(3)"))
    if request.additional_information is not None:
        s.add(
            "additional_information",
            "section.additional_information",
            [
                _new_field(
                    label="field.additional_information", value=_new_free_text(text=request.additional_information)
                )
            ],
            None,
        )
    s.add("signature", "section.signature", _signature(request.signatory), _ets("25(3)"))


def _previous(previous: PreviousRequest | None, required: bool, citation: Citation) -> list[Field | None]:
    if previous is not None:
        return _previous_fields(previous)
    if required:
        return [_req("field.previous_reference", None, citation)]
    return [_new_field(label="field.previous_reference", value=_NOT_APPLICABLE)]


def _subscriber(request: SubscriberInformationRequest) -> Document:
    def tcy(number: int) -> Citation:
        return _tcy(SUBSCRIBER_TEMPLATE, number)

    s = _Sections()
    _head(s, request, SUBSCRIBER_TEMPLATE, tcy(5))

    judicial: list[Field | None] = []
    for label, case in (("field.prosecution_office", request.prosecution_office), ("field.court", request.court)):
        if case is not None:
            judicial += [
                _new_field(label=label, value=_new_plain(text=case.name)),
                _opt("field.case_number", _plain(case.case_number)),
            ]
    judicial.append(_opt("field.judicial_decisions", _free(request.judicial_decisions)))
    if not any(judicial):
        judicial = [_new_field(label="field.prosecution_office", value=_NOT_APPLICABLE)]
    s.add("judicial_authorities", "section.judicial_authorities", judicial, tcy(8))
    s.add(
        "previous_mla",
        "section.previous_mla",
        _previous(request.previous_mla, request.status is MLAStatus.FOLLOW_UP_MLA, tcy(9)),
        tcy(9),
    )
    s.add(
        "previous_preservation",
        "section.previous_preservation",
        _previous(request.previous_preservation, request.status is MLAStatus.FOLLOW_UP_PRESERVATION, tcy(10)),
        tcy(10),
    )
    domestic: Value = _free(request.domestic_legal_basis) or _NOT_APPLICABLE
    s.add(
        "domestic_legal_basis",
        "section.domestic_legal_basis",
        [_new_field(label="field.domestic_legal_basis", value=domestic)],
        tcy(11),
    )

    s.add("offences", "section.offences", _offences_and_facts(request, None), None)
    if request.scope_basis is not None or request.legal_basis:
        s.add("legal_basis", "section.legal_basis", _legal_basis(request), _ets("23"))
    identifiers: list[Field | None] = list(_identifier_fields(request.identifiers, None))
    if not identifiers:
        identifiers.append(_req("field.identifier", None))
    identifiers += _period_fields(request.period)
    s.add("identifiers", "section.identifiers", identifiers, None)

    items: list[Field | None] = []
    if request.subscriber_information:
        for letter in "abc":
            members = tuple(m for m in SubscriberInformationItem if m.letter == letter)
            items.append(
                Field(
                    label=f"field.subscriber_items_{letter}",
                    value=_checks(members, request.subscriber_information),
                    citation=_ets(f"18(3)({letter})"),
                )
            )
    else:
        items.append(_req("field.subscriber_items", None, _ets("18(3)")))
    if request.source_is_service_agreement is not None:
        items.append(
            Field(
                label="field.service_agreement",
                value=_new_check(checked=request.source_is_service_agreement, msgid="check.service_agreement"),
                citation=_ets("18(3)"),
            )
        )
    if request.data_categories:
        items.append(_new_field(label="field.data_categories", value=_checks(DataCategory, request.data_categories)))
    s.add("subscriber_information", "section.subscriber_information", items, _ets("18(3)"))

    provider = _custodian(request.custodian) or [_req("field.organisation", None, _ets("31(1)"))]
    s.add("service_provider", "section.service_provider", provider, _ets("31(1)"))
    s.add(
        "relationship",
        "section.relationship",
        [_req("field.relationship", _free(request.relationship_to_offence))],
        None,
    )
    measures: Field = (
        _new_field(label="field.measures", value=_checks(Measure, request.measures))
        if request.measures
        else _req("field.measures", None, _ets("31(1)"))
    )
    s.add("measures", "section.measures", [measures], _ets("31(1)"))
    reason = request.expedite_reason
    if reason is not None or request.expedite_justification is not None:
        s.add(
            "expedition",
            "section.expedition",
            [
                _opt(
                    "field.expedite_reason",
                    None if reason is None else _message(reason),
                    None if reason is None else Citation.parse(reason.citation),
                ),
                _opt("field.expedite_justification", _free(request.expedite_justification)),
            ],
            _ets("31(3)"),
        )
    if request.requested_procedures is not None:
        s.add(
            "requested_procedures",
            "section.requested_procedures",
            [_new_field(label="field.requested_procedures", value=_new_free_text(text=request.requested_procedures))],
            _ets("27(3)"),
        )
    s.add("confidentiality", "section.confidentiality", _confidentiality(request), _ets("27(8)"))
    if request.purpose is not None:
        s.add(
            "use_limitation",
            "section.use_limitation",
            [_new_field(label="field.purpose", value=_new_free_text(text=request.purpose))],
            _ets("28(2)(b)"),
        )
    _tail(s, request)
    return _document(request, "document.title.subscriber-information-request", SUBSCRIBER_TEMPLATE, s)


def _order(order: PreservationOrder) -> Document:
    s = _Sections()
    s.add(
        "order",
        "section.order",
        [
            _req("field.order_reference", _plain(order.reference)),
            _new_field(label="field.issued_at", value=_new_datetime(value=order.issued_at)),
        ],
        _ets("29(3)"),
    )
    s.add("issuing_authority", "section.issuing_authority", _authority_fields(order.issuing_authority), _ets("29(3)"))
    s.add("custodian", "section.order_custodian", _provider_fields(order.custodian), _ets("16(1)"))
    s.add(
        "request",
        "section.order_request",
        [
            _req("field.request_reference", _plain(order.request_reference)),
            _opt("field.requesting_party", _country(order.requesting_party)),
        ],
        _ets("29(3)"),
    )
    identifiers: list[Field | None] = list(_identifier_fields(order.identifiers, None))
    s.add(
        "data",
        "section.data_to_preserve",
        [
            _new_field(label="field.data_categories", value=_checks(DataCategory, order.data_categories)),
            *identifiers,
            *_period_fields(order.period),
        ],
        _ets("16(1)"),
    )
    s.add(
        "preservation_period",
        "section.preservation_period",
        [
            _new_field(label="field.order_days", value=_new_plain(text=str(order.days)), citation=_ets("29(7)")),
            _new_field(label="field.order_ends_at", value=_new_datetime(value=order.ends_at)),
        ],
        _ets("29(7)"),
    )
    s.add(
        "confidentiality",
        "section.confidentiality",
        [
            Field(
                label="field.confidentiality",
                value=_new_check(checked=order.keep_confidential, msgid="check.order_confidential"),
            )
        ],
        _ets("16(3)"),
    )
    s.add(
        "art30",
        "section.art30",
        [
            _new_field(
                label="field.art30", value=_new_check(checked=order.art30_disclosure_requested, msgid="check.art30")
            )
        ],
        _ets("30(1)"),
    )
    return Document(
        kind=order.KIND,
        title="document.title.preservation-order",
        template="",
        reference=order.reference,
        date=order.issued_at.date(),
        digest=digest(order),
        sections=tuple(s.sections),
    )


def _document(
    request: PreservationRequest | SubscriberInformationRequest, title: str, template: str, s: _Sections
) -> Document:
    return Document(
        kind=request.KIND,
        title=title,
        template=template,
        reference=request.reference,
        date=request.date,
        digest=digest(request),
        sections=tuple(s.sections),
    )


def build(obj: WireObject) -> Document:
    """The language-neutral document of a request or order, sections in template order.

    Raises :class:`TypeError` for an object that is not a request or an order.
    """
    if isinstance(obj, PreservationRequest):
        return _preservation(obj)
    if isinstance(obj, SubscriberInformationRequest):
        return _subscriber(obj)
    if isinstance(obj, PreservationOrder):
        return _order(obj)
    raise TypeError(f"cannot build a document from {type(obj).__name__}; expected a request or a preservation order")
