"""The life of a case: follow-ups, deadlines, calendar export."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

import budapest_coop as bc
from budapest_coop import examples
from budapest_coop.lifecycle import (
    CustomPeriod,
    Deadline,
    DeadlineKind,
    DeadlinePolicy,
    DeadlineStatus,
    deadlines,
    to_data,
    to_ical,
)
from budapest_coop.lifecycle.deadlines import add_days, zone_of
from budapest_coop.model import CaseFile, Direction, Event, EventKind, LinkKind

OSLO = ZoneInfo("Europe/Oslo")
PARIS = ZoneInfo("Europe/Paris")
TOKYO = ZoneInfo("Asia/Tokyo")


def preservation(**changes: object) -> bc.PreservationRequest:
    request = examples.load("preservation-request")
    assert isinstance(request, bc.PreservationRequest)
    kripos = bc.Authority(name="Kripos, 24/7 point of contact", country="NO", time_zone="Europe/Oslo")
    return bc.PreservationRequest(**{**_fields(request), "requested_authority": kripos, **changes})


def _fields(request: bc.PreservationRequest) -> dict[str, object]:
    import attrs

    return {f.name: getattr(request, f.name) for f in attrs.fields(type(request))}


def by_kind(case: CaseFile, today: dt.date | dt.datetime, **kw: object) -> dict[DeadlineKind, Deadline]:
    return {d.kind: d for d in deadlines(case, today=today, **kw)}  # type: ignore[arg-type]


class TestFollowUps:
    """Extensions and follow-up requests are pre-filled from the request they follow."""

    def test_extension_points_back_to_the_previous_ticket(self) -> None:
        """An extension has status 'extension' and the previous request's ticket, date and channel."""
        first = preservation()
        ext = first.extension(date=dt.date(2026, 5, 15), preservation_days=90)
        assert ext.status is bc.PreservationStatus.EXTENSION
        assert ext.previous_request is not None
        assert ext.previous_request.reference == "PL-CYBER-2026-00417"
        assert ext.previous_request.date == dt.date(2026, 3, 4)
        assert ext.previous_request.executing_authority == "Kripos, 24/7 point of contact"
        assert ext.previous_request.channel == "24/7-point-of-contact, email"
        assert ext.date == dt.date(2026, 5, 15)
        assert ext.signatory is not None
        assert ext.signatory.date == dt.date(2026, 5, 15)
        assert ext.identifiers == first.identifiers
        assert first.status is bc.PreservationStatus.NEW

    def test_follow_up_mla_is_prefilled_from_the_preservation(self) -> None:
        """The follow-up Art. 31 request carries section 3, 10 and the requesting side's data."""
        first = preservation()
        central = bc.Authority(name="Riksadvokaten, central authority", country="NO")
        mla = first.follow_up_mla(
            date=dt.date(2026, 3, 18), reference="PL-CYBER-2026-00417/MLA-1", requested_authority=central
        )
        assert isinstance(mla, bc.SubscriberInformationRequest)
        assert mla.status is bc.MLAStatus.FOLLOW_UP_PRESERVATION
        assert mla.previous_preservation == first.as_previous()
        assert mla.previous_preservation is not None
        assert mla.previous_preservation.requesting_authority is not None
        assert "cyber.parquet-lyon@justice.example" in mla.previous_preservation.requesting_authority
        assert mla.requesting_authority == first.requesting_authority
        assert mla.confirmation_contact == first.confirmation_contact
        assert mla.offences == first.offences
        assert mla.facts == first.facts
        assert mla.identifiers == first.identifiers
        assert mla.custodian == first.custodian
        assert mla.data_categories == (bc.DataCategory.SUBSCRIBER_INFORMATION,)
        assert mla.measures == (bc.Measure.DISCLOSE,)
        assert mla.transmission is not None
        assert mla.transmission.channel is bc.TransmissionChannel.CENTRAL_AUTHORITY
        assert mla.requested_authority == central

    def test_follow_up_to_a_previous_mla_request(self) -> None:
        """A follow-up MLA request fills section 9 from the earlier request."""
        mla = examples.load("subscriber-information-request")
        assert isinstance(mla, bc.SubscriberInformationRequest)
        again = mla.follow_up(date=dt.date(2026, 4, 30))
        assert again.status is bc.MLAStatus.FOLLOW_UP_MLA
        assert again.previous_mla == mla.as_previous()
        assert again.previous_preservation == mla.previous_preservation


