"""Checks on whole case files: refusal grounds, expired preservations, duplicates, catalogs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from babel.messages.pofile import read_po

import budapest_coop as bc
from budapest_coop import examples
from budapest_coop.lifecycle import check_case, check_responses, duplicates
from budapest_coop.lifecycle import checks as checks_module
from budapest_coop.model import CaseFile, Event, EventKind, LinkKind, RefusalGround
from budapest_coop.testing import FakeParty, FakeRegistry, make_party, make_registry

OSLO = ZoneInfo("Europe/Oslo")
AT = dt.datetime(2026, 3, 6, 10, 0, tzinfo=OSLO)


def preservation(**changes: object) -> bc.PreservationRequest:
    request = examples.load("preservation-request")
    assert isinstance(request, bc.PreservationRequest)
    return attrs.evolve(request, **changes)


def subscriber(**changes: object) -> bc.SubscriberInformationRequest:
    request = examples.load("subscriber-information-request")
    assert isinstance(request, bc.SubscriberInformationRequest)
    return attrs.evolve(request, **changes)


def refused(
    request: object, ground: RefusalGround | None, kind: EventKind = EventKind.REFUSED, **kw: object
) -> CaseFile:
    case = CaseFile(reference="T").add("R1", request)  # type: ignore[arg-type]
    return case.record(Event(entry="R1", kind=kind, at=AT, ground=ground, **kw))  # type: ignore[arg-type]


def codes(findings: tuple[bc.Finding, ...]) -> list[tuple[str, str, str | None, str]]:
    return [(f.code, f.severity.value, str(f.citation) if f.citation else None, f.path) for f in findings]


NON_CORE = bc.Offence(name=bc.LocalizedText(en="Fraud under national law"), legal_provisions=["Code pénal, art. 313-1"])


class TestPreservationRefusals:
    """Art. 29(5) lists the only grounds for refusing preservation; 29(4) adds one when reserved."""

    @pytest.mark.parametrize("ground", [RefusalGround.POLITICAL_OFFENCE, RefusalGround.ESSENTIAL_INTERESTS])
    def test_allowed_grounds(self, ground: RefusalGround) -> None:
        """A political offence or essential interests are grounds Art. 29(5) allows."""
        assert check_responses(refused(preservation(), ground)) == ()

    @pytest.mark.parametrize(
        "ground",
        [
            RefusalGround.FISCAL_OFFENCE,
            RefusalGround.REQUESTED_PARTY_LAW,
            RefusalGround.OTHER,
            RefusalGround.PREJUDICE_TO_OWN_INVESTIGATION,
        ],
    )
    def test_other_grounds_are_errors_citing_29_5(self, ground: RefusalGround) -> None:
        """Any other ground is an error citing ETS 185 Art. 29(5)."""
        [finding] = check_responses(refused(preservation(), ground))
        assert codes((finding,)) == [("PRES-11", "error", "ETS 185 Art. 29(5)", "events[0].ground")]
        assert ground.value.replace("-", " ") in finding.message

    def test_no_ground(self) -> None:
        """A refusal must give one of the allowed grounds."""
        assert codes(check_responses(refused(preservation(), None))) == [
            ("PRES-11", "error", "ETS 185 Art. 29(5)", "events[0].ground")
        ]

    def test_dual_criminality_needs_the_reservation(self) -> None:
        """Without the Art. 29(4) reservation (complete record), the ground is an error citing 29(4)."""
        case = refused(preservation(offences=[NON_CORE]), RefusalGround.DUAL_CRIMINALITY_RESERVATION)
        registry = make_registry(make_party("NO"), make_party("FR"))
        assert codes(check_responses(case, registry=registry)) == [
            ("PRES-11", "error", "ETS 185 Art. 29(4)", "events[0].ground")
        ]

    def test_dual_criminality_with_the_reservation(self) -> None:
        """With the reservation and an offence outside Arts. 2-11, the ground is allowed."""
        case = refused(preservation(offences=[NON_CORE]), RefusalGround.DUAL_CRIMINALITY_RESERVATION)
        registry = make_registry(make_party("NO", reservations=["ETS185:29(4)"]), make_party("FR"))
        assert check_responses(case, registry=registry) == ()

    def test_dual_criminality_for_a_core_offence(self) -> None:
        """For an Arts. 2-11 offence the reservation never allows refusal."""
        case = refused(preservation(), RefusalGround.DUAL_CRIMINALITY_RESERVATION)
        registry = make_registry(make_party("NO", reservations=["ETS185:29(4)"]), make_party("FR"))
        [finding] = check_responses(case, registry=registry)
        assert codes((finding,)) == [("PRES-11", "error", "ETS 185 Art. 29(4)", "events[0].ground")]
        assert "Arts. 2-11" in finding.message

    def test_dual_criminality_when_the_record_is_incomplete(self) -> None:
        """When the registry cannot say whether the reservation was made, it warns."""
        case = refused(preservation(offences=[NON_CORE]), RefusalGround.DUAL_CRIMINALITY_RESERVATION)
        registry = make_registry(make_party("NO", complete=False), make_party("FR"))
        assert codes(check_responses(case, registry=registry)) == [
            ("PRES-11", "warning", "ETS 185 Art. 29(4)", "events[0].ground")
        ]

    def test_fake_registry_with_the_reservation(self) -> None:
        """A registry offering only the PartyRegistry protocol is enough."""
        case = refused(preservation(offences=[NON_CORE]), RefusalGround.DUAL_CRIMINALITY_RESERVATION)
        registry = FakeRegistry([FakeParty(code="NO", reservations={"ETS185:29(4)"}), FakeParty(code="FR")])
        assert check_responses(case, registry=registry) == ()

    def test_disclosure_refusal_is_checked_against_30_2(self) -> None:
        """Refusing the Art. 30 disclosure on a ground 30(2) does not list is an error citing 30(2)."""
        case = refused(preservation(), RefusalGround.REQUESTED_PARTY_LAW, concerns_disclosure=True)
        assert codes(check_responses(case)) == [("PRES-11", "error", "ETS 185 Art. 30(2)", "events[0].ground")]
        ok = refused(preservation(), RefusalGround.ESSENTIAL_INTERESTS, concerns_disclosure=True)
        assert check_responses(ok) == ()

    def test_postponed_preservation_warns(self) -> None:
        """Art. 29 provides no postponement: a warning citing 29(6)."""
        case = refused(preservation(), RefusalGround.PREJUDICE_TO_OWN_INVESTIGATION, EventKind.POSTPONED)
        assert codes(check_responses(case)) == [("PRES-11", "warning", "ETS 185 Art. 29(6)", "events[0]")]


class TestAssistanceRefusals:
    """Arts. 25(4) and 27(4)-(7) for mutual assistance requests."""

    def test_fiscal_ground_alone_for_a_core_offence(self) -> None:
        """Refusing an Arts. 2-11 offence as fiscal is an error citing Art. 25(4)."""
        [finding] = check_responses(refused(subscriber(), RefusalGround.FISCAL_OFFENCE))
        assert codes((finding,)) == [("GEN-14", "error", "ETS 185 Art. 25(4)", "events[0].ground")]

    def test_fiscal_ground_for_another_offence(self) -> None:
        """For an offence outside Arts. 2-11, Art. 25(4) does not bar the fiscal ground."""
        assert check_responses(refused(subscriber(offences=[NON_CORE]), RefusalGround.FISCAL_OFFENCE)) == ()

    @pytest.mark.parametrize(
        "ground",
        [
            RefusalGround.POLITICAL_OFFENCE,
            RefusalGround.ESSENTIAL_INTERESTS,
            RefusalGround.REQUESTED_PARTY_LAW,
            RefusalGround.DUAL_CRIMINALITY_RESERVATION,
        ],
    )
    def test_grounds_of_the_requested_partys_law(self, ground: RefusalGround) -> None:
        """The requested Party's law and treaties (25(4)) and Art. 27(4) grounds are allowed."""
        assert check_responses(refused(subscriber(), ground)) == ()

    def test_own_investigation_allows_postponement_only(self) -> None:
        """Refusing because of its own investigation: a warning citing Art. 27(5); postponing is fine."""
        assert codes(check_responses(refused(subscriber(), RefusalGround.PREJUDICE_TO_OWN_INVESTIGATION))) == [
            ("MLA-06", "warning", "ETS 185 Art. 27(5)", "events[0].ground")
        ]
        postponed = refused(subscriber(), RefusalGround.PREJUDICE_TO_OWN_INVESTIGATION, EventKind.POSTPONED)
        assert check_responses(postponed) == ()

    @pytest.mark.parametrize("kind", [EventKind.REFUSED, EventKind.POSTPONED])
    def test_reasons_are_required(self, kind: EventKind) -> None:
        """A refusal or postponement without a ground is an error citing Art. 27(7)."""
        [finding] = check_responses(refused(subscriber(), None, kind))
        assert codes((finding,)) == [("MLA-06", "error", "ETS 185 Art. 27(7)", "events[0].ground")]
        assert kind.value in finding.message

    def test_other_ground_needs_a_note(self) -> None:
        """An 'other' ground is described in the event's note."""
        assert codes(check_responses(refused(subscriber(), RefusalGround.OTHER))) == [
            ("MLA-06", "warning", "ETS 185 Art. 27(7)", "events[0].note")
        ]
        assert check_responses(refused(subscriber(), RefusalGround.OTHER, note="Provider no longer exists")) == ()

    def test_french_messages(self) -> None:
        """Case findings are translated, with their terms."""
        case = refused(subscriber(), None, EventKind.POSTPONED)
        report = check_case(
            case,
            registry=FakeRegistry([FakeParty(code="NO"), FakeParty(code="FR")]),
            today=dt.date(2026, 3, 20),
            locale="fr",
        )
        [finding] = [f for f in report.findings if f.code == "MLA-06"]
        assert finding.message.startswith("La demande a été ajournée sans motif indiqué")


