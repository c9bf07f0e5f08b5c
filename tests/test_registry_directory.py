"""Private authorities directories: JSON, TOML and CSV files, errors, lenient loading, staleness."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import budapest_coop as bc
from budapest_coop.errors import BudapestCoopError, DirectoryError
from budapest_coop.registry import DIRECTORY_COLUMNS, AuthorityRecord, Registry, load_directory
from tests.strategies import authority_records

REGISTRY = Registry.default()
HEADER = ["id", "country", "name", "name.fr", "roles", "phone", "email", "time_zone", "languages", "last_verified"]


def _row(i: int) -> list[str]:
    return [
        f"at-unit-{i}",
        "AT",
        f"Unit {i}",
        f"Unité {i}",
        "24/7-point-of-contact" if i % 2 else "central-authority;extradition-authority",
        f"+43 1 5{i:06d}",
        f"unit{i}@justice.example",
        "Europe/Vienna",
        "de;en",
        "2026-01-15",
    ]


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


@pytest.fixture
def fifty_with_three_bad(tmp_path: Path) -> Path:
    rows = [_row(i) for i in range(50)]
    rows[4][5] = "0043 1 234"  # phone not international: file line 6
    rows[19][4] = "central-authority;minister"  # unknown role: file line 21
    rows[41][1] = "XX"  # unknown country: file line 43
    return _write_csv(tmp_path / "directory.csv", rows)


def test_three_bad_rows_of_fifty_are_all_reported_and_nothing_is_loaded(fifty_with_three_bad: Path) -> None:
    """A CSV with 3 bad rows out of 50 raises one error naming the 3 lines, fields and values; nothing loads."""
    with pytest.raises(DirectoryError) as info:
        REGISTRY.with_directory(fifty_with_three_bad)
    error = info.value
    assert isinstance(error, BudapestCoopError)
    assert isinstance(error, ValueError)
    assert [(p.line, p.field) for p in error.problems] == [(6, "phone"), (21, "roles[1]"), (43, "country")]
    message = str(error)
    assert "3 of 50 records rejected, nothing loaded" in message
    assert "line 6: phone:" in message
    assert "'0043 1 234'" in message
    assert "'minister'" in message
    assert "line 43: country:" in message
    assert str(fifty_with_three_bad) in message
    assert REGISTRY.authorities("AT") == REGISTRY.authorities("AT")
    assert not any(r.id.startswith("at-unit-") for r in REGISTRY.authorities("AT"))


def test_lenient_loads_the_good_rows_and_records_the_rejected(fifty_with_three_bad: Path) -> None:
    """With lenient=True the 47 good rows are merged and the 3 rejected ones are kept with their lines."""
    registry = REGISTRY.with_directory(fifty_with_three_bad, lenient=True)
    loaded = [r for r in registry.authorities("AT") if r.id.startswith("at-unit-")]
    assert len(loaded) == 47
    assert sorted({p.line for p in registry.rejected}) == [6, 21, 43]
    assert registry.directories == (str(fifty_with_three_bad),)
    direct = load_directory(fifty_with_three_bad, lenient=True)
    assert (direct.total, len(direct.records), direct.rejected) == (50, 47, 3)


def test_csv_record_fields(tmp_path: Path) -> None:
    """CSV columns become typed fields: names in several languages, lists split at ';', dates, roles."""
    path = _write_csv(tmp_path / "d.csv", [_row(1), _row(2)])
    registry = REGISTRY.with_directory(path)
    record = registry.authority("at-unit-2")
    assert record.name.to_dict() == {"en": "Unit 2", "fr": "Unité 2"}
    assert record.roles == (bc.Role.CENTRAL_AUTHORITY, bc.Role.EXTRADITION_AUTHORITY)
    assert record.languages == ("de", "en")
    assert record.last_verified == dt.date(2026, 1, 15)
    assert record.time_zone == "Europe/Vienna"
    assert registry.authorities("AT", role=bc.Role.POINT_OF_CONTACT_24_7)[-1].id == "at-unit-1"


def test_csv_line_numbers_count_quoted_newlines(tmp_path: Path) -> None:
    """A record that spans two lines (a quoted newline) shifts the line numbers of the records after it."""
    first = _row(1)
    first[2] = "Unit\none"
    bad = _row(2)
    bad[6] = "not an address"
    path = _write_csv(tmp_path / "d.csv", [first, bad])
    with pytest.raises(DirectoryError) as info:
        load_directory(path)
    assert [(p.line, p.field) for p in info.value.problems] == [(4, "email")]


def test_json_and_toml_directories(tmp_path: Path) -> None:
    """The same record loads from JSON and from TOML."""
    record = {
        "id": "no-kripos",
        "country": "NO",
        "name": {"nb": "Kripos", "en": "National Criminal Investigation Service"},
        "roles": ["24/7-point-of-contact"],
        "phone": "+47 23 20 80 00",
        "email": "poc@kripos.example",
        "time_zone": "Europe/Oslo",
        "office_hours": "24/7",
        "means": ["email", "secure-platform"],
        "source": ["Ministry directory 2026-02"],
        "last_verified": "2026-02-01",
    }
    json_path = tmp_path / "d.json"
    json_path.write_text(json.dumps({"format": "budapest-coop-authorities", "version": 1, "authorities": [record]}))
    toml_path = tmp_path / "d.toml"
    toml_path.write_text(
        """