class TestDayArithmetic:
    """Periods are calendar days on the requested Party's wall clock."""

    @pytest.mark.parametrize(
        ("start", "days", "end"),
        [
            (dt.datetime(2026, 1, 31, 12, tzinfo=dt.UTC), 29, dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)),
            (dt.datetime(2028, 1, 31, 12, tzinfo=dt.UTC), 29, dt.datetime(2028, 2, 29, 12, tzinfo=dt.UTC)),
            (dt.datetime(2027, 12, 31, 23, 59, tzinfo=dt.UTC), 60, dt.datetime(2028, 2, 29, 23, 59, tzinfo=dt.UTC)),
            (dt.datetime(2028, 2, 29, 8, tzinfo=dt.UTC), 365, dt.datetime(2029, 2, 28, 8, tzinfo=dt.UTC)),
            (dt.datetime(2026, 3, 1, 9, tzinfo=OSLO), 60, dt.datetime(2026, 4, 30, 9, tzinfo=OSLO)),
            (dt.datetime(2026, 9, 20, 9, tzinfo=OSLO), 60, dt.datetime(2026, 11, 19, 9, tzinfo=OSLO)),
        ],
    )
    def test_add_days_across_month_ends_leap_days_and_clock_changes(
        self, start: dt.datetime, days: int, end: dt.datetime
    ) -> None:
        """Adding days keeps the local time of day across month ends, 29 February and DST."""
        assert add_days(start, days) == end
        assert add_days(start, days).utcoffset() == end.utcoffset()

    def test_period_counted_in_the_requested_partys_zone(self) -> None:
        """Executed at 23:30 UTC = 08:30 next day in Tokyo: the due day is counted from the Tokyo date."""
        start = dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC)
        due = add_days(start, 60, TOKYO)
        assert due.tzinfo is TOKYO
        assert due == dt.datetime(2026, 5, 31, 8, 30, tzinfo=TOKYO)
        assert due.astimezone(dt.UTC) == dt.datetime(2026, 5, 30, 23, 30, tzinfo=dt.UTC)

    def test_zone_names_and_offsets(self) -> None:
        """IANA names and UTC offsets both name a zone; junk names none."""
        assert zone_of("Europe/Oslo") is OSLO
        assert zone_of("UTC+05:30") == dt.timezone(dt.timedelta(hours=5, minutes=30))
        assert zone_of("UTC-03:00") == dt.timezone(dt.timedelta(hours=-3))
        assert zone_of(None) is None


def scenario() -> tuple[CaseFile, bc.PreservationRequest]:
    first = preservation(preservation_days=90)
    case = CaseFile(reference="PL-CYBER-2026-00417", title="Ransomware, Centre hospitalier de Lyon-Exemple")
    case = case.add("P1", first, direction=Direction.OUTGOING)
    case = case.record(
        Event(
            entry="P1",
            kind=EventKind.SENT,
            at=dt.datetime(2026, 3, 4, 10, 0, tzinfo=PARIS),
            channel="24/7-point-of-contact",
        )
    )
    case = case.record(
        Event(entry="P1", kind=EventKind.EXECUTED, at=dt.datetime(2026, 3, 5, 9, 10, tzinfo=OSLO), order_days=90)
    )
    return case, first


