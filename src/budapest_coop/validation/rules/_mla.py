"""MLA rules: mutual assistance for stored data, ETS 185 Art. 31 with Arts. 18(3), 27-28 (reference §6.4)."""

from __future__ import annotations

from collections.abc import Sequence

from budapest_coop.model import MLAStatus, SubscriberInformationItem, SubscriberInformationRequest
from budapest_coop.treaty import Status
from budapest_coop.validation._finding import Finding, Severity, Term
from budapest_coop.validation._rule import Context, rule
from budapest_coop.validation.rules import _common as c
from budapest_coop.validation.rules._common import SUBSCRIBER, cite

E, W = Severity.ERROR, Severity.WARNING
NONE: Sequence[Finding] = ()

_ART_31_3 = cite("ETS 185 Art. 31(3)")
_ART_18_3 = cite("ETS 185 Art. 18(3)")
_TCY_10_8 = cite("T-CY(2018)10 §8")

_NO_MEASURE = (
    "The request does not say what the requested Party should do with the data (search or access, seize or secure, "
    "disclose)."
)


measures = c.required(
    "MLA-01",
    "measures",
    _NO_MEASURE,
    kinds=SUBSCRIBER,
    severity=E,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 31(1)",),
    summary="No measure is requested (`measures` is empty).",
    fix="List the measures in `measures`; for subscriber information usually `disclose`.",
)


_PROVIDER_ELSEWHERE = (
    "The provider is in %(country)s, not in the requested Party (%(party)s); Article 31 concerns data stored in the "
    "requested Party's territory."
)


@rule(
    "MLA-02",
    kinds=SUBSCRIBER,
    severity=W,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 31(1)",),
    summary="The service provider's country is not the requested Party.",
    fix="Address the request to the Party where the data is stored, or correct the provider's country.",
    messages=(_PROVIDER_ELSEWHERE,),
)
def provider_location(request: SubscriberInformationRequest, ctx: Context) -> Sequence[Finding]:
    party = c.requested_party(request)
    provider = request.custodian
    if party is None or provider is None or provider.country is None or provider.country == party:
        return NONE
    args = {"country": provider.country, "party": party}
    return [provider_location.finding(ctx, "custodian.country", _PROVIDER_ELSEWHERE, args)]


_PRESERVATION_FIELD = "The previous preservation request's field '%(field)s' is not filled in."
_PRESERVATION_FIELDS = (
    ("reference", c.REFERENCE),
    ("date", c.DATE),
    ("requesting_authority", c.REQUESTING_AUTHORITY),
    ("executing_authority", c.EXECUTING_AUTHORITY),
    ("channel", c.CHANNEL),
)


@rule(
    "MLA-03",
    kinds=SUBSCRIBER,
    severity=E,
    status=Status.VERIFIED,
    citations=("T-CY(2018)10 §10", "ETS 185 Art. 31(1)"),
    summary=(
        "The request concerns preserved data (`previous_preservation` given) but the block lacks the date, "
        "ticket, requesting or executing authority, or channel. (When the status is a follow-up of a "
        "preservation request, a missing ticket or date is reported by GEN-05.)"
    ),
    fix=(
        "Complete `previous_preservation`: `reference`, `date`, `requesting_authority`, "
        "`executing_authority`, `channel`."
    ),
    messages=(_PRESERVATION_FIELD, *(term for _, term in _PRESERVATION_FIELDS)),
    basis="ETS 185 Art. 31(1); T-CY(2018)10 §10",
)
def previous_preservation(request: SubscriberInformationRequest, ctx: Context) -> Sequence[Finding]:
    block = request.previous_preservation
    if block is None:
        return NONE
    reported_elsewhere = request.status is MLAStatus.FOLLOW_UP_PRESERVATION
    return [
        previous_preservation.finding(ctx, f"previous_preservation.{name}", _PRESERVATION_FIELD, {"field": term})
        for name, term in _PRESERVATION_FIELDS
        if getattr(block, name) is None and not (reported_elsewhere and name in ("reference", "date"))
    ] or NONE


_NO_JUSTIFICATION = (
    "The request asks for an expedited answer under Article 31(3) but does not explain why the ground applies."
)
_NO_GROUND = (
    "The request explains why it should be expedited but does not name the ground of Article 31(3): data vulnerable "
    "to loss or modification, or an instrument providing for expedited co-operation."
)


@rule(
    "MLA-04",
    kinds=SUBSCRIBER,
    severity=E,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 31(3)",),
    summary="An expedited answer is asked with a ground but no justification, or a justification but no ground.",
    fix="Set both `expedite_reason` (`data-vulnerable` or `instrument-provides`) and `expedite_justification`.",
    messages=(_NO_JUSTIFICATION, _NO_GROUND),
)
def expedite(request: SubscriberInformationRequest, ctx: Context) -> Sequence[Finding]:
    reason = request.expedite_reason
    if reason is not None and request.expedite_justification is None:
        citation = cite(reason.citation)
        return [expedite.finding(ctx, "expedite_justification", _NO_JUSTIFICATION, citation=citation)]
    if reason is None and request.expedite_justification is not None:
        return [expedite.finding(ctx, "expedite_reason", _NO_GROUND, citation=_ART_31_3)]
    return NONE


_PROCEDURES = (
    "If particular procedures must be followed (for example certification of the data or chain of custody), list "
    "them: the requested Party follows them unless its law forbids it."
)


procedures = c.required(
    "MLA-05",
    "requested_procedures",
    _PROCEDURES,
    kinds=SUBSCRIBER,
    severity=Severity.INFO,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 27(3)",),
    summary=(
        "No requested procedures are listed: a reminder that the requested Party follows them where Art. 27 applies."
    ),
    fix="List any needed procedures in `requested_procedures`.",
)