[[authorities]]
id = "no-kripos"
country = "NO"
name = { nb = "Kripos", en = "National Criminal Investigation Service" }
roles = ["24/7-point-of-contact"]
phone = "+47 23 20 80 00"
email = "poc@kripos.example"
time_zone = "Europe/Oslo"
office_hours = "24/7"
means = ["email", "secure-platform"]
source = ["Ministry directory 2026-02"]
last_verified = 2026-02-01
""",
        encoding="utf-8",
    )
    from_json = REGISTRY.with_directory(json_path).authority("no-kripos")
    from_toml = REGISTRY.with_directory(toml_path).authority("no-kripos")
    assert from_json == from_toml
    assert from_json.phone == "+47 23 20 80 00"
    assert from_json.name.original == "Kripos"
    assert REGISTRY.authority("no-kripos").phone is None


def test_directory_record_replaces_the_shipped_one_by_id(tmp_path: Path) -> None:
    """A record with a shipped id replaces it whole; the other shipped records stay."""
    path = tmp_path / "d.json"
    path.write_text(
        json.dumps(
            {
                "authorities": [
                    {
                        "id": "at-federal-ministry-of-justice",
                        "country": "AT",
                        "name": "Federal Ministry of Justice",
                        "roles": ["central-authority"],
                        "email": "ca@justice.example",
                    }
                ]
            }
        )
    )
    registry = REGISTRY.with_directory(path)
    assert registry.authority("at-federal-ministry-of-justice").email == "ca@justice.example"
    assert registry.authority("at-federal-ministry-of-justice").roles == (bc.Role.CENTRAL_AUTHORITY,)
    assert len(registry.authorities()) == len(REGISTRY.authorities())
    assert registry.authority("no-kripos") == REGISTRY.authority("no-kripos")


def test_json_problems_name_the_record_and_field(tmp_path: Path) -> None:
    """A JSON record's problems name its index, the field and the value, all at once."""
    path = tmp_path / "d.json"
    path.write_text(
        json.dumps(
            {
                "authorities": [
                    {"id": "ok", "country": "AT", "name": "A", "roles": ["central-authority"]},
                    {"id": "bad", "country": "AT", "name": "B", "roles": [], "fax": 431, "colour": "red"},
                    {"id": "ok", "country": "AT", "name": "C", "roles": ["central-authority"]},
                ]
            }
        )
    )
    with pytest.raises(DirectoryError) as info:
        load_directory(path)
    found = {(p.location, p.field) for p in info.value.problems}
    assert found == {
        ("authorities[1]", "colour"),
        ("authorities[1]", "fax"),
        ("authorities[1]", "roles"),
        ("authorities[2]", "id"),
    }


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("d.xml", "<a/>", "must end in .json, .toml or .csv"),
        ("d.json", "{", "is not valid JSON (line 1"),
        ("d.json", "[]", "under the key 'authorities'"),
        ("d.toml", "a = ", "is not valid TOML"),
        ("d.csv", "", "is empty"),
        ("d.csv", "id,country,name,roles,colour\n", "unknown columns"),
        ("d.csv", "id,country,name\n", "lacks the required columns roles"),
    ],
)
def test_unreadable_files_are_refused_whole(tmp_path: Path, name: str, content: str, message: str) -> None:
    """A file that cannot be read as a directory raises, even when lenient."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DirectoryError, match=message.replace("(", r"\(").replace(".", r"\.")):
        load_directory(path, lenient=True)


def test_csv_columns_are_documented() -> None:
    """Every CSV column is described in docs/registry.md."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "registry.md").read_text(encoding="utf-8")
    for column in DIRECTORY_COLUMNS:
        assert f"`{column}`" in text, column


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(authority_records, min_size=1, max_size=4, unique_by=lambda r: r.id))  # type: ignore[attr-defined]
def test_json_directory_round_trip(tmp_path: Path, records: list[AuthorityRecord]) -> None:
    """Any records written in the JSON directory format load back equal."""
    path = tmp_path / "round.json"
    path.write_text(json.dumps({"authorities": [r.to_dict() for r in records]}, ensure_ascii=False), encoding="utf-8")
    assert load_directory(path).records == tuple(records)


def test_stale_authorities(tmp_path: Path) -> None:
    """Records never verified, or verified longer ago than max_age, are stale; the age is configurable."""
    rows = [_row(1), _row(2), _row(3)]
    rows[0][-1] = ""
    rows[1][-1] = "2024-01-01"
    rows[2][-1] = "2026-01-01"
    registry = REGISTRY.with_directory(_write_csv(tmp_path / "d.csv", rows))
    today = dt.date(2026, 3, 1)
    stale = registry.stale_authorities("AT", today=today)
    assert {r.id for r in stale} == {"at-unit-1", "at-unit-2"}
    assert {r.id for r in registry.stale_authorities("AT", max_age=dt.timedelta(days=20), today=today)} == {
        "at-unit-1",
        "at-unit-2",
        "at-unit-3",
        "at-federal-ministry-of-justice",
        "at-federal-criminal-police-office-c4",
    }
    assert registry.authority("at-unit-2").age(today) == dt.timedelta(days=790)
    assert registry.authority("at-unit-1").age(today) is None
    assert registry.stale_authorities("AT", role="24/7-point-of-contact", today=today) == (
        registry.authority("at-unit-1"),
    )
