"""The registry commands: parties, party, authorities, route."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from budapest_coop import examples
from budapest_coop.cli import main


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _codes(output: str) -> list[str]:
    return [entry["code"] for entry in json.loads(output)["parties"]]


def test_parties_on_a_date_excludes_new_zealand_before_1_december_2025() -> None:
    """`parties --status party --on 2025-11-01` leaves NZ out; `--on 2025-12-01` lists it."""
    code, before, _ = _run("parties", "--status", "party", "--on", "2025-11-01", "--json")
    assert code == 0
    assert "NZ" not in _codes(before)
    code, after, _ = _run("parties", "--status", "party", "--on", "2025-12-01", "--json")
    assert code == 0
    assert "NZ" in _codes(after)
    assert len(_codes(after)) == len(_codes(before)) + 1


def test_parties_text_lists_states_and_the_unknown_ones() -> None:
    """The text listing gives each State with its status and confidence, and names those whose status is unknown."""
    code, out, _ = _run("parties", "--instrument", "ETS185", "--status", "party", "--on", "2025-11-01")
    assert code == 0
    assert out.splitlines()[0].startswith('ETS185, status "party", 2025-11-01')
    assert any(line.startswith("NO  Norway") for line in out.splitlines())
    assert "NZ  New Zealand" not in out
    assert "unknown from the data" in out
    assert "EC" in out.splitlines()[-1]


def test_parties_without_date_counts_81() -> None:
    """Without a date, the Parties as of the data's date: 81."""
    code, out, _ = _run("parties", "--status", "party", "--json")
    assert code == 0
    assert json.loads(out)["count"] == 81


def test_parties_refuses_a_bad_date() -> None:
    """A malformed date is a usage error naming the expected form."""
    code, _, err = _run("parties", "--on", "1 Nov 2025")
    assert code == 2
    assert "YYYY-MM-DD" in err


def test_party_shows_status_entries_and_provenance() -> None:
    """`party JP` shows the CETS 224 entries with their grades, and every source with its address."""
    code, out, _ = _run("party", "JP")
    assert code == 0
    assert "Japan (JP)" in out
    assert "CETS224:7(9)(a) reservation [verified; nl-tdb-224-declarations, wipolex-224-actions]" in out
    assert "CETS224:8(11) declaration" in out
    assert "Languages accepted: unknown" in out
    assert "https://verdragenbank.overheid.nl/nl/Verdrag/Details/013833_b.html" in out
    assert "recalled (none)" in out


def test_party_json_carries_its_sources() -> None:
    """`party NZ --json` gives the data record, its date and the resolved sources."""
    code, out, _ = _run("party", "NZ", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["instruments"]["ETS185"]["entry_into_force"] == "2025-12-01"
    assert data["as_of"] == "2026-02-05"
    assert data["sources"]["nl-tdb-185-log"]["type"] == "official"


def test_party_unknown_code_fails_with_the_code() -> None:
    """An unknown code exits with status 1 and a message naming it."""
    code, _, err = _run("party", "XK")
    assert code == 1
    assert "'XK'" in err


def test_authorities_by_role_and_from_a_private_directory(tmp_path: Path) -> None:
    """`authorities` lists shipped designations, filters by role, and merges a directory file."""
    code, out, _ = _run("authorities", "AT", "--role", "24/7-point-of-contact")
    assert code == 0
    assert "Federal Criminal Police Office Cybercrime Competence Center" in out
    assert "Federal Ministry of Justice" not in out
    path = tmp_path / "dir.csv"
    path.write_text(
        "id,country,name,roles,email,last_verified\n"
        "at-federal-criminal-police-office-c4,AT,BK C4,24/7-point-of-contact,c4@bk.example,2020-01-01\n",
        encoding="utf-8",
    )
    code, out, _ = _run("authorities", "AT", "--directory", str(path), "--json", "--today", "2026-03-01")
    assert code == 0
    records = {r["id"]: r for r in json.loads(out)}
    assert records["at-federal-criminal-police-office-c4"]["email"] == "c4@bk.example"
    assert records["at-federal-criminal-police-office-c4"]["stale"] is True
    assert records["at-federal-ministry-of-justice"]["stale"] is False


def test_authorities_directory_errors_and_lenient(tmp_path: Path) -> None:
    """A bad directory file fails listing every bad line; --lenient loads the rest and says what it left out."""
    path = tmp_path / "dir.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "country", "name", "roles", "phone"])
        writer.writerow(["pl-a", "PL", "A", "central-authority", "+48 22 123 45 67"])
        writer.writerow(["pl-b", "PL", "B", "central-authority", "22 123"])
        writer.writerow(["pl-c", "PL", "C", "", ""])
    code, _, err = _run("authorities", "PL", "--directory", str(path))
    assert code == 1
    assert "2 of 3 records rejected, nothing loaded" in err
    assert "line 3: phone:" in err
    assert "line 4: roles: is required" in err
    code, out, err = _run("authorities", "PL", "--directory", str(path), "--lenient")
    assert code == 0
    assert "2 record(s) rejected and left out" in err
    assert "[pl-a]" in out
    assert "[pl-b]" not in out


def test_route_prints_options_with_their_grounds(tmp_path: Path) -> None:
    """`route FILE` prints each channel with its recipients, conditions and the facts it rests on."""
    path = tmp_path / "request.json"
    path.write_text(examples.text("preservation-request"), encoding="utf-8")
    code, out, _ = _run("route", str(path), "--today", "2026-03-04")
    assert code == 0
    assert "1. 24/7-point-of-contact, ETS 185 Art. 35(1)(b)" in out
    assert "to: KRIPOS (NCIS Norway) [no-kripos]" in out
    assert "rests on:" in out
    code, out, _ = _run("route", str(path), "--today", "2026-03-04", "--json")
    assert code == 0
    assert [o["channel"] for o in json.loads(out)["options"]] == ["24/7-point-of-contact", "central-authority"]


def test_route_explains_when_no_channel_applies(tmp_path: Path) -> None:
    """Before the requested State is a Party, `route` says no Convention channel applies and why."""
    request = json.loads(examples.text("preservation-request"))
    request["data"]["requested_party"] = "NZ"
    path = tmp_path / "request.json"
    path.write_text(json.dumps(request), encoding="utf-8")
    code, out, _ = _run("route", str(path), "--today", "2025-11-01")
    assert code == 0
    assert "No Convention channel on 2025-11-01" in out
    assert "NZ: ratified" in out


def test_route_refuses_a_preservation_order(tmp_path: Path) -> None:
    """A document that is not a request is refused with a clear message."""
    path = tmp_path / "order.json"
    path.write_text(examples.text("preservation-order"), encoding="utf-8")
    code, _, err = _run("route", str(path))
    assert code == 1
    assert "routing applies to requests" in err
