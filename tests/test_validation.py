"""Validation: every rule triggers where it should and only there, with its code, severity, citation and path."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any, NamedTuple

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import budapest_coop as bc
from budapest_coop import examples
from budapest_coop.testing import FakeParty, FakeRegistry
from budapest_coop.treaty import Status
from budapest_coop.validation import Finding, RuleSet, Severity, ValidationReport, rule, validate
from budapest_coop.validation.rules import BUILTIN, MODULE_RULES
from tests import strategies

TODAY = dt.date(2026, 11, 28)
REGISTRY = FakeRegistry([FakeParty(code="NO", languages=("nb", "nn", "en")), FakeParty(code="FR")])
PRES, SUB, ORDER = "preservation-request", "subscriber-information-request", "preservation-order"
ev = attrs.evolve
UTC = dt.UTC


def run(document: Any, registry: Any = REGISTRY, **options: Any) -> ValidationReport:
    return validate(document, registry=registry, today=TODAY, **options)


def ident(request: Any, index: int, **changes: Any) -> Any:
    """The request with identifier *index* changed."""
    items = list(request.identifiers)
    items[index] = ev(items[index], **changes)
    return ev(request, identifiers=items)


def sub(request: Any, field: str, **changes: Any) -> Any:
    """The request with the nested object in *field* changed."""
    return ev(request, **{field: ev(getattr(request, field), **changes)})


def when(*, languages: Any = ("nb", "nn", "en"), **party: Any) -> FakeRegistry:
    """A registry in which NO has the given properties."""
    return FakeRegistry([FakeParty(code="NO", languages=languages, **party), FakeParty(code="FR")])


def stale_directory() -> Any:
    """A registry in which NO's 24/7 point of contact was last verified two years before TODAY."""
    from budapest_coop.registry import AuthorityRecord
    from budapest_coop.testing import make_party, make_registry

    record = AuthorityRecord(
        id="no-poc",
        country="NO",
        name=bc.LocalizedText(en="Kripos"),
        roles=(bc.Role.POINT_OF_CONTACT_24_7,),
        source=("test",),
        last_verified=TODAY - dt.timedelta(days=730),
    )
    return make_registry(make_party("NO"), make_party("FR"), authorities=[record])


class Case(NamedTuple):
    code: str
    kind: str
    change: Callable[[Any], Any]
    severity: Severity
    citation: str | None
    path: str
    registry: Any = REGISTRY


def _period(days: int) -> bc.TimePeriod:
    start = dt.datetime(2026, 1, 1, tzinfo=UTC)
    return bc.TimePeriod(start=start, end=start + dt.timedelta(days=days))