class TestDuplicates:
    """Two requests asking one custodian for one identifier at overlapping times."""

    def test_two_units_ask_the_same_thing(self) -> None:
        """Two unrelated preservation requests for the same server and period are reported."""
        first = preservation()
        second = attrs.evolve(first, reference="OTHER-UNIT-2026-7")
        case = CaseFile().add("P1", first).add("P2", second)
        report = check_case(
            case, registry=FakeRegistry([FakeParty(code="NO"), FakeParty(code="FR")]), today=dt.date(2026, 3, 5)
        )
        dups = [f for f in report.findings if f.code == "CASE-01"]
        assert len(dups) == 3
        assert dups[0].severity is bc.Severity.WARNING
        assert dups[0].path == "entries[1].request.identifiers[0]"
        assert "Example Hosting Norge AS" in dups[0].message

    def test_linked_requests_are_not_duplicates(self) -> None:
        """An extension repeats the identifiers of its preservation on purpose."""
        first = preservation()
        case = CaseFile().add("P1", first).add("P2", first.extension(date=dt.date(2026, 5, 1)))
        case = case.link(LinkKind.EXTENSION_OF, "P2", "P1")
        report = check_case(
            case, registry=FakeRegistry([FakeParty(code="NO"), FakeParty(code="FR")]), today=dt.date(2026, 5, 1)
        )
        assert "CASE-01" not in [f.code for f in report.findings]

    def test_disjoint_periods_are_not_duplicates(self) -> None:
        """The same IP address seen at two different instants is two questions."""
        ip = bc.IPAddressIdentifier(
            address="198.51.100.23", port=51234, observed_at=dt.datetime(2026, 3, 2, 2, 14, tzinfo=dt.UTC)
        )
        later = attrs.evolve(ip, observed_at=dt.datetime(2026, 3, 9, 2, 14, tzinfo=dt.UTC))
        a = preservation(identifiers=[ip])
        b = preservation(identifiers=[later], reference="B")
        assert duplicates([("a", a), ("b", b)]) == ()
        assert len(duplicates([("a", a), ("b", preservation(identifiers=[ip], reference="C"))])) == 1

    def test_different_custodians_are_not_duplicates(self) -> None:
        """The same address asked of two providers is two requests."""
        a = preservation()
        b = preservation(custodian=bc.ServiceProvider(name="Another Host AS", country="NO"), reference="B")
        assert duplicates([("a", a), ("b", b)]) == ()

    def test_identifier_normalisation(self) -> None:
        """E-mail addresses compare case-insensitively."""
        a = preservation(identifiers=[bc.EmailIdentifier(address="Someone@Example.org")])
        b = preservation(identifiers=[bc.EmailIdentifier(address="someone@example.org")], reference="B")
        [pair] = duplicates([("a", a), ("b", b)])
        assert (pair.first, pair.second, pair.first_index, pair.second_index) == ("a", "b", 0, 0)


