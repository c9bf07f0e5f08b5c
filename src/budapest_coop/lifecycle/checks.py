"""Checks that need the whole case: refusal grounds, expired preservations, duplicate requests.

Findings use the same :class:`~budapest_coop.validation.Finding` type as request validation;
their messages are translated from the gettext domain ``lifecycle``. Paths point into the
case file (``events[3].ground``, ``entries[1].request.identifiers[0]``).

Refusal grounds follow ETS 185:

- preservation (Art. 29(5)): only a political offence or prejudice to sovereignty, security,
  *ordre public* or other essential interests; and, when the requested Party made the
  Art. 29(4) reservation, the expected lack of dual criminality for offences other than those
  of Arts. 2-11;
- the Art. 30 disclosure (Art. 30(2)): only the same two grounds;
- mutual assistance (Arts. 25(4), 27(4)): the requested Party's law and treaties, plus the two
  grounds of Art. 27(4) where Art. 27 applies; never the fiscal nature of an Arts. 2-11
  offence alone (Art. 25(4)); an investigation of its own only justifies postponement
  (Art. 27(5)); reasons are given for refusing or postponing (Art. 27(7)).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from budapest_coop.errors import UnknownPartyError
from budapest_coop.lifecycle.deadlines import DeadlineKind, DeadlinePolicy, DeadlineStatus, deadlines
from budapest_coop.model import (
    Citation,
    Identifier,
    IPAddressIdentifier,
    PreservationOrder,
    PreservationRequest,
    ServiceProvider,
    SubscriberInformationRequest,
    TimePeriod,
)
from budapest_coop.model.case import CaseFile, Event, EventKind, RefusalGround
from budapest_coop.typing import PartyRegistry
from budapest_coop.validation import Finding, Severity, ValidationReport, validate
from budapest_coop.validation._finding import Term

__all__ = ["DOMAIN", "MESSAGES", "TERMS", "CaseReport", "Duplicate", "check_case", "check_responses", "duplicates"]

#: The gettext domain of the messages of case checks.
DOMAIN = "lifecycle"

E, W = Severity.ERROR, Severity.WARNING
_ART = Citation.parse

_PRES_GROUND = (
    "The preservation was refused on the ground '%(ground)s'; Art. 29(5) allows refusal only for a political "
    "offence or to protect sovereignty, security, ordre public or other essential interests."
)
_PRES_NO_GROUND = (
    "The preservation was refused without a ground; only the grounds of Art. 29(5) (or 29(4)) are allowed."
)
_RESERVATION_NOT_MADE = (
    "The preservation was refused for lack of dual criminality, but the requested Party %(party)s made no "
    "Art. 29(4) reservation."
)
_RESERVATION_UNKNOWN = (
    "The preservation was refused for lack of dual criminality; the registry does not record whether the requested "
    "Party %(party)s made the Art. 29(4) reservation."
)
_RESERVATION_CORE_OFFENCE = (
    "The preservation was refused for lack of dual criminality, but the offence falls under Arts. 2-11, for which "
    "the Art. 29(4) reservation does not allow refusal."
)
_ART30_GROUND = (
    "The disclosure of traffic data was refused on the ground '%(ground)s'; Art. 30(2) allows refusal only for a "
    "political offence or to protect sovereignty, security, ordre public or other essential interests."
)
_PRES_POSTPONED = (
    "The preservation was postponed; Art. 29 provides no postponement, and a delay may lose the data "
    "(Art. 29(6) asks the requested Party to say so promptly)."
)
_FISCAL = (
    "The request was refused solely because the offence is considered fiscal; Art. 25(4) excludes that ground for "
    "offences under Arts. 2-11."
)
_OWN_INVESTIGATION = (
    "The request was refused because it would prejudice the requested Party's own investigation; Art. 27(5) allows "
    "only postponement on that ground (and Art. 27(6) partial or conditional execution)."
)
_NO_REASON = "The request was %(what)s without a stated ground; reasons are to be given (Art. 27(7))."
_OTHER_NO_NOTE = "The request was %(what)s on an 'other' ground that is not described; record the reason given."
_EXPIRED = (
    "The preservation of %(entry)s ended on %(date)s before the follow-up request was received; the data may be lost."
)
_DUE_SOON = "The follow-up request for %(entry)s should be sent by %(date)s, before the preservation ends."
_DUPLICATE = (
    "%(first)s and %(second)s both ask %(custodian)s for %(identifier)s with overlapping periods; "
    "check that two units are not duplicating a request."
)
_REFUSED = Term("refused")
_POSTPONED = Term("postponed")

#: Every message id of these checks (for the catalogs).
MESSAGES: tuple[str, ...] = (
    _PRES_GROUND,
    _PRES_NO_GROUND,
    _RESERVATION_NOT_MADE,
    _RESERVATION_UNKNOWN,
    _RESERVATION_CORE_OFFENCE,
    _ART30_GROUND,
    _PRES_POSTPONED,
    _FISCAL,
    _OWN_INVESTIGATION,
    _NO_REASON,
    _OTHER_NO_NOTE,
    _EXPIRED,
    _DUE_SOON,
    _DUPLICATE,
)
#: Every term filled into those messages that is translated too.
TERMS: tuple[Term, ...] = (
    _REFUSED,
    _POSTPONED,
    Term("none"),
    *(Term(ground.value.replace("-", " ")) for ground in RefusalGround),
)


def _finding(code: str, severity: Severity, citation: str | None, path: str, message: str, **args: Any) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        citation=None if citation is None else _ART(citation),
        path=path,
        message=message,
        args=args,
        domain=DOMAIN,
    )


def _ground_term(ground: RefusalGround) -> Term:
    return Term(ground.value.replace("-", " "))


def _core_offence(request: PreservationRequest | SubscriberInformationRequest) -> bool:
    return any(offence.convention_articles for offence in request.offences)


def _reservation(registry: PartyRegistry | None, party: str | None) -> str:
    """'made', 'not-made' or 'unknown' for the Art. 29(4) reservation of *party*."""
    if registry is None or party is None:
        return "unknown"
    try:
        info = registry.party(party)
    except UnknownPartyError:
        return "unknown"
    status = getattr(info, "reservation_status", None)
    if callable(status):
        answer = str(status("ETS185:29(4)"))
        return answer if answer in ("made", "not-made") else "unknown"
    return "made" if info.has_reservation("ETS185:29(4)") else "unknown"


def _preservation_response(
    event: Event, path: str, request: PreservationRequest, registry: PartyRegistry | None
) -> Iterator[Finding]:
    ground = event.ground
    if event.kind is EventKind.POSTPONED:
        yield _finding("PRES-11", W, "ETS 185 Art. 29(6)", path, _PRES_POSTPONED)
        return
    if event.concerns_disclosure:
        if ground not in (RefusalGround.POLITICAL_OFFENCE, RefusalGround.ESSENTIAL_INTERESTS):
            shown = _ground_term(ground) if ground else Term("none")
            yield _finding("PRES-11", E, "ETS 185 Art. 30(2)", f"{path}.ground", _ART30_GROUND, ground=shown)
        return
    if ground is None:
        yield _finding("PRES-11", E, "ETS 185 Art. 29(5)", f"{path}.ground", _PRES_NO_GROUND)
    elif ground is RefusalGround.DUAL_CRIMINALITY_RESERVATION:
        party = request.requested_party
        if _core_offence(request):
            yield _finding("PRES-11", E, "ETS 185 Art. 29(4)", f"{path}.ground", _RESERVATION_CORE_OFFENCE)
        else:
            made = _reservation(registry, party)
            if made == "not-made":
                yield _finding("PRES-11", E, "ETS 185 Art. 29(4)", f"{path}.ground", _RESERVATION_NOT_MADE, party=party)
            elif made == "unknown":
                yield _finding("PRES-11", W, "ETS 185 Art. 29(4)", f"{path}.ground", _RESERVATION_UNKNOWN, party=party)
    elif ground not in (RefusalGround.POLITICAL_OFFENCE, RefusalGround.ESSENTIAL_INTERESTS):
        yield _finding("PRES-11", E, "ETS 185 Art. 29(5)", f"{path}.ground", _PRES_GROUND, ground=_ground_term(ground))


def _assistance_response(event: Event, path: str, request: SubscriberInformationRequest) -> Iterator[Finding]:
    ground = event.ground
    what = _REFUSED if event.kind is EventKind.REFUSED else _POSTPONED
    if ground is None:
        yield _finding("MLA-06", E, "ETS 185 Art. 27(7)", f"{path}.ground", _NO_REASON, what=what)
    elif ground is RefusalGround.FISCAL_OFFENCE and event.kind is EventKind.REFUSED and _core_offence(request):
        yield _finding("GEN-14", E, "ETS 185 Art. 25(4)", f"{path}.ground", _FISCAL)
    elif ground is RefusalGround.PREJUDICE_TO_OWN_INVESTIGATION and event.kind is EventKind.REFUSED:
        yield _finding("MLA-06", W, "ETS 185 Art. 27(5)", f"{path}.ground", _OWN_INVESTIGATION)
    elif ground is RefusalGround.OTHER and event.note is None:
        yield _finding("MLA-06", W, "ETS 185 Art. 27(7)", f"{path}.note", _OTHER_NO_NOTE, what=what)


def check_responses(case: CaseFile, *, registry: PartyRegistry | None = None) -> tuple[Finding, ...]:
    """Findings about the refusals and postponements recorded in *case* (PRES-11, GEN-14, MLA-06).

    A ground the article does not allow is an error citing the article; with *registry* the
    Art. 29(4) reservation of the requested Party is checked too (a warning when unknown).
    """
    found: list[Finding] = []
    for index, event in enumerate(case.events):
        if event.kind not in (EventKind.REFUSED, EventKind.POSTPONED):
            continue
        request = case.entry(event.entry).request
        path = f"events[{index}]"
        if isinstance(request, PreservationRequest):
            found += _preservation_response(event, path, request, registry)
        elif isinstance(request, SubscriberInformationRequest):
            found += _assistance_response(event, path, request)
    return tuple(found)


# --- duplicates ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Duplicate:
    """Two requests that ask the same custodian for the same identifier with overlapping periods.

    ``first`` and ``second`` are labels of the two requests (case entry ids, or batch row
    labels); ``first_index`` and ``second_index`` the positions of the identifier in each.
    """

    first: str
    second: str
    first_index: int
    second_index: int
    custodian: str
    identifier: str


def _custodian_key(provider: ServiceProvider | None) -> tuple[str, str | None] | None:
    if provider is None:
        return None
    return (" ".join(provider.name.casefold().split()), provider.country)


def identifier_key(identifier: Identifier) -> tuple[str, str]:
    """What makes two identifiers the same: the kind and the normalised value."""
    value = identifier.value
    if isinstance(identifier, IPAddressIdentifier):
        return (identifier.KIND, f"{value}:{identifier.port}" if identifier.port is not None else value)
    if identifier.KIND in ("email", "domain", "account"):
        service = (getattr(identifier, "service_name", None) or "").casefold()
        return (identifier.KIND, f"{value.casefold()}|{service}" if identifier.KIND == "account" else value.casefold())
    return (identifier.KIND, value)


_ALWAYS = (dt.datetime.min.replace(tzinfo=dt.UTC), dt.datetime.max.replace(tzinfo=dt.UTC))


def _window(identifier: Identifier, request_period: TimePeriod | None) -> tuple[dt.datetime, dt.datetime]:
    """The instants an identifier concerns; unknown means every instant (so it may overlap)."""
    if isinstance(identifier, IPAddressIdentifier) and identifier.observed_at is not None:
        return (identifier.observed_at, identifier.observed_at)
    period = identifier.period or request_period
    if period is None:
        return _ALWAYS
    return (min(period.start, period.end), max(period.start, period.end))


def duplicates(
    requests: Sequence[tuple[str, PreservationRequest | SubscriberInformationRequest | PreservationOrder]],
    *,
    related: frozenset[frozenset[str]] = frozenset(),
) -> tuple[Duplicate, ...]:
    """Pairs of *requests* (label, request) that ask one custodian for one identifier at overlapping times.

    Pairs listed in *related* (e.g. a preservation and its extension or follow-up, which
    rightly repeat the identifiers) are not duplicates. Requests without a custodian are
    compared by requested Party instead, since the custodian may be named later.
    """
    seen: dict[tuple[object, ...], list[tuple[str, int, tuple[dt.datetime, dt.datetime]]]] = {}
    found: list[Duplicate] = []
    for label, request in requests:
        custodian: ServiceProvider | None
        if isinstance(request, PreservationOrder):
            custodian, party, period = request.custodian, None, request.period
        else:
            custodian, party, period = request.custodian, request.requested_party, request.period
        where = _custodian_key(custodian) or ("?", party)
        for index, identifier in enumerate(request.identifiers):
            key = (where, identifier_key(identifier))
            window = _window(identifier, period)
            for other_label, other_index, other_window in seen.get(key, ()):
                if other_label == label or frozenset((label, other_label)) in related:
                    continue
                if window[0] <= other_window[1] and other_window[0] <= window[1]:
                    found.append(
                        Duplicate(
                            first=other_label,
                            second=label,
                            first_index=other_index,
                            second_index=index,
                            custodian=custodian.name if custodian else f"the provider in {party}",
                            identifier=identifier.value,
                        )
                    )
            seen.setdefault(key, []).append((label, index, window))
    return tuple(found)


def _related(case: CaseFile) -> frozenset[frozenset[str]]:
    """Pairs of entries linked directly or through other links (one family of requests)."""
    family: dict[str, set[str]] = {entry.id: {entry.id} for entry in case.entries}
    for link in case.links:
        merged = family[link.source] | family[link.target]
        for member in merged:
            family[member] = merged
    return frozenset(frozenset((a, b)) for members in family.values() for a in members for b in members if a != b)


# --- the whole case -----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class CaseReport:
    """Validation of every request of a case, plus the findings about the case as a whole."""

    reference: str | None
    entries: tuple[tuple[str, ValidationReport], ...]
    findings: tuple[Finding, ...]
    locale: str = "en"

    @property
    def ok(self) -> bool:
        """True when no entry report and no case finding has an error."""
        return all(report.ok for _, report in self.entries) and all(f.severity is not E for f in self.findings)

    def to_text(self, *, source: str | None = None, width: int = 100) -> str:
        """The report as text for people: the case findings, then each request's report."""
        head = f"{source}: " if source else ""
        errors = sum(f.severity is E for f in self.findings)
        lines = [f"{head}case {self.reference or ''}: {'no error' if self.ok else 'errors'}".replace("  ", " ")]
        lines.append(f"  Case ({errors} error(s), {len(self.findings) - errors} other finding(s))")
        for finding in self.findings:
            where = f" [{finding.citation}]" if finding.citation else ""
            lines.append(f"    {finding.severity.value} {finding.code} {finding.path}{where}")
            lines.append(f"      {finding.message}")
        for entry, report in self.entries:
            lines.append(report.to_text(source=f"{source or 'case'}#{entry}", width=width).rstrip("\n"))
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: the case findings and each entry's report."""
        return {
            "reference": self.reference,
            "ok": self.ok,
            "locale": self.locale,
            "findings": [f.localized(self.locale).to_dict() for f in self.findings],
            "entries": {entry: report.to_dict() for entry, report in self.entries},
        }


