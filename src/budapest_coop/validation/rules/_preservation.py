"""PRES rules: expedited preservation, ETS 185 Arts. 29-30 (reference §6.3), and the preservation order."""

from __future__ import annotations

from collections.abc import Sequence

from budapest_coop.model import DataCategory, PreservationOrder, PreservationRequest, TransmissionChannel
from budapest_coop.treaty import Status
from budapest_coop.validation._finding import Finding, Severity
from budapest_coop.validation._rule import Context, rule
from budapest_coop.validation.rules import _common as c
from budapest_coop.validation.rules._common import ORDER, PRESERVATION, cite

E, W = Severity.ERROR, Severity.WARNING
NONE: Sequence[Finding] = ()

_ART_16_2 = cite("ETS 185 Art. 16(2)")

_NO_OFFENCE = "The request does not state the offence under investigation."
_NO_FACTS = "The request does not summarise the facts."


@rule(
    "PRES-02",
    kinds=PRESERVATION,
    severity=E,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 29(2)(b)",),
    summary="No offence, or no summary of the facts.",
    fix="Fill `offences` (at least one) and `facts`.",
    messages=(_NO_OFFENCE, _NO_FACTS),
)
def offence_and_facts(request: PreservationRequest, ctx: Context) -> Sequence[Finding]:
    if request.offences and request.facts is not None:
        return NONE
    out = []
    if not request.offences:
        out.append(offence_and_facts.finding(ctx, "offences", _NO_OFFENCE))
    if request.facts is None:
        out.append(offence_and_facts.finding(ctx, "facts", _NO_FACTS))
    return out


_NO_DATA = "The request does not identify the data to be preserved."
_NO_RELATIONSHIP = "The request does not explain how the data relates to the offence."


@rule(
    "PRES-03",
    kinds=PRESERVATION,
    severity=E,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 29(2)(c)",),
    summary="No data to preserve (neither identifiers nor a description), or no relationship to the offence.",
    fix="Fill `identifiers` and/or `data_description`, and `relationship_to_offence`.",
    messages=(_NO_DATA, _NO_RELATIONSHIP),
)
def data_to_preserve(request: PreservationRequest, ctx: Context) -> Sequence[Finding]:
    has_data = bool(request.identifiers) or request.data_description is not None
    if has_data and request.relationship_to_offence is not None:
        return NONE
    out = []
    if not has_data:
        out.append(data_to_preserve.finding(ctx, "identifiers", _NO_DATA))
    if request.relationship_to_offence is None:
        out.append(data_to_preserve.finding(ctx, "relationship_to_offence", _NO_RELATIONSHIP))
    return out


_NO_CUSTODIAN = (
    "The request gives no information on the custodian of the data or the location of the computer system; "
    "if none is available, say so."
)


@rule(
    "PRES-04",
    kinds=PRESERVATION,
    severity=E,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 29(2)(d)",),
    summary="Neither a custodian, nor a system location, nor an explicit statement that no information is available.",
    fix="Fill `custodian` or `system_location`, or set `no_custodian_information` to true.",
    messages=(_NO_CUSTODIAN,),
)
def custodian(request: PreservationRequest, ctx: Context) -> Sequence[Finding]:
    if request.custodian is None and request.system_location is None and not request.no_custodian_information:
        return [custodian.finding(ctx, "custodian", _NO_CUSTODIAN)]
    return NONE


_NO_NECESSITY = "The request does not explain why preservation is necessary."


necessity = c.required(
    "PRES-05",
    "necessity",
    _NO_NECESSITY,
    kinds=PRESERVATION,
    severity=E,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 29(2)(e)",),
    summary="No statement of why preservation is necessary.",
    fix="Fill `necessity` (for example: the provider deletes logs after 30 days).",
)


_NO_INTENT = "The request does not state that a request for mutual assistance will follow."
_NO_MLA_INTENDED = (
    "Preservation under Article 29 is available only if the requesting Party intends to submit a request for "
    "mutual assistance for the data."
)


@rule(
    "PRES-06",
    kinds=PRESERVATION,
    severity=E,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 29(2)(f)", "ETS 185 Art. 29(1)"),
    summary=(
        "The request does not state the intent to submit a mutual assistance request (`intent_to_submit_mla` "
        "unset), or states there is none (false): Art. 29 is then unavailable."
    ),
    fix="Set `intent_to_submit_mla` to true and list `intended_measures`.",
    messages=(_NO_INTENT, _NO_MLA_INTENDED),
)
def intent(request: PreservationRequest, ctx: Context) -> Sequence[Finding]:
    if request.intent_to_submit_mla is None:
        return [intent.finding(ctx, "intent_to_submit_mla", _NO_INTENT)]
    if request.intent_to_submit_mla is False:
        return [intent.finding(ctx, "intent_to_submit_mla", _NO_MLA_INTENDED)]
    return NONE


_ELSEWHERE = (
    "The data is stored in %(country)s, not in the requested Party (%(party)s); preservation can be requested only "
    "from the Party where the computer system is."
)


@rule(
    "PRES-07",
    kinds=PRESERVATION,
    severity=W,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 29(1)",),
    summary=(
        "The country of the computer system (`system_location_country`, else the custodian's country) is "
        "not the requested Party."
    ),
    fix="Address the request to the Party where the data is stored, or correct the location.",
    messages=(_ELSEWHERE,),
)
def location(request: PreservationRequest, ctx: Context) -> Sequence[Finding]:
    party = c.requested_party(request)
    if party is None:
        return NONE
    if request.system_location_country is not None:
        country, path = request.system_location_country, "system_location_country"
    elif request.custodian is not None and request.custodian.country is not None:
        country, path = request.custodian.country, "custodian.country"
    else:
        return NONE
    if country == party:
        return NONE
    return [location.finding(ctx, path, _ELSEWHERE, {"country": country, "party": party})]