class TestExpiry:
    """A preservation that expires before the follow-up request arrives is a warning."""

    def test_expired_preservation_warns(self) -> None:
        """Past the end, PRES-09 warns that the data may be lost."""
        case = CaseFile().add("P1", preservation())
        case = case.record(Event(entry="P1", kind=EventKind.EXECUTED, at=dt.datetime(2026, 3, 5, 9, 0, tzinfo=OSLO)))
        report = check_case(
            case, registry=FakeRegistry([FakeParty(code="NO"), FakeParty(code="FR")]), today=dt.date(2026, 7, 1)
        )
        [finding] = [f for f in report.findings if f.code == "PRES-09"]
        assert str(finding.citation) == "ETS 185 Art. 29(7)"
        assert "2026-06-03" in finding.message
        assert finding.path == "entries[0]"

    def test_follow_up_due_soon_warns(self) -> None:
        """A week before the send-by date, PRES-09 reminds to send the follow-up."""
        case = CaseFile().add("P1", preservation())
        case = case.record(Event(entry="P1", kind=EventKind.EXECUTED, at=dt.datetime(2026, 3, 5, 9, 0, tzinfo=OSLO)))
        report = check_case(
            case, registry=FakeRegistry([FakeParty(code="NO"), FakeParty(code="FR")]), today=dt.date(2026, 5, 15)
        )
        assert [f.code for f in report.findings] == ["PRES-09"]
        assert "2026-05-20" in report.findings[0].message

    def test_example_case_is_ok(self) -> None:
        """The example case file has no error: its requests validate and its deadlines hold."""
        case = examples.load("case-file")
        assert isinstance(case, CaseFile)
        report = check_case(case, today=dt.date(2026, 3, 21))
        assert report.ok, report.to_dict()
        assert set(dict(report.entries)) == {"P1", "M1"}
        assert report.to_dict()["ok"] is True