E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
TRIGGERS = [
    Case("GEN-18", PRES, lambda r: r, W, "ETS 185 Art. 27(2)(d)", "requested_authority", stale_directory()),
    Case(
        "GEN-01",
        PRES,
        lambda r: sub(r, "requesting_authority", phone=None),
        E,
        "T-CY(2018)11 §5",
        "requesting_authority.phone",
    ),
    Case("GEN-01", SUB, lambda r: ev(r, requesting_authority=None), E, "T-CY(2018)10 §5", "requesting_authority"),
    Case(
        "GEN-01b",
        PRES,
        lambda r: sub(r, "requesting_authority", office_hours=None),
        W,
        "T-CY(2018)11 §5",
        "requesting_authority.office_hours",
    ),
    Case(
        "GEN-02",
        PRES,
        lambda r: sub(r, "confirmation_contact", mobile=None),
        W,
        "T-CY(2018)11 §6",
        "confirmation_contact.mobile",
    ),
    Case("GEN-02", SUB, lambda r: ev(r, confirmation_contact=None), W, "T-CY(2018)10 §6", "confirmation_contact"),
    Case("GEN-03", PRES, lambda r: ev(r, date=dt.date(2026, 12, 1)), E, "T-CY(2018)11 §1", "date"),
    Case("GEN-03", SUB, lambda r: ev(r, date=None), E, "T-CY(2018)10 §1", "date"),
    Case("GEN-04", PRES, lambda r: ev(r, reference=None), E, "T-CY(2018)11 §2", "reference"),
    Case(
        "GEN-05",
        PRES,
        lambda r: ev(r, status=bc.PreservationStatus.EXTENSION),
        E,
        "T-CY(2018)11 §3",
        "previous_request",
    ),
    Case(
        "GEN-05",
        SUB,
        lambda r: sub(r, "previous_preservation", reference=None),
        E,
        "T-CY(2018)10 §10",
        "previous_preservation.reference",
    ),
    Case("GEN-05", SUB, lambda r: ev(r, status=bc.MLAStatus.FOLLOW_UP_MLA), E, "T-CY(2018)10 §9", "previous_mla"),
    Case("GEN-06", PRES, lambda r: ev(r, scope_basis=None), E, "ETS 185 Art. 23", "scope_basis"),
    Case("GEN-07", SUB, lambda r: ev(r, legal_basis=()), W, "ETS 185 Art. 27(1)", "legal_basis"),
    Case(
        "GEN-08",
        PRES,
        lambda r: ev(r, offences=[ev(r.offences[0], maximum_penalty=None)]),
        W,
        "ETS 185 Art. 29(2)(b)",
        "offences[0].maximum_penalty",
    ),
    Case(
        "GEN-08",
        SUB,
        lambda r: ev(r, offences=[ev(r.offences[0], conduct=None)]),
        W,
        "ETS 185 Art. 25(5)",
        "offences[0].conduct",
    ),
    Case("GEN-09", PRES, lambda r: ev(r, urgency_reasons=None), E, "ETS 185 Art. 25(3)", "urgency_reasons"),
    Case(
        "GEN-10",
        PRES,
        lambda r: sub(r, "transmission", security_measures=None),
        E,
        "ETS 185 Art. 25(3)",
        "transmission.security_measures",
    ),
    Case(
        "GEN-10",
        SUB,
        lambda r: sub(r, "transmission", formal_confirmation_to_follow=None),
        E,
        "ETS 185 Art. 25(3)",
        "transmission.formal_confirmation_to_follow",
    ),
    Case("GEN-11", PRES, lambda r: r, W, None, "languages", when(languages=("de",))),
    Case("GEN-12", SUB, lambda r: ev(r, purpose=None), W, "ETS 185 Art. 28(2)(b)", "purpose"),
    Case("GEN-13", PRES, lambda r: r, INFO, "ETS 185 Art. 29(6)", "keep_confidential"),
    Case("GEN-13", SUB, lambda r: r, INFO, "ETS 185 Art. 27(8)", "keep_confidential"),
    Case(
        "GEN-15",
        SUB,
        lambda r: sub(r, "transmission", channel=bc.TransmissionChannel.POINT_OF_CONTACT_24_7),
        W,
        "ETS 185 Art. 27(2)",
        "transmission.channel",
    ),
    Case(
        "GEN-15",
        PRES,
        lambda r: sub(r, "transmission", channel=bc.TransmissionChannel.INTERPOL),
        W,
        "ETS 185 Art. 35(1)(b)",
        "transmission.channel",
    ),
    Case(
        "GEN-16",
        PRES,
        lambda r: sub(r, "transmission", channel=bc.TransmissionChannel.DIRECT_JUDICIAL),
        E,
        "ETS 185 Art. 27(9)(a)",
        "transmission.copy_to_central_authority",
    ),
    Case(
        "GEN-16",
        SUB,
        lambda r: sub(r, "transmission", channel=bc.TransmissionChannel.INTERPOL),
        E,
        "ETS 185 Art. 27(9)(e)",
        "transmission.channel",
        when(declarations={"ETS185:27(9)(e)"}),
    ),
    Case(
        "GEN-17",
        PRES,
        lambda r: sub(r, "transmission", channel=bc.TransmissionChannel.DIRECT_COMPETENT_AUTHORITY),
        E,
        "ETS 185 Art. 27(9)(d)",
        "transmission.coercive_action",
    ),
    Case(
        "GEN-19", PRES, lambda r: r, E, "ETS 185 Art. 29(1)", "requested_party", when(statuses={"ETS185": "signatory"})
    ),
    Case(
        "GEN-19",
        SUB,
        lambda r: ev(r, requested_party=None, requested_authority=None),
        E,
        "ETS 185 Art. 25(1)",
        "requested_party",
    ),
    Case("GEN-19", PRES, lambda r: r, W, "ETS 185 Art. 29(1)", "requested_party", FakeRegistry([FakeParty(code="FR")])),
    Case("GEN-20", PRES, lambda r: ev(r, requested_authority=None), E, "T-CY(2018)11 §4", "requested_authority"),
    Case("ID-01", PRES, lambda r: ident(r, 2, observed_at=None), E, "ETS 185 Art. 1(d)", "identifiers[2].observed_at"),
    Case("ID-01", ORDER, lambda r: ident(r, 0, period=None), E, "ETS 185 Art. 1(d)", "identifiers[0].observed_at"),
    Case("ID-02", PRES, lambda r: ident(r, 2, address="10.20.30.40"), E, None, "identifiers[2].address"),
    Case("ID-02", SUB, lambda r: ident(r, 3, address="100.64.1.2"), E, None, "identifiers[3].address"),
    Case("ID-02", PRES, lambda r: r, W, None, "identifiers[0].address"),
    Case("ID-03", PRES, lambda r: ident(r, 2, port=None), W, None, "identifiers[2].port"),
    Case(
        "ID-04",
        PRES,
        lambda r: ev(r, period=bc.TimePeriod(start=r.period.end, end=r.period.start)),
        E,
        "ETS 185 Art. 29(2)(c)",
        "period.start",
    ),
    Case(
        "ID-04",
        PRES,
        lambda r: ev(r, period=ev(r.period, end=dt.datetime(2026, 3, 10, tzinfo=UTC))),
        E,
        "ETS 185 Art. 29(2)(c)",
        "period.end",
    ),
    Case(
        "ID-04",
        SUB,
        lambda r: ident(r, 3, observed_at=dt.datetime(2026, 12, 24, tzinfo=UTC)),
        E,
        "ETS 185 Art. 31(1)",
        "identifiers[3].observed_at",
    ),
    Case("ID-04", PRES, lambda r: ident(r, 0, period=_period(45)), W, None, "identifiers[0].period"),
    Case(
        "ID-06",
        PRES,
        lambda r: ident(r, 1, service_name=None),
        E,
        "ETS 185 Art. 29(2)(d)",
        "identifiers[1].service_name",
    ),
    Case("ID-06", SUB, lambda r: ev(r, custodian=None), E, "ETS 185 Art. 31(1)", "custodian"),
    Case("ID-07", PRES, lambda r: ev(r, data_categories=()), E, "ETS 185 Art. 29(2)(c)", "data_categories"),
    Case(
        "ID-07",
        SUB,
        lambda r: ev(r, data_categories=("subscriber-information", "content-data")),
        E,
        "ETS 185 Art. 18(3)",
        "data_categories[1]",
    ),
    Case("ID-08", SUB, lambda r: ident(r, 3, dynamic=True), W, None, "identifiers[3].dynamic"),
    Case(
        "PRES-01", PRES, lambda r: ev(r, requesting_authority=None), E, "ETS 185 Art. 29(2)(a)", "requesting_authority"
    ),
    Case("PRES-02", PRES, lambda r: ev(r, offences=()), E, "ETS 185 Art. 29(2)(b)", "offences"),
    Case("PRES-02", PRES, lambda r: ev(r, facts=None), E, "ETS 185 Art. 29(2)(b)", "facts"),
    Case(
        "PRES-03",
        PRES,
        lambda r: ev(r, relationship_to_offence=None),
        E,
        "ETS 185 Art. 29(2)(c)",
        "relationship_to_offence",
    ),
    Case(
        "PRES-03",
        PRES,
        lambda r: ev(r, identifiers=(), data_description=None),
        E,
        "ETS 185 Art. 29(2)(c)",
        "identifiers",
    ),
    Case(
        "PRES-04", PRES, lambda r: ev(r, custodian=None, system_location=None), E, "ETS 185 Art. 29(2)(d)", "custodian"
    ),
    Case("PRES-05", PRES, lambda r: ev(r, necessity=None), E, "ETS 185 Art. 29(2)(e)", "necessity"),
    Case(
        "PRES-06", PRES, lambda r: ev(r, intent_to_submit_mla=None), E, "ETS 185 Art. 29(2)(f)", "intent_to_submit_mla"
    ),
    Case(
        "PRES-06", PRES, lambda r: ev(r, intent_to_submit_mla=False), E, "ETS 185 Art. 29(2)(f)", "intent_to_submit_mla"
    ),
    Case(
        "PRES-07",
        PRES,
        lambda r: ev(r, system_location_country="SE"),
        W,
        "ETS 185 Art. 29(1)",
        "system_location_country",
    ),
    Case("PRES-08", PRES, lambda r: ev(r, preservation_days=59), E, "ETS 185 Art. 29(7)", "preservation_days"),
    Case("PRES-08", ORDER, lambda r: ev(r, days=30), E, "ETS 185 Art. 29(7)", "days"),
    Case(
        "PRES-10",
        PRES,
        lambda r: ev(r, offences=[ev(r.offences[0], convention_articles=())]),
        W,
        "ETS 185 Art. 29(4)",
        "offences[0].convention_articles",
        when(reservations={"ETS185:29(4)"}),
    ),
    Case("PRES-12", PRES, lambda r: ev(r, preservation_days=120), W, "ETS 185 Art. 16(2)", "preservation_days"),
    Case("PRES-12", ORDER, lambda r: ev(r, days=180), W, "ETS 185 Art. 16(2)", "days"),
    Case(
        "PRES-13",
        PRES,
        lambda r: ev(r, art30_disclosure_requested=False),
        INFO,
        "ETS 185 Art. 30(1)",
        "art30_disclosure_requested",
    ),
    Case(
        "PRES-15",
        PRES,
        lambda r: sub(r, "transmission", channel=bc.TransmissionChannel.CENTRAL_AUTHORITY),
        INFO,
        "ETS 185 Art. 35(1)(b)",
        "transmission.channel",
    ),
    Case("MLA-01", SUB, lambda r: ev(r, measures=()), E, "ETS 185 Art. 31(1)", "measures"),
    Case("MLA-02", SUB, lambda r: sub(r, "custodian", country="IE"), W, "ETS 185 Art. 31(1)", "custodian.country"),
    Case(
        "MLA-03",
        SUB,
        lambda r: sub(r, "previous_preservation", channel=None),
        E,
        "T-CY(2018)10 §10",
        "previous_preservation.channel",
    ),
    Case(
        "MLA-04",
        SUB,
        lambda r: ev(r, expedite_justification=None),
        E,
        "ETS 185 Art. 31(3)(a)",
        "expedite_justification",
    ),
    Case("MLA-04", SUB, lambda r: ev(r, expedite_reason=None), E, "ETS 185 Art. 31(3)", "expedite_reason"),
    Case("MLA-05", SUB, lambda r: ev(r, requested_procedures=None), INFO, "ETS 185 Art. 27(3)", "requested_procedures"),
    Case(
        "MLA-07",
        SUB,
        lambda r: ev(r, source_is_service_agreement=None),
        W,
        "ETS 185 Art. 18(3)(b)",
        "source_is_service_agreement",
    ),
    Case(
        "MLA-07",
        SUB,
        lambda r: ev(r, source_is_service_agreement=False),
        W,
        "ETS 185 Art. 18(3)(b)",
        "subscriber_information[1]",
    ),
    Case("MLA-07", SUB, lambda r: ev(r, subscriber_information=()), W, "ETS 185 Art. 18(3)", "subscriber_information"),
    Case("MLA-08", SUB, lambda r: sub(r, "court", case_number=None), W, "T-CY(2018)10 §8", "court.case_number"),
    Case("MLA-09", SUB, lambda r: ev(r, domestic_legal_basis=None), W, "T-CY(2018)10 §11", "domestic_legal_basis"),
]