class TestScenarioPreservationExtensionFollowUp:
    """One case walked from preservation to the executed follow-up request, checking each deadline."""

    def test_after_execution(self) -> None:
        """Executed 5 March for 90 days: preservation ends 3 June 09:10 Oslo time; the follow-up must go by 20 May."""
        case, _ = scenario()
        found = by_kind(case, dt.date(2026, 3, 10))
        end = found[DeadlineKind.PRESERVATION_END]
        assert end.due == dt.datetime(2026, 6, 3, 9, 10, tzinfo=OSLO)
        assert end.due_utc == dt.datetime(2026, 6, 3, 7, 10, tzinfo=dt.UTC)
        assert end.status is DeadlineStatus.PENDING
        assert str(end.citation) == "ETS 185 Art. 29(7)"
        send = found[DeadlineKind.MLA_SEND_BY]
        assert send.due == dt.datetime(2026, 5, 20, 9, 10, tzinfo=OSLO)
        assert send.basis == "practice"
        renewal = found[DeadlineKind.DOMESTIC_ORDER_RENEWAL]
        assert renewal.due == dt.datetime(2026, 6, 3, 9, 10, tzinfo=OSLO)
        assert str(renewal.citation) == "ETS 185 Art. 16(2)"

    def test_due_soon(self) -> None:
        """A week before the send-by date the deadline is due soon."""
        case, _ = scenario()
        assert by_kind(case, dt.date(2026, 5, 15))[DeadlineKind.MLA_SEND_BY].status is DeadlineStatus.DUE_SOON

    def test_extension_moves_the_end(self) -> None:
        """An extension executed 18 May for 90 days moves the end to 16 August."""
        case, first = scenario()
        ext = first.extension(date=dt.date(2026, 5, 15), preservation_days=90)
        case = case.add("P1-EXT", ext).link(LinkKind.EXTENSION_OF, "P1-EXT", "P1")
        case = case.record(
            Event(
                entry="P1-EXT", kind=EventKind.EXECUTED, at=dt.datetime(2026, 5, 18, 11, 0, tzinfo=OSLO), order_days=90
            )
        )
        found = by_kind(case, dt.date(2026, 5, 20))
        assert found[DeadlineKind.PRESERVATION_END].due == dt.datetime(2026, 8, 16, 11, 0, tzinfo=OSLO)
        assert found[DeadlineKind.MLA_SEND_BY].due == dt.datetime(2026, 8, 2, 11, 0, tzinfo=OSLO)
        assert found[DeadlineKind.MLA_SEND_BY].status is DeadlineStatus.PENDING
        assert all(d.request == "P1" for d in found.values())

    def test_full_walk(self) -> None:
        """Follow-up received: preservation runs until the decision; executed: everything is met."""
        case, first = scenario()
        ext = first.extension(date=dt.date(2026, 5, 15), preservation_days=90)
        case = case.add("P1-EXT", ext).link(LinkKind.EXTENSION_OF, "P1-EXT", "P1")
        case = case.record(
            Event(
                entry="P1-EXT", kind=EventKind.EXECUTED, at=dt.datetime(2026, 5, 18, 11, 0, tzinfo=OSLO), order_days=90
            )
        )
        mla = first.follow_up_mla(date=dt.date(2026, 6, 10), reference="PL-CYBER-2026-00417/MLA-1")
        case = case.add("M1", mla).link(LinkKind.FOLLOW_UP_OF, "M1", "P1")

        case = case.record(Event(entry="M1", kind=EventKind.SENT, at=dt.datetime(2026, 6, 10, 15, 0, tzinfo=PARIS)))
        found = by_kind(case, dt.date(2026, 6, 11))
        assert found[DeadlineKind.MLA_SEND_BY].status is DeadlineStatus.MET
        assert found[DeadlineKind.PRESERVATION_END].status is DeadlineStatus.PENDING

        case = case.record(
            Event(entry="M1", kind=EventKind.ACKNOWLEDGED, at=dt.datetime(2026, 6, 15, 10, 0, tzinfo=OSLO))
        )
        found = by_kind(case, dt.date(2026, 9, 1))
        end = found[DeadlineKind.PRESERVATION_END]
        assert end.status is DeadlineStatus.SUSPENDED
        assert end.due is None
        assert "until the decision" in end.description
        renewal = found[DeadlineKind.DOMESTIC_ORDER_RENEWAL]
        assert renewal.due == dt.datetime(2026, 8, 16, 11, 0, tzinfo=OSLO)
        assert renewal.status is DeadlineStatus.MISSED

        case = case.record(Event(entry="M1", kind=EventKind.EXECUTED, at=dt.datetime(2026, 7, 1, 12, 0, tzinfo=OSLO)))
        found = by_kind(case, dt.date(2026, 9, 1))
        assert found[DeadlineKind.PRESERVATION_END].status is DeadlineStatus.MET
        assert found[DeadlineKind.DOMESTIC_ORDER_RENEWAL].status is DeadlineStatus.MET
        assert found[DeadlineKind.MLA_SEND_BY].status is DeadlineStatus.MET