_NO_ITEMS = "The request does not list the subscriber information sought (Article 18(3)(a), (b) or (c))."
_AGREEMENT_UNKNOWN = (
    "Items under Article 18(3)(b) and (c) count as subscriber information only when available on the basis of the "
    "service agreement or arrangement; say whether they are."
)
_NOT_FROM_AGREEMENT = (
    "%(item)s (Article 18(3)(%(letter)s)) is subscriber information only if available on the basis of the service "
    "agreement or arrangement."
)
_ITEM_TERMS = {
    SubscriberInformationItem.SERVICE_TYPE: Term("The type of service"),
    SubscriberInformationItem.TECHNICAL_PROVISIONS: Term("The technical provisions"),
    SubscriberInformationItem.SERVICE_PERIOD: Term("The period of service"),
    SubscriberInformationItem.SUBSCRIBER_IDENTITY: Term("The subscriber's identity"),
    SubscriberInformationItem.POSTAL_OR_GEOGRAPHIC_ADDRESS: Term("The postal or geographic address"),
    SubscriberInformationItem.TELEPHONE_OR_ACCESS_NUMBER: Term("The telephone or other access number"),
    SubscriberInformationItem.BILLING_AND_PAYMENT_INFORMATION: Term("The billing and payment information"),
    SubscriberInformationItem.EQUIPMENT_INSTALLATION_SITE: Term("The site of the communication equipment"),
}
_ITEM_CITATION = {item: cite(item.citation) for item in SubscriberInformationItem}


@rule(
    "MLA-07",
    kinds=SUBSCRIBER,
    severity=W,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 18(3)", "ETS 185 Art. 18(3)(a)", "ETS 185 Art. 18(3)(b)", "ETS 185 Art. 18(3)(c)"),
    summary=(
        "No Art. 18(3) item is listed; or items under 18(3)(b)/(c) are asked without saying whether they come "
        "from the service agreement (`source_is_service_agreement` unset); or they are said not to (each such item "
        "is reported with its own citation, 18(3)(b) or (c))."
    ),
    fix="List `subscriber_information` and set `source_is_service_agreement`.",
    messages=(_NO_ITEMS, _AGREEMENT_UNKNOWN, _NOT_FROM_AGREEMENT, *_ITEM_TERMS.values()),
)
def subscriber_items(request: SubscriberInformationRequest, ctx: Context) -> Sequence[Finding]:
    items = request.subscriber_information
    if not items:
        return [subscriber_items.finding(ctx, "subscriber_information", _NO_ITEMS, citation=_ART_18_3)]
    agreement = request.source_is_service_agreement
    if agreement is True:
        return NONE
    conditional = [(i, item) for i, item in enumerate(items) if item.letter != "a"]
    if not conditional:
        return NONE
    if agreement is None:
        citation = _ITEM_CITATION[conditional[0][1]]
        return [subscriber_items.finding(ctx, "source_is_service_agreement", _AGREEMENT_UNKNOWN, citation=citation)]
    return [
        subscriber_items.finding(
            ctx,
            f"subscriber_information[{i}]",
            _NOT_FROM_AGREEMENT,
            {"item": _ITEM_TERMS[item], "letter": item.letter},
            citation=_ITEM_CITATION[item],
        )
        for i, item in conditional
    ]


_NO_PROSECUTION = "No prosecution office or court in charge is named; if there is one, name it with its case number."
_NO_CASE_NUMBER = "The case number of the %(body)s is missing."
_PROSECUTION_OFFICE = Term("prosecution office")
_COURT = Term("court")


@rule(
    "MLA-08",
    kinds=SUBSCRIBER,
    severity=W,
    status=Status.VERIFIED,
    citations=("T-CY(2018)10 §8",),
    summary="Neither a prosecution office nor a court in charge is named, or one is named without its case number.",
    fix="Fill `prosecution_office` and/or `court` with `case_number`, and `judicial_decisions` if any.",
    messages=(_NO_PROSECUTION, _NO_CASE_NUMBER, _PROSECUTION_OFFICE, _COURT),
)
def prosecution(request: SubscriberInformationRequest, ctx: Context) -> Sequence[Finding]:
    office, court = request.prosecution_office, request.court
    if office is None and court is None:
        return [prosecution.finding(ctx, "prosecution_office", _NO_PROSECUTION, citation=_TCY_10_8)]
    out = []
    if office is not None and office.case_number is None:
        out.append(
            prosecution.finding(ctx, "prosecution_office.case_number", _NO_CASE_NUMBER, {"body": _PROSECUTION_OFFICE})
        )
    if court is not None and court.case_number is None:
        out.append(prosecution.finding(ctx, "court.case_number", _NO_CASE_NUMBER, {"body": _COURT}))
    return out or NONE


_NO_DOMESTIC_BASIS = "The domestic legal basis of the request is not given (write 'not applicable' if there is none)."


domestic_basis = c.required(
    "MLA-09",
    "domestic_legal_basis",
    _NO_DOMESTIC_BASIS,
    kinds=SUBSCRIBER,
    severity=W,
    status=Status.VERIFIED,
    citations=("T-CY(2018)10 §11",),
    summary="The domestic legal basis (template section 11) is empty.",
    fix="Fill `domestic_legal_basis`, or state that none applies.",
    basis="T-CY(2018)10 §11 (verified: heading only)",
)


RULES = (
    measures,
    provider_location,
    previous_preservation,
    expedite,
    procedures,
    subscriber_items,
    prosecution,
    domestic_basis,
)