#: A variant of an example on which the rule runs and finds nothing (default: the example itself).
CLEAN: dict[str, tuple[str, Callable[[Any], Any], Any]] = {
    "ID-02": (
        PRES,
        lambda r: ident(
            ident(r, 0, justification="Address of the suspect's server, as logged."),
            2,
            justification="Logged by the victim.",
        ),
        REGISTRY,
    ),
    "ID-03": (PRES, lambda r: ident(r, 0, port=443), REGISTRY),
    "GEN-13": (SUB, lambda r: ev(r, keep_confidential=False), REGISTRY),
    "GEN-16": (PRES, lambda r: r, when(declarations={"ETS185:27(9)(e)"})),
    "PRES-10": (PRES, lambda r: r, when(reservations={"ETS185:29(4)"})),
    "GEN-11": (PRES, lambda r: r, when(languages=("fr",))),
}


def _kind_of(code: str) -> str:
    applies = RuleSet.builtin().rule(code).kinds
    return PRES if PRES in applies else SUB


@pytest.mark.parametrize("case", TRIGGERS, ids=[f"{c.code}-{c.kind}-{c.path}" for c in TRIGGERS])
def test_rule_triggers_with_code_severity_citation_and_path(case: Case) -> None:
    """The rule reports the problem at the field's path, with its severity and the provision it cites."""
    report = run(case.change(examples.load(case.kind)), case.registry)
    found = [f for f in report.findings if f.code == case.code and f.path == case.path]
    assert len(found) == 1, report.to_text()
    finding = found[0]
    assert finding.severity is case.severity
    assert (str(finding.citation) if finding.citation else None) == case.citation
    assert finding.message_id in RuleSet.builtin().rule(case.code).messages
    assert "%(" not in finding.message
    assert not report.rule_errors