def test_french_catalog_is_complete_and_current() -> None:
    """Every case-check message and term has a French translation with the same placeholders; none is stale."""
    path = Path(bc.__file__).parent / "locale" / "fr" / "LC_MESSAGES" / "lifecycle.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="fr", domain="lifecycle")
    wanted = set(checks_module.MESSAGES) | {str(t) for t in checks_module.TERMS}
    present = {m.id for m in catalog if m.id}
    assert present == wanted
    for message in catalog:
        if not message.id:
            continue
        assert message.string, message.id
        assert not message.fuzzy
        assert sorted(re.findall(r"%\(\w+\)s", message.id)) == sorted(re.findall(r"%\(\w+\)s", message.string))
        assert not list(message.check(catalog))


def test_cli_validates_a_case_file(tmp_path: Path) -> None:
    """`budapest-coop validate` checks a case file as a whole: a forbidden refusal ground exits 1."""
    from click.testing import CliRunner

    from budapest_coop.cli import main

    good = tmp_path / "case.json"
    good.write_text(examples.text("case-file"), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(good), "--today", "2026-03-21"])
    assert result.exit_code == 0, result.output
    bad = tmp_path / "refused.json"
    bad.write_text(bc.dumps(refused(preservation(), RefusalGround.FISCAL_OFFENCE)), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad), "--today", "2026-03-21"])
    assert result.exit_code == 1
    assert "PRES-11" in result.output
    assert "ETS 185 Art. 29(5)" in result.output