class TestScenarioPreservationExpires:
    """No follow-up arrives in time: the preservation expires and the deadlines say so."""

    def test_expiry_is_reported(self) -> None:
        """Past the end without a received follow-up request, both deadlines are missed."""
        case, _ = scenario()
        found = by_kind(case, dt.date(2026, 6, 10))
        assert found[DeadlineKind.PRESERVATION_END].status is DeadlineStatus.MISSED
        assert "may be lost" in found[DeadlineKind.PRESERVATION_END].description
        assert found[DeadlineKind.MLA_SEND_BY].status is DeadlineStatus.MISSED

    def test_follow_up_received_too_late(self) -> None:
        """A follow-up received after the end does not revive the preservation."""
        case, first = scenario()
        case = case.add("M1", first.follow_up_mla(date=dt.date(2026, 6, 5))).link(LinkKind.FOLLOW_UP_OF, "M1", "P1")
        case = case.record(Event(entry="M1", kind=EventKind.RECEIVED, at=dt.datetime(2026, 6, 8, 9, 0, tzinfo=OSLO)))
        assert by_kind(case, dt.date(2026, 6, 10))[DeadlineKind.PRESERVATION_END].status is DeadlineStatus.MISSED


def test_no_deadline_before_execution() -> None:
    """A preservation request not yet executed has no preservation period running."""
    case = CaseFile().add("P1", preservation())
    assert deadlines(case, today=dt.date(2026, 3, 5)) == ()


def test_minimum_sixty_days_even_when_less_is_asked() -> None:
    """A request for 30 days still preserves 60 (Art. 29(7))."""
    case = CaseFile().add("P1", preservation(preservation_days=None))
    case = case.record(Event(entry="P1", kind=EventKind.EXECUTED, at=dt.datetime(2026, 1, 1, 12, tzinfo=OSLO)))
    end = by_kind(case, dt.date(2026, 1, 2))[DeadlineKind.PRESERVATION_END]
    assert end.due == dt.datetime(2026, 3, 2, 12, tzinfo=OSLO)


def test_withdrawn_preservation_is_cancelled() -> None:
    """Withdrawing the request cancels its deadlines."""
    case, _ = scenario()
    case = case.record(Event(entry="P1", kind=EventKind.WITHDRAWN, at=dt.datetime(2026, 3, 20, tzinfo=PARIS)))
    found = by_kind(case, dt.date(2026, 4, 1))
    assert found[DeadlineKind.PRESERVATION_END].status is DeadlineStatus.CANCELLED
    assert found[DeadlineKind.MLA_SEND_BY].status is DeadlineStatus.CANCELLED


def test_custom_provider_period() -> None:
    """A provider's log retention is tracked from the chosen event."""
    case, _ = scenario()
    policy = DeadlinePolicy(
        periods=(CustomPeriod(name="Provider keeps connection logs", days=30, after=EventKind.SENT, party="NO"),)
    )
    found = [d for d in deadlines(case, today=dt.date(2026, 3, 10), policy=policy) if d.kind is DeadlineKind.CUSTOM]
    assert len(found) == 1
    assert found[0].due == dt.datetime(2026, 4, 3, 10, 0, tzinfo=OSLO)
    assert found[0].basis == "policy"