@pytest.mark.parametrize("code", [r.code for r in BUILTIN])
def test_rule_is_silent_on_a_complete_request(code: str) -> None:
    """On a complete request (the example, fixed where the rule would fire), the rule finds nothing."""
    kind, change, registry = CLEAN.get(code, (_kind_of(code), lambda r: r, REGISTRY))
    report = run(change(examples.load(kind)), registry)
    assert code not in report.codes, report.to_text()
    assert not report.rule_errors


def test_every_rule_has_a_trigger_test_and_a_clean_test() -> None:
    """The trigger table covers every built-in rule (the clean test is parametrized over all of them)."""
    assert {c.code for c in TRIGGERS} == {r.code for r in BUILTIN}
    assert set(BUILTIN) == set(MODULE_RULES)
    assert len({r.code for r in BUILTIN}) == len(BUILTIN)


@pytest.mark.parametrize("kind", [PRES, SUB, ORDER])
def test_examples_have_no_error(kind: str) -> None:
    """The three bundled examples validate without error, with and without a registry."""
    report = run(examples.load(kind), REGISTRY)
    assert report.ok, report.to_text()
    assert {f.code for f in report.warnings} <= {"ID-02", "ID-03"}
    shipped = run(examples.load(kind), None)
    assert shipped.ok, shipped.to_text()