_TOO_SHORT = "The request asks for %(days)s days of preservation; Article 29(7) requires at least %(minimum)s days."
_ORDER_TOO_SHORT = "The order preserves the data for %(days)s days; Article 29(7) requires at least %(minimum)s days."


@rule(
    "PRES-08",
    kinds=(PRESERVATION, ORDER),
    severity=E,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 29(7)",),
    summary=(
        "A preservation period under 60 days (`preservation_days` of a request, `days` of an order). "
        "A request without a period gets the 60-day minimum."
    ),
    fix="Ask for at least 60 days (or leave `preservation_days` empty).",
    messages=(_TOO_SHORT, _ORDER_TOO_SHORT),
)
def minimum_period(document: PreservationRequest | PreservationOrder, ctx: Context) -> Sequence[Finding]:
    minimum = c.days("min_preservation")
    if type(document) is PreservationOrder:
        if document.days < minimum:
            return [minimum_period.finding(ctx, "days", _ORDER_TOO_SHORT, {"days": document.days, "minimum": minimum})]
        return NONE
    asked = document.preservation_days  # type: ignore[union-attr]
    if asked is not None and asked < minimum:
        return [minimum_period.finding(ctx, "preservation_days", _TOO_SHORT, {"days": asked, "minimum": minimum})]
    return NONE


_OVER_DOMESTIC = (
    "The request asks for %(days)s days; a domestic preservation order lasts at most %(maximum)s days, renewable, "
    "so plan to ask for an extension."
)
_ORDER_OVER_DOMESTIC = "The order lasts %(days)s days; Article 16(2) provides for at most %(maximum)s days, renewable."


@rule(
    "PRES-12",
    kinds=(PRESERVATION, ORDER),
    severity=W,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 16(2)",),
    summary=(
        "A request asks for more than the 90 days a domestic preservation order lasts (Art. 16(2)): the "
        "requested Party may grant 90 days and expect an extension request (which must give the earlier "
        "ticket: GEN-05). An order longer than 90 days."
    ),
    fix="Ask for at most 90 days and send an extension (status `extension`) before they run out.",
    messages=(_OVER_DOMESTIC, _ORDER_OVER_DOMESTIC),
    basis="T-CY(2018)11 §3; ETS 185 Art. 16(2)",
)
def domestic_maximum(document: PreservationRequest | PreservationOrder, ctx: Context) -> Sequence[Finding]:
    maximum = c.days("domestic_preservation_max")
    if type(document) is PreservationOrder:
        if document.days > maximum:
            args = {"days": document.days, "maximum": maximum}
            return [domestic_maximum.finding(ctx, "days", _ORDER_OVER_DOMESTIC, args, citation=_ART_16_2)]
        return NONE
    asked = document.preservation_days  # type: ignore[union-attr]
    if asked is not None and asked > maximum:
        args = {"days": asked, "maximum": maximum}
        return [domestic_maximum.finding(ctx, "preservation_days", _OVER_DOMESTIC, args, citation=_ART_16_2)]
    return NONE


_ART30_AVAILABLE = (
    "The request asks to preserve traffic data: it may also ask to be told quickly, under Article 30, of providers "
    "in other States that took part in a communication, and of its path."
)
_ART30_WITHOUT_TRAFFIC = (
    "Disclosure under Article 30 concerns preserved traffic data, but the request does not ask to preserve "
    "traffic data."
)


@rule(
    "PRES-13",
    kinds=PRESERVATION,
    severity=Severity.INFO,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 30(1)",),
    summary=(
        "Traffic data is to be preserved but Art. 30 disclosure is not asked for; or Art. 30 disclosure is "
        "asked for without traffic data among the data categories."
    ),
    fix="Set `art30_disclosure_requested`, or add `traffic-data` to `data_categories`, as intended.",
    messages=(_ART30_AVAILABLE, _ART30_WITHOUT_TRAFFIC),
)
def art30(request: PreservationRequest, ctx: Context) -> Sequence[Finding]:
    traffic = DataCategory.TRAFFIC_DATA in request.data_categories
    if traffic and not request.art30_disclosure_requested:
        return [art30.finding(ctx, "art30_disclosure_requested", _ART30_AVAILABLE)]
    if request.art30_disclosure_requested and not traffic:
        return [art30.finding(ctx, "art30_disclosure_requested", _ART30_WITHOUT_TRAFFIC)]
    return NONE


_USE_POC = (
    "The 24/7 point of contact is the usual channel for preservation requests and is available at all hours; "
    "if it is not the mutual assistance authority, it co-ordinates with that authority."
)


@rule(
    "PRES-15",
    kinds=PRESERVATION,
    severity=Severity.INFO,
    status=Status.VERIFIED,
    citations=("ETS 185 Art. 35(1)(b)", "ETS 185 Art. 35(2)(b)"),
    summary="A preservation request whose channel is not the 24/7 point of contact (or not stated).",
    fix="Consider sending it through the 24/7 network (`transmission.channel` = `24/7-point-of-contact`).",
    messages=(_USE_POC,),
)
def poc_channel(request: PreservationRequest, ctx: Context) -> Sequence[Finding]:
    transmission = request.transmission
    if transmission is None:
        return [poc_channel.finding(ctx, "transmission", _USE_POC)]
    if transmission.channel is TransmissionChannel.POINT_OF_CONTACT_24_7:
        return NONE
    return [poc_channel.finding(ctx, "transmission.channel", _USE_POC)]


RULES = (
    offence_and_facts,
    data_to_preserve,
    custodian,
    necessity,
    intent,
    location,
    minimum_period,
    domestic_maximum,
    art30,
    poc_channel,
)
