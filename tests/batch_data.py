"""Input files for the batch tests: a case file and CSV rows, good and deliberately bad."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from budapest_coop import examples

#: The CSV columns of the generated rows.
COLUMNS = (
    "reference",
    "requested_party",
    "requested_authority.name",
    "custodian.name",
    "custodian.country",
    "facts.en",
    "identifier.type",
    "identifier",
    "identifier.observed_at",
    "identifier.port",
    "identifier.service_name",
)
BAD_KINDS = ("bad ip", "naive timestamp", "unknown country", "missing facts", "broken quoting")
PROVIDERS = (
    ("NO", "Example Hosting Norge AS"),
    ("NO", "Fjord Cloud AS"),
    ("DE", "Beispiel Rechenzentrum GmbH"),
    ("NL", "Voorbeeld Hosting B.V."),
    ("JP", "Rei Hosting K.K."),
)


def write_case(path: Path) -> Path:
    """The example preservation request without its identifiers, facts, custodian and reference."""
    document = json.loads(examples.text("preservation-request"))
    for field in ("identifiers", "facts", "custodian", "reference", "requested_party"):
        document["data"].pop(field, None)
    document["data"]["system_location_country"] = None
    document["data"]["system_location"] = None
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def good_row(number: int) -> list[str]:
    party, provider = PROVIDERS[number % len(PROVIDERS)]
    return [
        f"LY-2026-{number:04d}",
        party,
        f"24/7 point of contact ({party})",
        provider,
        party,
        f"Ransomware attack on the hospital; connection number {number} to the exfiltration server.",
        "ip-address",
        f"203.0.113.{number % 250 + 1}",
        f"2026-03-02T02:{number % 60:02d}:00+01:00",
        str(40000 + number),
        "Example Cloud VPS",
    ]


def bad_row(number: int, kind: str) -> tuple[list[str], str | None]:
    """A row broken in one way, and the CSV text to use instead of the cells (broken quoting)."""
    row = good_row(number)
    if kind == "bad ip":
        row[7] = f"203.0.113.{300 + number % 100}"
    elif kind == "naive timestamp":
        row[8] = "2026-03-02T02:14:55"
    elif kind == "unknown country":
        row[1] = "XX"
    elif kind == "missing facts":
        row[5] = ""
    elif kind == "broken quoting":
        cells = [*row]
        cells[3] = '"' + cells[3] + ' "ANS" AS'
        return row, ",".join(cells)
    return row, None


def write_rows(path: Path, count: int, bad_every: int | None = None) -> list[int]:
    """*count* rows (one request each); every *bad_every*-th is broken. Returns the bad lines."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    bad_lines: list[int] = []
    kinds = iter(BAD_KINDS * count)
    for number in range(1, count + 1):
        line = number + 1
        if bad_every and number % bad_every == 0:
            row, raw = bad_row(number, next(kinds))
            bad_lines.append(line)
            if raw is not None:
                buffer.write(raw + "\n")
                continue
        else:
            row = good_row(number)
        writer.writerow(row)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return bad_lines


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