def test_each_missing_item_of_article_29_2_cites_that_item() -> None:
    """Removing each element of Art. 29(2)(a)-(f) yields an error citing exactly that item."""
    base = examples.load(PRES)
    removals = {
        "a": {"requesting_authority": None},
        "b": {"facts": None},
        "c": {"relationship_to_offence": None},
        "d": {"custodian": None, "system_location": None},
        "e": {"necessity": None},
        "f": {"intent_to_submit_mla": None},
    }
    for letter, changes in removals.items():
        errors = run(ev(base, **changes)).errors
        assert [str(f.citation) for f in errors] == [f"ETS 185 Art. 29(2)({letter})"], (letter, errors)


def test_five_problems_are_reported_in_one_run() -> None:
    """A request with five different problems gets all five findings from one call."""
    request = ident(examples.load(PRES), 2, address="192.168.1.20")
    request = ev(request, preservation_days=30, necessity=None, reference=None, urgency_reasons=None)
    report = run(request)
    assert {f.code: f.path for f in report.errors} == {
        "GEN-04": "reference",
        "ID-02": "identifiers[2].address",
        "PRES-05": "necessity",
        "PRES-08": "preservation_days",
        "GEN-09": "urgency_reasons",
    }


def test_party_status_message_names_the_status() -> None:
    """A requested State that is only a signatory on the request date is an error naming that status."""
    registry = when(parties_from={"ETS185": dt.date(2026, 6, 1)})
    finding = next(f for f in run(examples.load(PRES), registry).errors if f.code == "GEN-19")
    assert finding.message == (
        "The requested Party NO is not a Party to ETS 185 on 2026-03-04 (status: ratified, not yet in force)."
    )
    later = ev(examples.load(PRES), date=dt.date(2026, 6, 2))
    assert "GEN-19" not in run(later, registry).codes


