"""GEN rules: what every request needs (reference §6.1), plus GEN-19 and GEN-20 (see ADR 0001)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs

from budapest_coop.model import (
    MLAStatus,
    PreservationRequest,
    PreservationStatus,
    SubscriberInformationRequest,
    TransmissionChannel,
    TransmissionMeans,
    Urgency,
)
from budapest_coop.treaty import Status
from budapest_coop.validation._finding import Finding, Severity, Term
from budapest_coop.validation._rule import Context, rule
from budapest_coop.validation.rules import _common as c
from budapest_coop.validation.rules._common import PRESERVATION, REQUESTS, SUBSCRIBER, Request, cite

E, W = Severity.ERROR, Severity.WARNING
NONE: Sequence[Finding] = ()

_ART_29_1 = cite("ETS 185 Art. 29(1)")
_ART_25_1 = cite("ETS 185 Art. 25(1)")
_ART_29_2_B = cite("ETS 185 Art. 29(2)(b)")
_ART_25_5 = cite("ETS 185 Art. 25(5)")
_ART_27_8 = cite("ETS 185 Art. 27(8)")
_ART_29_6 = cite("ETS 185 Art. 29(6)")
_ART_35_1_B = cite("ETS 185 Art. 35(1)(b)")
_ART_27_2 = cite("ETS 185 Art. 27(2)")
_ART_27_9_A = cite("ETS 185 Art. 27(9)(a)")
_ART_27_9_E = cite("ETS 185 Art. 27(9)(e)")
_TCY_10_9 = cite("T-CY(2018)10 §9")
_TCY_10_10 = cite("T-CY(2018)10 §10")
_SECTION_1 = c.template(1)
_SECTION_2 = c.template(2)
_SECTION_3 = c.template(3)
_SECTION_4 = c.template(4)
_SECTION_5 = c.template(5)
_SECTION_6 = c.template(6)

# --- T-CY templates §1 and §2 -----------------------------------------------------------

_NO_DATE = "The request has no date."
_FUTURE_DATE = "The request is dated %(date)s, which is after today (%(today)s)."


@rule(
    "GEN-03",
    kinds=REQUESTS,
    severity=E,
    status=Status.VERIFIED,
    citations=("T-CY(2018)11 §1", "T-CY(2018)10 §1"),
    summary="The request has no date, or is dated after the day of validation.",
    fix="Set `date` to the day the request is signed and sent.",
    messages=(_NO_DATE, _FUTURE_DATE),
    basis="templates, section 1",
)
def request_date(request: Request, ctx: Context) -> Sequence[Finding]:
    date = request.date
    if date is None:
        return [request_date.finding(ctx, "date", _NO_DATE, citation=_SECTION_1[type(request)])]
    if date > ctx.today:
        args = {"date": date.isoformat(), "today": ctx.today.isoformat()}
        return [request_date.finding(ctx, "date", _FUTURE_DATE, args, citation=_SECTION_1[type(request)])]
    return NONE


_NO_REFERENCE = "The request has no reference or case number."


reference = c.required(
    "GEN-04",
    "reference",
    _NO_REFERENCE,
    by_class=_SECTION_2,
    kinds=REQUESTS,
    severity=E,
    status=Status.VERIFIED,
    citations=("T-CY(2018)11 §2", "T-CY(2018)10 §2"),
    summary="The request has no reference (case number).",
    fix="Set `reference` to the requesting authority's case number.",
    basis="templates, section 2",
)


# --- §3 request status ------------------------------------------------------------------

_NO_PREVIOUS = "A follow-up or extension must give the ticket or reference number and the date of the previous request."
_PREVIOUS_FIELD = "The previous request's field '%(field)s' is not filled in."


@rule(
    "GEN-05",
    kinds=REQUESTS,
    severity=E,
    status=Status.VERIFIED,
    citations=("T-CY(2018)11 §3", "T-CY(2018)10 §9", "T-CY(2018)10 §10"),
    summary=(
        "A preservation request marked as an extension, or an Art. 31 request marked as a follow-up, "
        "lacks the ticket (reference) or the date of the earlier request."
    ),
    fix=(
        "Fill `previous_request` (preservation), `previous_mla` or `previous_preservation` (Art. 31) "
        "with at least `reference` and `date`."
    ),
    messages=(_NO_PREVIOUS, _PREVIOUS_FIELD, c.REFERENCE, c.DATE),
    basis="T-CY(2018)10 §3, §9-10; T-CY(2018)11 §3",
)
def previous_ticket(request: Request, ctx: Context) -> Sequence[Finding]:
    if isinstance(request, PreservationRequest):
        if request.status is not PreservationStatus.EXTENSION:
            return NONE
        field, previous, citation = "previous_request", request.previous_request, _SECTION_3[PreservationRequest]
    elif request.status is MLAStatus.FOLLOW_UP_MLA:
        field, previous, citation = "previous_mla", request.previous_mla, _TCY_10_9
    elif request.status is MLAStatus.FOLLOW_UP_PRESERVATION:
        field, previous, citation = "previous_preservation", request.previous_preservation, _TCY_10_10
    else:
        return NONE
    if previous is None:
        return [previous_ticket.finding(ctx, field, _NO_PREVIOUS, citation=citation)]
    out = []
    if previous.reference is None:
        out.append(
            previous_ticket.finding(
                ctx, f"{field}.reference", _PREVIOUS_FIELD, {"field": c.REFERENCE}, citation=citation
            )
        )
    if previous.date is None:
        out.append(previous_ticket.finding(ctx, f"{field}.date", _PREVIOUS_FIELD, {"field": c.DATE}, citation=citation))
    return out


# --- §4 requested authority and Party ---------------------------------------------------

_NO_REQUESTED_AUTHORITY = "The request does not name the requested authority."


requested_authority = c.required(
    "GEN-20",
    "requested_authority",
    _NO_REQUESTED_AUTHORITY,
    by_class=_SECTION_4,
    kinds=REQUESTS,
    severity=E,
    status=Status.VERIFIED,
    citations=("T-CY(2018)11 §4", "T-CY(2018)10 §4"),
    summary="The request does not name the authority it is addressed to.",
    fix="Fill `requested_authority` (the 24/7 point of contact or central authority of the requested Party).",
    basis="templates, section 4 (a check added by budapest_coop; see ADR 0001)",
)


_NO_REQUESTED_PARTY = "The request does not name the requested Party."
_NOT_A_PARTY = "The %(role)s %(party)s is not a Party to ETS 185 on %(date)s (status: %(status)s)."
_STATUS_UNKNOWN = "The registry does not know whether the %(role)s %(party)s was a Party to ETS 185 on %(date)s."
_NOT_IN_REGISTRY = "The %(role)s %(party)s is not in the registry of Parties; check that it is a Party to ETS 185."
_STATUS_TERMS = {
    "ratified": Term("ratified, not yet in force"),
    "signatory": Term("signatory"),
    "invited": Term("invited to accede"),
    "none": Term("neither signatory nor Party"),
}


def _party_findings(ctx: Context, request: Request, role: Term, path: str, code: str | None) -> list[Finding]:
    citation = _ART_29_1 if isinstance(request, PreservationRequest) else _ART_25_1
    requested = role is c.REQUESTED_PARTY
    info = ctx.requested if requested else ctx.requesting
    unknown = ctx.requested_unknown if requested else ctx.requesting_unknown
    date = ctx.on.isoformat()
    if unknown:
        args = {"role": role, "party": code}
        return [party_status.finding(ctx, path, _NOT_IN_REGISTRY, args, citation=citation, severity=W)]
    if info is None:
        return []
    status = info.status("ETS185", ctx.on)
    if status == "party":
        return []
    if status == "unknown":
        args = {"role": role, "party": info.code, "date": date}
        return [party_status.finding(ctx, path, _STATUS_UNKNOWN, args, citation=citation, severity=W)]
    args = {"role": role, "party": info.code, "date": date, "status": _STATUS_TERMS.get(status, status)}
    return [party_status.finding(ctx, path, _NOT_A_PARTY, args, citation=citation)]


@rule(
    "GEN-19",
    kinds=REQUESTS,
    severity=E,
    also=(W,),
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 29(1)", "ETS 185 Art. 25(1)"),
    summary=(
        "The requested Party is not named, or the registry shows that the requested or requesting State "
        "is not a Party to ETS 185 on the date of the request (error, naming its status). A State the "
        "registry does not know, or whose status it does not know, gives a warning."
    ),
    fix=(
        "Name `requested_party`. Co-operation under the Convention is between Parties: for a State "
        "that is not a Party, use another legal basis (a bilateral treaty, domestic law)."
    ),
    messages=(
        _NO_REQUESTED_PARTY,
        _NOT_A_PARTY,
        _STATUS_UNKNOWN,
        _NOT_IN_REGISTRY,
        c.REQUESTED_PARTY,
        c.REQUESTING_PARTY,
        *_STATUS_TERMS.values(),
    ),
    party_aware=True,
    basis="Arts. 25(1) and 29(1): co-operation between Parties (a check added by budapest_coop; see ADR 0001)",
)
def party_status(request: Request, ctx: Context) -> Sequence[Finding]:
    code = c.requested_party(request)
    if code is None:
        citation = _ART_29_1 if isinstance(request, PreservationRequest) else _ART_25_1
        return [party_status.finding(ctx, "requested_party", _NO_REQUESTED_PARTY, citation=citation)]
    if ctx.registry is None:
        return NONE
    out = _party_findings(ctx, request, c.REQUESTED_PARTY, "requested_party", code)
    requesting = c.requesting_party(request)
    if requesting is not None:
        out += _party_findings(ctx, request, c.REQUESTING_PARTY, "requesting_party", requesting)
    return out


# --- §5 requesting authority ------------------------------------------------------------

_NO_AUTHORITY_29 = "The request does not name the authority seeking preservation."
_NO_REQUESTING_AUTHORITY = "The request does not name the requesting authority."
_AUTHORITY_FIELD = "The requesting authority's field '%(field)s' is not filled in."


preservation_authority = c.required(
    "PRES-01",
    "requesting_authority",
    _NO_AUTHORITY_29,
    kinds=PRESERVATION,
    severity=E,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 29(2)(a)",),
    summary="A preservation request does not name the authority seeking preservation.",
    fix="Fill `requesting_authority`.",
)


_REQUIRED_AUTHORITY_FIELDS = (
    ("person_in_charge", c.PERSON_IN_CHARGE),
    ("address", c.ADDRESS),
    ("phone", c.TELEPHONE),
    ("email", c.EMAIL),
)


@rule(
    "GEN-01",
    kinds=REQUESTS,
    severity=E,
    status=Status.VERIFIED,
    citations=("T-CY(2018)11 §5", "T-CY(2018)10 §5", "ETS 185 Art. 29(2)(a)"),
    summary=(
        "The requesting authority lacks its person in charge, address, telephone number or e-mail "
        "address (one finding per field); an Art. 31 request does not name a requesting authority at "
        "all (for a preservation request that is PRES-01)."
    ),
    fix="Fill `requesting_authority` with `person_in_charge`, `address`, `phone` and `email`.",
    messages=(_NO_REQUESTING_AUTHORITY, _AUTHORITY_FIELD, *(term for _, term in _REQUIRED_AUTHORITY_FIELDS)),
    basis="ETS 185 Art. 29(2)(a); templates, section 5",
)
def requesting_authority(request: Request, ctx: Context) -> Sequence[Finding]:
    authority = request.requesting_authority
    citation = _SECTION_5[type(request)]
    if authority is None:
        if isinstance(request, SubscriberInformationRequest):
            path = "requesting_authority"
            return [requesting_authority.finding(ctx, path, _NO_REQUESTING_AUTHORITY, citation=citation)]
        return NONE
    if authority.person_in_charge and authority.address and authority.phone and authority.email:
        return NONE
    return [
        requesting_authority.finding(
            ctx, f"requesting_authority.{name}", _AUTHORITY_FIELD, {"field": term}, citation=citation
        )
        for name, term in _REQUIRED_AUTHORITY_FIELDS
        if getattr(authority, name) is None
    ]


@rule(
    "GEN-01b",
    kinds=REQUESTS,
    severity=W,
    status=Status.VERIFIED,
    citations=("T-CY(2018)11 §5", "T-CY(2018)10 §5"),
    summary="The requesting authority's office hours or time zone is missing (template fields).",
    fix="Fill `office_hours` and `time_zone` (an IANA name such as Europe/Paris, or UTC+01:00).",
    messages=(_AUTHORITY_FIELD, c.OFFICE_HOURS, c.TIME_ZONE),
    basis="templates, section 5",
)
def office_hours(request: Request, ctx: Context) -> Sequence[Finding]:
    authority = request.requesting_authority
    if authority is None or (authority.office_hours and authority.time_zone):
        return NONE
    citation = _SECTION_5[type(request)]
    out = []
    if authority.office_hours is None:
        args = {"field": c.OFFICE_HOURS}
        out.append(
            office_hours.finding(ctx, "requesting_authority.office_hours", _AUTHORITY_FIELD, args, citation=citation)
        )
    if authority.time_zone is None:
        args = {"field": c.TIME_ZONE}
        out.append(
            office_hours.finding(ctx, "requesting_authority.time_zone", _AUTHORITY_FIELD, args, citation=citation)
        )
    return out


# --- §6 confirmation contact ------------------------------------------------------------

_NO_CONTACT = "No contact person is given for confirming the request."
_CONTACT_FIELD = "The confirmation contact's field '%(field)s' is not filled in."
_CONTACT_FIELDS = (
    ("name", c.NAME),
    ("job_title", c.JOB_TITLE),
    ("function", c.FUNCTION),
    ("phone", c.TELEPHONE),
    ("mobile", c.MOBILE),
    ("email", c.EMAIL),
)


@rule(
    "GEN-02",
    kinds=REQUESTS,
    severity=W,
    status=Status.VERIFIED,
    citations=("T-CY(2018)11 §6", "T-CY(2018)10 §6"),
    summary="No confirmation contact is given, or it lacks name, job title, function, telephone, mobile or e-mail.",
    fix="Fill `confirmation_contact` with every field of template section 6.",
    messages=(_NO_CONTACT, _CONTACT_FIELD, *(term for _, term in _CONTACT_FIELDS)),
    basis="templates, section 6",
)
def confirmation_contact(request: Request, ctx: Context) -> Sequence[Finding]:
    contact = request.confirmation_contact
    citation = _SECTION_6[type(request)]
    if contact is None:
        return [confirmation_contact.finding(ctx, "confirmation_contact", _NO_CONTACT, citation=citation)]
    if contact.name and contact.job_title and contact.function and contact.phone and contact.mobile and contact.email:
        return NONE
    return [
        confirmation_contact.finding(
            ctx, f"confirmation_contact.{name}", _CONTACT_FIELD, {"field": term}, citation=citation
        )
        for name, term in _CONTACT_FIELDS
        if getattr(contact, name) is None
    ]


# --- Scope, legal basis, offences --------------------------------------------------------

_NO_SCOPE = (
    "The request does not say which purpose of Article 23 it serves: an offence related to computer "
    "systems and data, or electronic evidence of a criminal offence."
)


scope = c.required(
    "GEN-06",
    "scope_basis",
    _NO_SCOPE,
    kinds=REQUESTS,
    severity=E,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 23", "ETS 185 Art. 25(1)"),
    summary="The scope of co-operation under Art. 23 (`scope_basis`) is not given.",
    fix=(
        "Set `scope_basis` to `offence-related-to-computer-systems-and-data` or "
        "`electronic-evidence-of-a-criminal-offence`."
    ),
)


_NO_LEGAL_BASIS = "The request names no legal basis (the Convention, a mutual assistance treaty, domestic law)."


legal_basis = c.required(
    "GEN-07",
    "legal_basis",
    _NO_LEGAL_BASIS,
    kinds=REQUESTS,
    severity=W,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 27(1)", "ETS 185 Art. 23"),
    summary=(
        "No legal basis is named. Art. 27 and 28 apply only where no mutual assistance treaty or "
        "equivalent arrangement is in force between the Parties, so the basis decides the procedure."
    ),
    fix="List the instruments in `legal_basis`, e.g. the Convention and any bilateral treaty.",
)


_NO_OFFENCE_MLA = "The request names no offence."
_OFFENCE_NO_NAME = "Offence %(number)s has no name."
_OFFENCE_NO_PROVISIONS = "Offence %(number)s cites no legal provision."
_OFFENCE_NO_PENALTY = "Offence %(number)s gives no maximum penalty."
_OFFENCE_NO_CONDUCT = "Offence %(number)s does not describe the conduct; dual criminality is judged on the conduct."


@rule(
    "GEN-08",
    kinds=REQUESTS,
    severity=W,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 25(5)", "ETS 185 Art. 29(2)(b)"),
    summary=(
        "An offence lacks its name, legal provisions or maximum penalty; or lacks a description of the "
        "conduct where dual criminality may be examined (every Art. 31 request, and a preservation request "
        "to a Party that made the Art. 29(4) reservation). An Art. 31 request with no offence at all."
    ),
    fix="Give each offence `name`, `legal_provisions`, `maximum_penalty` and `conduct`.",
    messages=(_NO_OFFENCE_MLA, _OFFENCE_NO_NAME, _OFFENCE_NO_PROVISIONS, _OFFENCE_NO_PENALTY, _OFFENCE_NO_CONDUCT),
    basis="ETS 185 Art. 25(5) (verified) and PC-OC model-form practice",
)
def offences(request: Request, ctx: Context) -> Sequence[Finding]:
    preservation = isinstance(request, PreservationRequest)
    if not request.offences:
        if preservation:
            return NONE
        return [offences.finding(ctx, "offences", _NO_OFFENCE_MLA, citation=_ART_25_5)]
    citation = _ART_29_2_B if preservation else _ART_25_5
    need_conduct = not preservation or (ctx.requested is not None and ctx.requested.has_reservation("ETS185:29(4)"))
    out = []
    for i, offence in enumerate(request.offences):
        args = {"number": i + 1}
        if offence.name is None:
            out.append(offences.finding(ctx, f"offences[{i}].name", _OFFENCE_NO_NAME, args, citation=citation))
        if not offence.legal_provisions:
            out.append(
                offences.finding(
                    ctx, f"offences[{i}].legal_provisions", _OFFENCE_NO_PROVISIONS, args, citation=citation
                )
            )
        if offence.maximum_penalty is None:
            out.append(
                offences.finding(ctx, f"offences[{i}].maximum_penalty", _OFFENCE_NO_PENALTY, args, citation=citation)
            )
        if need_conduct and offence.conduct is None:
            out.append(offences.finding(ctx, f"offences[{i}].conduct", _OFFENCE_NO_CONDUCT, args, citation=_ART_25_5))
    return out


# --- Urgency, transmission ----------------------------------------------------------------

_NO_URGENCY_REASONS = "The request is marked urgent but gives no reasons for the urgency."


@rule(
    "GEN-09",
    kinds=REQUESTS,
    severity=E,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 25(3)", "ETS 185 Art. 31(3)(a)"),
    summary="The request is marked urgent without reasons for the urgency.",
    fix="Explain the urgency in `urgency_reasons` (imminent deletion, a suspect in custody, a risk to life...).",
    messages=(_NO_URGENCY_REASONS,),
    basis="ETS 185 Art. 25(3), 31(3)(a); PC-OC(2015)09 rev3",
)
def urgency(request: Request, ctx: Context) -> Sequence[Finding]:
    if request.urgency is Urgency.URGENT and request.urgency_reasons is None:
        return [urgency.finding(ctx, "urgency_reasons", _NO_URGENCY_REASONS)]
    return NONE


_NO_SECURITY = (
    "Expedited transmission by %(means)s needs a description of its security and authentication "
    "(for example encryption)."
)
_NO_CONFIRMATION_FLAG = (
    "Say whether a formal confirmation will follow the expedited transmission (the requested Party may require one)."
)
_MEANS = {
    TransmissionMeans.EMAIL: Term("e-mail"),
    TransmissionMeans.FAX: Term("fax"),
    TransmissionMeans.SECURE_PLATFORM: Term("secure platform"),
}


@rule(
    "GEN-10",
    kinds=REQUESTS,
    severity=E,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 25(3)",),
    summary=(
        "The request travels by an expedited means (e-mail, fax, secure platform) without a description "
        "of its security and authentication, or without saying whether a formal confirmation follows."
    ),
    fix="Fill `transmission.security_measures` and `transmission.formal_confirmation_to_follow`.",
    messages=(_NO_SECURITY, _NO_CONFIRMATION_FLAG, *_MEANS.values()),
)
def expedited_means(request: Request, ctx: Context) -> Sequence[Finding]:
    transmission = request.transmission
    if transmission is None or transmission.means is None or not transmission.means.expedited:
        return NONE
    out = []
    if transmission.security_measures is None:
        args = {"means": _MEANS[transmission.means]}
        out.append(expedited_means.finding(ctx, "transmission.security_measures", _NO_SECURITY, args))
    if transmission.formal_confirmation_to_follow is None:
        out.append(expedited_means.finding(ctx, "transmission.formal_confirmation_to_follow", _NO_CONFIRMATION_FLAG))
    return out


_LANGUAGES = (
    "None of the languages of the request (%(languages)s) is accepted by %(party)s (accepted: %(accepted)s); "
    "attach a translation."
)


def _base(tag: str) -> str:
    return tag.split("-", 1)[0].lower()


_TEXT_FIELDS: dict[type, tuple[str, ...]] = {}


def _text_fields(cls: type[Request]) -> tuple[str, ...]:
    """The names of the free-text (LocalizedText) fields of a request class (computed once per class)."""
    names = _TEXT_FIELDS.get(cls)
    if names is None:
        names = _TEXT_FIELDS[cls] = tuple(f.name for f in attrs.fields(cls) if "LocalizedText" in str(f.type))
    return names


def _request_languages(request: Request) -> Iterator[str]:
    """The languages of the request, as ``Request.text_languages`` gives them, lazily and fast."""
    if request.languages:
        yield from request.languages
        return
    for name in _text_fields(type(request)):
        text = getattr(request, name)
        if text is not None:
            yield from text.languages
    for offence in request.offences:
        for text in (offence.name, offence.conduct, offence.maximum_penalty):
            if text is not None:
                yield from text.languages


@rule(
    "GEN-11",
    kinds=REQUESTS,
    severity=W,
    status=Status.VERIFIED,
    summary=(
        "The registry lists the languages the requested Party accepts, and none of the request's "
        "languages (`languages`, else the languages of its free text) is among them."
    ),
    fix="Add a translation of every free-text field into an accepted language.",
    messages=(_LANGUAGES,),
    party_aware=True,
    basis=(
        "PC-OC country profiles, 'language requirements' (verified field); CETS 224 Art. 4 (unverified). "
        "ETS 185 has no language article, so budapest_coop warns"
    ),
)
def languages(request: Request, ctx: Context) -> Sequence[Finding]:
    party = ctx.requested
    if party is None:
        return NONE
    accepted = party.languages
    if accepted is None:
        return NONE
    wanted = {_base(tag) for tag in accepted}
    used: dict[str, None] = {}
    for tag in _request_languages(request):
        if _base(tag) in wanted:
            return NONE
        used[tag] = None
    if not used:
        return NONE
    args = {"languages": ", ".join(used), "party": party.code, "accepted": ", ".join(accepted) or "-"}
    return [languages.finding(ctx, "languages", _LANGUAGES, args)]


_NO_PURPOSE = (
    "The request does not state the proceedings the data will be used for; the requested Party may "
    "limit its use to them."
)


purpose = c.required(
    "GEN-12",
    "purpose",
    _NO_PURPOSE,
    kinds=SUBSCRIBER,
    severity=W,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 28(2)(b)",),
    summary="An Art. 31 request does not state the purpose (the proceedings) the data is for.",
    fix="Fill `purpose` with the investigations or proceedings the data will be used in.",
)


_CONFIDENTIAL = (
    "The requested Party may be unable to keep the request confidential; it will then say so, and the "
    "requesting Party decides whether to go ahead."
)


@rule(
    "GEN-13",
    kinds=REQUESTS,
    severity=Severity.INFO,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 27(8)", "ETS 185 Art. 29(6)"),
    summary="The request asks for confidentiality: a reminder of what happens if it cannot be kept.",
    fix="Nothing to fix; be ready to decide whether to proceed if the requested Party cannot keep it confidential.",
    messages=(_CONFIDENTIAL,),
)
def confidentiality(request: Request, ctx: Context) -> Sequence[Finding]:
    if request.keep_confidential:
        citation = _ART_29_6 if isinstance(request, PreservationRequest) else _ART_27_8
        return [confidentiality.finding(ctx, "keep_confidential", _CONFIDENTIAL, citation=citation)]
    return NONE


_CHANNEL_TERMS = {
    TransmissionChannel.CENTRAL_AUTHORITY: Term("the central authority"),
    TransmissionChannel.POINT_OF_CONTACT_24_7: Term("the 24/7 point of contact"),
    TransmissionChannel.DIRECT_JUDICIAL: Term("direct transmission between judicial authorities"),
    TransmissionChannel.INTERPOL: Term("Interpol"),
    TransmissionChannel.DIRECT_COMPETENT_AUTHORITY: Term("direct transmission between competent authorities"),
}
_DIRECT = frozenset(
    {
        TransmissionChannel.DIRECT_JUDICIAL,
        TransmissionChannel.INTERPOL,
        TransmissionChannel.DIRECT_COMPETENT_AUTHORITY,
    }
)
_PRESERVATION_CHANNEL = (
    "A preservation request normally goes through the 24/7 point of contact or the authority for mutual "
    "assistance, not through %(channel)s."
)
_MLA_TO_POC = (
    "A request for mutual assistance goes to the central authority; the 24/7 point of contact only facilitates it."
)
_DIRECT_NOT_URGENT = (
    "Direct transmission between judicial authorities or through Interpol is meant for urgent requests; "
    "send a routine request to the central authority."
)


@rule(
    "GEN-15",
    kinds=REQUESTS,
    severity=W,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 35(1)(b)", "ETS 185 Art. 27(2)", "ETS 185 Art. 27(9)(a)"),
    summary=(
        "The channel does not fit the request: a preservation request sent other than through the 24/7 "
        "point of contact or the central authority; an Art. 31 request sent to the 24/7 point of contact, "
        "or directly or through Interpol without being urgent."
    ),
    fix="Choose `transmission.channel` accordingly.",
    messages=(_PRESERVATION_CHANNEL, _MLA_TO_POC, _DIRECT_NOT_URGENT, *_CHANNEL_TERMS.values()),
)
def channel(request: Request, ctx: Context) -> Sequence[Finding]:
    transmission = request.transmission
    chosen = transmission.channel if transmission is not None else None
    if chosen is None:
        return NONE
    if isinstance(request, PreservationRequest):
        if chosen in _DIRECT:
            args = {"channel": _CHANNEL_TERMS[chosen]}
            return [channel.finding(ctx, "transmission.channel", _PRESERVATION_CHANNEL, args, citation=_ART_35_1_B)]
        return NONE
    if chosen is TransmissionChannel.POINT_OF_CONTACT_24_7:
        return [channel.finding(ctx, "transmission.channel", _MLA_TO_POC, citation=_ART_27_2)]
    if chosen in (TransmissionChannel.DIRECT_JUDICIAL, TransmissionChannel.INTERPOL) and (
        request.urgency is not Urgency.URGENT
    ):
        return [channel.finding(ctx, "transmission.channel", _DIRECT_NOT_URGENT, citation=_ART_27_9_A)]
    return NONE


_NO_COPY = (
    "A request sent directly between judicial authorities needs a copy to the requested Party's central "
    "authority, sent through the requesting Party's central authority."
)
_DECLARED_27_9_E = (
    "%(party)s has declared under Article 27(9)(e) that such requests must be sent to its central authority; "
    "do not use %(channel)s."
)


@rule(
    "GEN-16",
    kinds=REQUESTS,
    severity=E,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 27(9)(a)", "ETS 185 Art. 27(9)(e)"),
    summary=(
        "Direct transmission between judicial authorities without the copy to the central authority; or "
        "any direct or Interpol transmission to a Party that declared under Art. 27(9)(e) that such "
        "requests go to its central authority."
    ),
    fix=(
        "Set `transmission.copy_to_central_authority` to true, or send the request to the central "
        "authority when the requested Party made the declaration."
    ),
    messages=(_NO_COPY, _DECLARED_27_9_E, *(_CHANNEL_TERMS[ch] for ch in _DIRECT)),
    party_aware=True,
    basis="ETS 185 Art. 27(9)(a), (e) and Art. 40; the Party's declaration comes from the registry",
)
def direct_transmission(request: Request, ctx: Context) -> Sequence[Finding]:
    transmission = request.transmission
    chosen = transmission.channel if transmission is not None else None
    if chosen is None or chosen not in _DIRECT:
        return NONE
    assert transmission is not None
    out = []
    if ctx.requested is not None and ctx.requested.has_declaration("ETS185:27(9)(e)"):
        args = {"party": ctx.requested.code, "channel": _CHANNEL_TERMS[chosen]}
        out.append(
            direct_transmission.finding(ctx, "transmission.channel", _DECLARED_27_9_E, args, citation=_ART_27_9_E)
        )
    if chosen is TransmissionChannel.DIRECT_JUDICIAL and transmission.copy_to_central_authority is not True:
        out.append(
            direct_transmission.finding(ctx, "transmission.copy_to_central_authority", _NO_COPY, citation=_ART_27_9_A)
        )
    return out


_COERCION_UNKNOWN = (
    "Direct transmission between competent authorities is allowed only for requests involving no coercive "
    "action; state whether this one involves any."
)
_COERCION = "Direct transmission between competent authorities is not allowed for a request involving coercive action."


@rule(
    "GEN-17",
    kinds=REQUESTS,
    severity=E,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 27(9)(d)",),
    summary=(
        "The request goes directly between competent authorities although it involves coercive action, "
        "or without saying whether it does."
    ),
    fix="Set `transmission.coercive_action` to false if true, else send the request to the central authority.",
    messages=(_COERCION_UNKNOWN, _COERCION),
)
def coercive_action(request: Request, ctx: Context) -> Sequence[Finding]:
    transmission = request.transmission
    if transmission is None or transmission.channel is not TransmissionChannel.DIRECT_COMPETENT_AUTHORITY:
        return NONE
    if transmission.coercive_action is None:
        return [coercive_action.finding(ctx, "transmission.coercive_action", _COERCION_UNKNOWN)]
    if transmission.coercive_action:
        return [coercive_action.finding(ctx, "transmission.coercive_action", _COERCION)]
    return NONE


_RESERVATION_29_4 = (
    "%(party)s has made the reservation of Article 29(4): it may refuse preservation for offence %(number)s, "
    "which is not one of Articles 2 to 11, if it expects dual criminality to fail at disclosure."
)


@rule(
    "PRES-10",
    kinds=PRESERVATION,
    severity=W,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 29(4)", "ETS 185 Art. 29(3)"),
    summary=(
        "The requested Party made the Art. 29(4) reservation and an offence is not one of Arts. 2-11 "
        "(its `convention_articles` is empty): preservation may be refused. Dual criminality is otherwise "
        "not required for preservation (Art. 29(3))."
    ),
    fix=(
        "If the conduct falls under Arts. 2-11, list the articles in `convention_articles`; otherwise "
        "describe the conduct so that dual criminality can be assessed."
    ),
    messages=(_RESERVATION_29_4,),
    party_aware=True,
    basis="ETS 185 Arts. 29(3), 29(4), 42; the Party's reservation comes from the registry",
)
def reservation_29_4(request: PreservationRequest, ctx: Context) -> Sequence[Finding]:
    party = ctx.requested
    if party is None or not request.offences or not party.has_reservation("ETS185:29(4)"):
        return NONE
    return [
        reservation_29_4.finding(
            ctx,
            f"offences[{i}].convention_articles",
            _RESERVATION_29_4,
            {"party": party.code, "number": i + 1},
        )
        for i, offence in enumerate(request.offences)
        if not offence.convention_articles
    ]


RULES = (
    request_date,
    reference,
    previous_ticket,
    requested_authority,
    party_status,
    preservation_authority,
    requesting_authority,
    office_hours,
    confirmation_contact,
    scope,
    legal_basis,
    offences,
    urgency,
    expedited_means,
    languages,
    purpose,
    confidentiality,
    channel,
    direct_transmission,
    coercive_action,
    reservation_29_4,
)