def test_calendar_export() -> None:
    """Open dated deadlines become iCalendar events with stable UIDs and reminders."""
    case, _ = scenario()
    found = deadlines(case, today=dt.date(2026, 3, 10))
    stamp = dt.datetime(2026, 3, 10, tzinfo=dt.UTC)
    ics = to_ical(found, case_reference=case.reference, stamp=stamp)
    assert ics == to_ical(found, case_reference=case.reference, stamp=stamp)
    calendar = icalendar.Calendar.from_ical(ics)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2
    starts = sorted(e.decoded("dtstart") for e in events)
    assert starts[0] == dt.datetime(2026, 5, 20, 7, 10, tzinfo=dt.UTC)
    assert all(e.walk("VALARM") for e in events)
    assert "Claire" not in ics.decode()


def test_json_export() -> None:
    """Deadlines export as JSON-ready data with UTC instants and citations."""
    case, _ = scenario()
    data = to_data(deadlines(case, today=dt.date(2026, 3, 10)))
    first = data[0]
    assert first["kind"] == "mla-send-by"
    assert first["due_utc"] == "2026-05-20T07:10:00+00:00"
    assert first["citation"] == "ETS 185 Art. 29(2)(f)"


def test_cli_deadlines(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`budapest-coop deadlines` prints the deadlines of the example case file and writes an iCalendar file."""
    from click.testing import CliRunner

    from budapest_coop.cli import main

    path = tmp_path / "case.json"
    path.write_text(examples.text("case-file"), encoding="utf-8")
    ics = tmp_path / "case.ics"
    result = CliRunner().invoke(main, ["deadlines", str(path), "--today", "2026-03-21", "--ics", str(ics)])
    assert result.exit_code == 0, result.output
    assert "suspended" in result.output
    assert "ETS 185 Art. 29(7)" in result.output
    assert icalendar.Calendar.from_ical(ics.read_bytes())
    assert not list(tmp_path.glob("*.part"))
    as_json = CliRunner().invoke(main, ["deadlines", str(path), "--today", "2026-03-21", "--json"])
    assert as_json.exit_code == 0
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "budapest-coop"}', encoding="utf-8")
    assert CliRunner().invoke(main, ["deadlines", str(bad)]).exit_code == 2


class TestDisclosureProposals:
    """An Art. 30 disclosure naming a provider in a third State proposes a new preservation request."""

    def test_example_case_proposes_a_request_to_germany(self) -> None:
        """The example case's disclosure names a German provider: one request to DE is proposed."""
        from budapest_coop.lifecycle import disclosure_proposals

        case = examples.load("case-file")
        assert isinstance(case, CaseFile)
        [proposal] = disclosure_proposals(case)
        assert proposal.prompted_by == "P1"
        request = proposal.request
        assert request.requested_party == "DE"
        assert request.custodian is not None
        assert request.custodian.name == "Example Transit Networks GmbH"
        assert request.status is bc.PreservationStatus.NEW
        assert request.date is None
        assert request.requested_authority is None
        assert request.transmission is not None
        assert request.transmission.channel is bc.TransmissionChannel.POINT_OF_CONTACT_24_7
        original = case.entry("P1").request
        assert isinstance(original, bc.PreservationRequest)
        assert request.identifiers == original.identifiers
        assert request.facts == original.facts

    def test_no_second_proposal_once_the_request_is_in_the_case(self) -> None:
        """A proposal already added and linked to the case is not proposed again."""
        from budapest_coop.lifecycle import disclosure_proposals

        case = examples.load("case-file")
        assert isinstance(case, CaseFile)
        [proposal] = disclosure_proposals(case)
        case = case.add("P2-DE", proposal.request).link(LinkKind.PROMPTED_BY_DISCLOSURE, "P2-DE", "P1")
        assert disclosure_proposals(case) == ()

    def test_providers_in_the_requested_state_are_not_proposed(self) -> None:
        """A disclosed provider in the requested State needs no request to another State."""
        from budapest_coop.lifecycle import disclosure_proposals
        from budapest_coop.model import PathDisclosure

        case, _ = scenario()
        local = bc.ServiceProvider(name="Another Norwegian ISP", country="NO")
        case = case.record(
            Event(
                entry="P1",
                kind=EventKind.EXECUTED,
                at=dt.datetime(2026, 3, 6, tzinfo=OSLO),
                disclosure=PathDisclosure(providers=[local]),
            )
        )
        assert disclosure_proposals(case) == ()