def test_party_aware_rules_are_skipped_without_registry() -> None:
    """Without a registry, a reservation or declaration cannot be known and nothing is reported about it."""
    request = sub(examples.load(SUB), "transmission", channel=bc.TransmissionChannel.INTERPOL)
    assert "GEN-16" in run(request, when(declarations={"ETS185:27(9)(e)"})).codes
    assert "GEN-16" not in run(request, None).codes


def test_french_messages() -> None:
    """locale="fr" gives the French text, with the legal terms of the French Convention."""
    report = run(ev(examples.load(PRES), necessity=None, preservation_days=30), locale="fr")
    messages = {f.code: f.message for f in report.findings}
    assert messages["PRES-05"] == "La demande n'explique pas pourquoi la conservation est nécessaire."
    assert "l'article 29(7) exige au moins 60 jours" in messages["PRES-08"]
    assert report.locale == "fr"
    english = report.localized("en")
    assert english.findings[0].message == english.findings[0].message_id % dict(english.findings[0].args)


def test_french_terms_are_translated_inside_messages() -> None:
    """Arguments that are terms (a data category) are translated with the message."""
    request = ev(examples.load(SUB), data_categories=("subscriber-information", "traffic-data"))
    finding = next(f for f in run(request, locale="fr").errors if f.code == "ID-07")
    assert "« données relatives au trafic »" in finding.message
    assert "data minimisation" in finding.localized("en").message


def test_report_api_and_json() -> None:
    """errors/warnings/infos partition the findings; to_dict() is JSON-ready and stable."""
    report = run(ev(examples.load(PRES), necessity=None))
    assert len(report.errors) + len(report.warnings) + len(report.infos) == len(report.findings)
    data = report.to_dict()
    assert list(data) == ["kind", "reference", "ok", "locale", "counts", "findings", "plugin_errors", "rule_errors"]
    assert data["ok"] is False
    assert data["counts"]["error"] == 1
    assert data["findings"][0].keys() == {"code", "severity", "citation", "path", "message"}
    assert json.loads(json.dumps(data)) == data
    assert data == run(ev(examples.load(PRES), necessity=None)).to_dict()


