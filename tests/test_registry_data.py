"""Every shipped registry record, run through the public types and checked against its source."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
from collections import Counter
from importlib import resources
from pathlib import Path
from types import ModuleType

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from budapest_coop.registry import (
    ETS185_IN_FORCE,
    PERMITTED,
    AuthorityRecord,
    Coverage,
    EntryKind,
    PartialDate,
    Party,
    Registry,
    Status,
    ets185_entry_into_force,
    permission,
)

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_CSV = ROOT / "scripts" / "reference" / "parties.csv"
BUILD_SCRIPT = ROOT / "scripts" / "build_registry.py"
needs_reference = pytest.mark.skipif(
    not REFERENCE_CSV.is_file(), reason="scripts/reference/ is not part of this distribution"
)

#: Rows whose recorded entry-into-force date does not follow the ETS 185 rule, with the reason.
#: Empty: every row with a deposit and an entry-into-force date agrees with the rule.
KNOWN_EIF_EXCEPTIONS: dict[str, str] = {}

ART_42 = {"4(2)", "6(3)", "9(4)", "10(3)", "11(3)", "14(3)", "22(2)", "29(4)", "41(1)"}


def _shipped(name: str) -> dict[str, object]:
    text = (resources.files("budapest_coop.registry") / "data" / name).read_text(encoding="utf-8")
    data: dict[str, object] = json.loads(text)
    return data


def _csv_rows() -> list[dict[str, str]]:
    with REFERENCE_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


REGISTRY = Registry.default()
PARTIES = list(REGISTRY)


def test_every_shipped_party_reads_back_unchanged() -> None:
    """Each record of parties.json builds a Party whose JSON form is the record itself."""
    document = _shipped("parties.json")
    as_of = dt.date.fromisoformat(str(document["as_of"]))
    records = document["parties"]
    assert isinstance(records, list)
    for data in records:
        assert Party.from_dict(data, as_of).to_dict() == data


def test_every_shipped_authority_reads_back_unchanged() -> None:
    """Each record of authorities.json builds an AuthorityRecord whose JSON form is the record itself."""
    records = _shipped("authorities.json")["authorities"]
    assert isinstance(records, list)
    assert records
    for data in records:
        assert AuthorityRecord.from_dict(data).to_dict() == data


@pytest.mark.parametrize("party", PARTIES, ids=lambda p: p.code)
def test_code_resolves_in_pycountry(party: Party) -> None:
    """Every State's code is an ISO 3166-1 code pycountry knows; only the EU is flagged as not a State."""
    if party.code == "EU":
        assert party.is_state is False
        assert party.coe_member is None
        assert party.status("ETS185") == "none"
    else:
        assert party.is_state is True
        assert pycountry.countries.get(alpha_2=party.code) is not None


@pytest.mark.parametrize("party", PARTIES, ids=lambda p: p.code)
def test_dates_are_in_order(party: Party) -> None:
    """Signature, deposit and entry into force follow each other wherever they are known; CETS 224 is not in force."""
    for record in party.instruments:
        steps = [
            (record.signature.earliest if record.signature else None),
            (record.deposit.earliest if record.deposit else None),
            record.entry_into_force,
        ]
        known = [d for d in steps if d is not None]
        assert known == sorted(known), (party.code, record.instrument)
        if record.instrument in ("CETS224", "UNCC"):
            assert record.status is not Status.PARTY, f"{party.code}: {record.instrument} is not in force"
            assert record.entry_into_force is None


@pytest.mark.parametrize("party", PARTIES, ids=lambda p: p.code)
def test_entry_into_force_follows_the_convention(party: Party) -> None:
    """Where deposit and entry into force are both known, the date follows ETS 185 Arts. 36(4)/37(2)."""
    record = party.record("ETS185")
    if record.deposit is None or record.entry_into_force is None:
        return
    expected = {ets185_entry_into_force(record.deposit.earliest), ets185_entry_into_force(record.deposit.latest)}
    if party.code in KNOWN_EIF_EXCEPTIONS:
        assert record.entry_into_force not in expected, f"{party.code} is no longer an exception"
    else:
        assert expected == {record.entry_into_force}


def test_partial_deposit_is_kept_partial() -> None:
    """Grenada's deposit month stays a month: no day is invented, and the rule still gives one date."""
    record = REGISTRY.party("GD").record("ETS185")
    assert record.deposit == PartialDate(year=2024, month=4)
    assert str(record.deposit) == "2024-04"
    assert record.entry_into_force == dt.date(2024, 8, 1)
    assert record.qualifier("deposit") is not None
    assert record.confidence("deposit") == "unverified"


@pytest.mark.parametrize("party", PARTIES, ids=lambda p: p.code)
def test_every_entry_names_a_provision_that_permits_it(party: Party) -> None:
    """Each reservation, declaration and designation code names a provision allowing that kind of entry."""
    for entry in party.entries:
        allowed = permission(entry.code, entry.kind)
        assert allowed is not None, entry.code
        if entry.kind is EntryKind.RESERVATION and entry.instrument == "ETS185":
            assert allowed.basis == "ETS 185 Art. 42"
            paragraph = entry.citation.article + "".join(f"({s})" for s in entry.citation.subdivisions[:1])
            assert paragraph in ART_42
        for authority_id in entry.authorities:
            assert REGISTRY.authority(authority_id).country == party.code
        for key in entry.source:
            assert key in party.source
            assert key in REGISTRY.sources


def test_permitted_reservations_of_ets185_are_the_article_42_list() -> None:
    """The ETS 185 reservations the registry accepts are exactly those of Art. 42."""
    found = {
        str(p.citation).removeprefix("ETS 185 Art. ")
        for p in PERMITTED
        if p.kind is EntryKind.RESERVATION and p.citation.instrument == "ETS185"
    }
    assert found == ART_42