def check_case(
    case: CaseFile,
    *,
    registry: PartyRegistry | None = None,
    today: dt.date | None = None,
    locale: str = "en",
    policy: DeadlinePolicy | None = None,
) -> CaseReport:
    """Validate every request of *case* and check the case as a whole.

    Case findings: refusal and postponement grounds (:func:`check_responses`), preservations
    that expired before the follow-up request was received and follow-ups due soon (PRES-09),
    and duplicate requests to one custodian (CASE-01). Entries are validated as of their own
    date; *registry* defaults to the shipped one as in :func:`budapest_coop.validate`.
    """
    day = today or dt.date.today()
    reports = tuple(
        (entry.id, validate(entry.request, registry=registry, today=day, locale=locale)) for entry in case.entries
    )
    if registry is None:
        from budapest_coop.validation import default_registry

        registry = default_registry()
    findings = list(check_responses(case, registry=registry))
    position = {entry.id: i for i, entry in enumerate(case.entries)}
    for deadline in deadlines(case, today=day, policy=policy):
        path = f"entries[{position[deadline.request]}]"
        if deadline.kind is DeadlineKind.PRESERVATION_END and deadline.status is DeadlineStatus.MISSED:
            date = deadline.due.date().isoformat() if deadline.due else "?"
            findings.append(
                _finding("PRES-09", W, "ETS 185 Art. 29(7)", path, _EXPIRED, entry=deadline.request, date=date)
            )
        if deadline.kind is DeadlineKind.MLA_SEND_BY and deadline.status is DeadlineStatus.DUE_SOON:
            date = deadline.due.date().isoformat() if deadline.due else "?"
            findings.append(
                _finding("PRES-09", W, "ETS 185 Art. 29(7)", path, _DUE_SOON, entry=deadline.request, date=date)
            )
    pairs = duplicates([(e.id, e.request) for e in case.entries], related=_related(case))
    for pair in pairs:
        path = f"entries[{position[pair.second]}].request.identifiers[{pair.second_index}]"
        findings.append(
            _finding(
                "CASE-01",
                W,
                None,
                path,
                _DUPLICATE,
                first=pair.first,
                second=pair.second,
                custodian=pair.custodian,
                identifier=pair.identifier,
            )
        )
    return CaseReport(
        reference=case.reference,
        entries=reports,
        findings=tuple(f.localized(locale) for f in findings),
        locale=locale,
    )