def test_text_report_groups_findings_by_template_section() -> None:
    """to_text() puts each finding under its template section with severity, code, path and citation."""
    text = run(ev(examples.load(PRES), reference=None, necessity=None)).to_text(source="r.json")
    assert text.startswith("r.json: preservation-request (no reference): not ready to send (2 error(s)")
    assert "  T-CY(2018)11 §2 Reference / case number\n    error GEN-04 reference\n" in text
    assert "  Necessity of preservation\n    error PRES-05 necessity\n" in text
    assert "[ETS 185 Art. 29(2)(e)]" in text


def test_unverified_basis_caps_severity_at_warning() -> None:
    """A rule whose basis is recalled reports warnings even when it aims at errors; practice keeps its severity."""

    def check(request: Any, context: Any) -> list[Finding]:
        return [recalled.finding(context, "reference", "Recalled rule.")]

    recalled = rule("XX-01", kinds=PRES, severity=Severity.ERROR, status="unverified (recalled)", summary="s", fix="f")(
        check
    )
    practice = rule("XX-02", kinds=PRES, severity=Severity.ERROR, status=Status.PRACTICE, summary="s", fix="f")(check)
    assert recalled.severity is Severity.WARNING
    assert practice.severity is Severity.ERROR
    report = run(examples.load(PRES), rules=RuleSet(rules=(recalled,)))
    assert [(f.code, f.severity) for f in report.findings] == [("XX-01", Severity.WARNING)]
    assert report.ok


def test_a_rule_that_raises_is_reported_not_fatal() -> None:
    """A failing rule does not stop the others; the report names it and is not ok."""

    @rule("XX-03", kinds=PRES, severity=Severity.WARNING, status="practice", summary="s", fix="f")
    def broken(request: Any, context: Any) -> list[Finding]:
        raise RuntimeError("boom")

    @rule("XX-04", kinds=PRES, severity=Severity.WARNING, status="practice", summary="s", fix="f")
    def wrong_type(request: Any, context: Any) -> list[Any]:
        return ["not a finding"]

    report = run(examples.load(PRES), rules=RuleSet.builtin().with_rules(broken, wrong_type))
    assert [(e.code, e.error) for e in report.rule_errors] == [
        ("XX-03", "RuntimeError: boom"),
        ("XX-04", "TypeError: returned str, not a Finding"),
    ]
    assert not report.ok
    assert "GEN-13" in report.codes


def test_explicit_registration_and_replacement() -> None:
    """with_rules() adds a rule without discovery; without() drops one; duplicate codes are refused."""

    @rule("XX-05", kinds=(PRES, SUB), severity=Severity.INFO, status="practice", summary="s", fix="f")
    def national(request: Any, context: Any) -> list[Finding]:
        return [national.finding(context, "reference", "National reference %(ref)s.", {"ref": request.reference})]

    rules = RuleSet.builtin().without("GEN-13").with_rules(national)
    report = run(examples.load(SUB), rules=rules)
    assert "GEN-13" not in report.codes
    assert report.findings[-1].message == "National reference PL-CYBER-2026-00417/MLA-1."
    with pytest.raises(ValueError, match="GEN-13"):
        RuleSet.builtin().with_rules(attrs.evolve(national, code="GEN-13"))
    with pytest.raises(TypeError, match="not a rule"):
        RuleSet.builtin().with_rules(object())


@rule("XX-10", kinds=SUB, severity=Severity.WARNING, status="practice", summary="s", fix="f")
def plugin_rule(request: Any, context: Any) -> list[Finding]:
    return [plugin_rule.finding(context, "reference", "Plugin finding.")]


PLUGIN_RULES = (plugin_rule,)
NOT_A_RULE = 42


def _entry_points(*values: str) -> Callable[..., list[Any]]:
    from importlib.metadata import EntryPoint

    points = [EntryPoint(name=f"plugin{i}", value=v, group="budapest_coop.rules") for i, v in enumerate(values)]
    return lambda group: points if group == "budapest_coop.rules" else []