@pytest.mark.parametrize("party", PARTIES, ids=lambda p: p.code)
def test_every_source_key_resolves(party: Party) -> None:
    """Every source key a record cites has a title and a type in the registry's source table."""
    for key in party.source:
        source = REGISTRY.sources[key]
        assert source.title
        assert source.type in ("official", "secondary", "none")
        assert source.urls or source.address_note


@pytest.mark.parametrize("party", PARTIES, ids=lambda p: p.code)
def test_every_value_has_a_confidence(party: Party) -> None:
    """Each instrument field that holds a value is graded, and only those."""
    for record in party.instruments:
        for field in ("signature", "deposit", "entry_into_force", "invitation"):
            assert (getattr(record, field) is None) == (record.confidence(field) is None), (party.code, field)
        assert record.confidence("status") is not None


@needs_reference
def test_ets185_party_count_matches_the_reference() -> None:
    """The number of ETS 185 Parties equals the count of 'party' rows of the vendored CSV, 81."""
    rows = _csv_rows()
    expected = sum(1 for row in rows if row["ets185_status"] == "party")
    assert expected == 81
    assert len(REGISTRY.parties(instrument="ETS185", status="party")) == expected
    assert len(REGISTRY) == len(rows) == 131


@needs_reference
def test_status_counts_match_the_reference() -> None:
    """Status counts per instrument equal the vendored CSV's (parties-sources.md §4)."""
    rows = _csv_rows()
    for instrument, column in (("ETS185", "ets185_status"), ("ETS189", "ets189_status"), ("CETS224", "cets224_status")):
        shipped = Counter(str(p.status(instrument)) for p in REGISTRY)
        source = Counter(row[column] for row in rows)
        assert sorted(shipped.values()) == sorted(source.values()), instrument
    assert Counter(str(p.status("CETS224")) for p in REGISTRY) == {"none": 79, "signatory": 49, "ratified": 3}
    assert sum(1 for p in REGISTRY if p.coe_member) == 46


@needs_reference
def test_every_row_of_the_reference_is_shipped_with_its_provenance() -> None:
    """Each CSV row has a record with the same code, name, sources, confidence and dates."""
    for row in _csv_rows():
        party = REGISTRY.party(row["iso2"])
        assert party.recorded_name == row["name"]
        assert list(party.source) == [k for k in row["source"].split(";") if k]
        assert party.confidence == row["confidence"]
        assert (party.verified_fields or "") == row["verified_fields"]
        assert (party.cooperation_text or "") == row["cooperation_reservations_declarations"]
        record = party.record("ETS185")
        assert str(record.signature or "") == row["ets185_signature"]
        assert str(record.deposit or "") == row["ets185_ratification_or_accession"]
        assert str(record.entry_into_force or "") == row["ets185_entry_into_force"]
        assert str(party.record("UNCC").signature or "") == row["uncc_signature"]


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_registry", BUILD_SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_reference
def test_shipped_files_are_a_fresh_build_of_the_reference() -> None:
    """The data files are exactly what scripts/build_registry.py makes of the vendored reference."""
    build = _build_module()
    parties, authorities = build.build()
    assert build.render(parties) == (resources.files("budapest_coop.registry") / "data" / "parties.json").read_text(
        encoding="utf-8"
    )
    assert build.render(authorities) == (
        resources.files("budapest_coop.registry") / "data" / "authorities.json"
    ).read_text(encoding="utf-8")


@needs_reference
def test_build_refuses_a_changed_cooperation_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """When a reservation text of the CSV changes, the build stops and names the row."""
    build = _build_module()
    row = {"iso2": "PL", "cooperation_reservations_declarations": "Art.29(4) reservation withdrawn", "source": ""}
    with pytest.raises(SystemExit, match="PL: the CSV text changed"):
        build.entries_and_authorities(row, {}, {})


def test_japan_cets224_entries_are_the_verified_ones() -> None:
    """Japan: reservation 7(9)(a) only, declaration 8(11) (not a reservation), the designations, all verified."""
    jp = REGISTRY.party("JP")
    assert [e.code for e in jp.reservations] == ["CETS224:7(9)(a)"]
    assert jp.reservation_status("CETS224:8(13)") == "not-made"
    assert jp.reservation_status("CETS224:8(11)") == "not-made"
    assert jp.has_declaration("CETS224:8(11)")
    assert {e.code for e in jp.declarations} >= {
        "CETS224:6(6)",
        "CETS224:8(10)(a)",
        "CETS224:14(7)(c)",
        "CETS224:14(10)(b)",
    }
    assert all(e.confidence == "verified" for e in jp.entries)
    assert jp.record("ETS185").reservations_recorded is Coverage.NOT_RECORDED


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_entry_into_force_rule_properties(deposit: dt.date) -> None:
    """The rule gives the 1st of a month, after three months from deposit and within four, never before 2004-07-01."""
    eif = ets185_entry_into_force(deposit)
    assert eif.day == 1
    assert eif >= ETS185_IN_FORCE
    if eif > ETS185_IN_FORCE:
        months = (eif.year - deposit.year) * 12 + eif.month - deposit.month
        assert months == 4


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.booleans())
def test_partial_date_round_trip(day: dt.date, keep_day: bool) -> None:
    """A partial date reads back from its text, and its bounds contain every day it can be."""
    partial = PartialDate.of(day) if keep_day else PartialDate(year=day.year, month=day.month)
    assert PartialDate.parse(str(partial)) == partial
    assert partial.earliest <= day <= partial.latest