def test_plugins_load_in_isolation() -> None:
    """A good plugin's rules run; a missing module, a non-rule and a clashing code are recorded, not fatal."""
    rules = RuleSet.discover(
        entry_points=_entry_points(
            "tests.test_validation:PLUGIN_RULES",
            "tests.no_such_module:RULES",
            "tests.test_validation:NOT_A_RULE",
            "budapest_coop.validation.rules:BUILTIN",
        )
    )
    assert "XX-10" in rules.codes
    errors = {e.plugin: e.error for e in rules.plugin_errors}
    assert errors["plugin1"].startswith("ModuleNotFoundError")
    assert errors["plugin2"].startswith("TypeError")
    assert errors["plugin3"].startswith("ValueError: rule code already registered")
    report = run(examples.load(SUB), rules=rules)
    assert "XX-10" in report.codes
    assert len(report.plugin_errors) == 3
    assert "Rule plugin not loaded: plugin1" in report.to_text()


def test_default_registry_is_used_when_available(monkeypatch: pytest.MonkeyPatch) -> None:
    """registry=None uses budapest_coop.registry.Registry.default(), and skips party rules if it is absent."""
    import types

    from budapest_coop.validation import _validate

    fake_module = types.SimpleNamespace(
        Registry=types.SimpleNamespace(default=lambda: when(statuses={"ETS185": "none"}))
    )
    request = examples.load(PRES)
    monkeypatch.setattr(_validate, "_REGISTRY", [])
    monkeypatch.setattr(_validate, "_registry_module", lambda: fake_module)
    assert "GEN-19" in validate(request, today=TODAY).codes

    def missing() -> Any:
        raise ModuleNotFoundError("No module named 'budapest_coop.registry'", name="budapest_coop.registry")

    monkeypatch.setattr(_validate, "_REGISTRY", [])
    monkeypatch.setattr(_validate, "_registry_module", missing)
    assert _validate.default_registry() is None
    assert validate(request, today=TODAY).ok


def test_a_broken_registry_is_reported() -> None:
    """A registry that raises disables party rules and shows up as a rule error."""

    class Broken:
        def party(self, code: str) -> Any:
            raise OSError("directory unreadable")

    report = run(examples.load(PRES), Broken())
    assert [e.code for e in report.rule_errors] == ["registry"]
    assert not report.ok


def test_validate_refuses_other_objects() -> None:
    """Only requests and preservation orders can be validated."""
    with pytest.raises(TypeError, match="cannot validate"):
        validate(bc.Contact(name="x"))  # type: ignore[arg-type]


def test_top_level_exports_are_lazy() -> None:
    """bc.validate, bc.ValidationReport, bc.Finding and bc.Severity come from the validation package."""
    assert bc.validate is validate
    assert bc.ValidationReport is ValidationReport
    assert bc.Finding is Finding
    assert bc.Severity is Severity


_FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_never_fails(document: Any, registry: Any, locale: str) -> None:
    report = validate(document, registry=registry, today=TODAY, locale=locale)
    assert not report.rule_errors, report.rule_errors
    for finding in report.findings:
        assert "%(" not in finding.message
    json.dumps(report.to_dict(), ensure_ascii=False)
    report.to_text()


@_FAST
@given(strategies.documents, st.sampled_from(["en", "fr"]))
def test_validate_never_fails_without_registry(document: Any, locale: str) -> None:
    """Any structurally valid request or order, drafts included, validates without any rule failing."""
    _check_never_fails(document, None, locale)


@_FAST
@given(st.data(), st.sampled_from(["en", "fr"]))
def test_validate_never_fails_with_a_fake_registry(data: st.DataObject, locale: str) -> None:
    """With any registry content (known or unknown States, any status), no rule fails."""
    request = data.draw(strategies.requests)
    codes = (
        request.requested_party,
        request.requesting_party,
        request.requested_authority.country if request.requested_authority else None,
        request.requesting_authority.country if request.requesting_authority else None,
    )
    _check_never_fails(request, data.draw(strategies.fake_registries(codes)), locale)
