"""Batch generation: preservation requests from a CSV file to PDF, with worker processes.

Run: python benchmarks/bench_batch.py [--rows 1000 10000] [--jobs 2] [--format pdf]
Prints one JSON line: for each input size, requests per second and the peak resident memory
of the parent process and of the largest worker. Memory is flat when the peak at the largest
size stays within 20 % of the peak at the smallest.

Each size runs in a fresh process (peak memory is per process), into a fresh directory, with
``SOURCE_DATE_EPOCH`` set. The input is one identifier per row, 40 providers in 12 countries,
every row inheriting the example request's case data (authorities, offences, facts).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from budapest_coop import batch, examples

COUNTRIES = ("NO", "DE", "NL", "FR", "ES", "IT", "PL", "RO", "JP", "US", "CA", "AU")
COLUMNS = (
    "reference",
    "requested_party",
    "requested_authority.name",
    "custodian.name",
    "custodian.country",
    "identifier.type",
    "identifier",
    "identifier.observed_at",
    "identifier.port",
    "identifier.service_name",
)


def write_input(directory: Path, rows: int) -> tuple[Path, Path]:
    """A case file (the example request without its per-row fields) and *rows* CSV rows."""
    document = json.loads(examples.text("preservation-request"))
    for field in ("identifiers", "custodian", "reference", "requested_party", "requested_authority"):
        document["data"].pop(field)
    document["data"]["system_location_country"] = None
    case = directory / "case.json"
    case.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    source = directory / "rows.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(COLUMNS)
        for number in range(rows):
            country = COUNTRIES[number % len(COUNTRIES)]
            writer.writerow(
                [
                    f"BENCH-{number:06d}",
                    country,
                    f"24/7 point of contact ({country})",
                    f"Provider {number % 40:02d}",
                    country,
                    "ip-address",
                    f"198.51.100.{number % 250 + 1}",
                    f"2026-03-02T{number % 24:02d}:{number % 60:02d}:00+01:00",
                    str(1024 + number % 60000),
                    "Example Cloud VPS",
                ]
            )
    return case, source


def one(rows: int, jobs: int, fmt: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as scratch:
        directory = Path(scratch)
        case, source = write_input(directory, rows)
        started = time.perf_counter()
        result = batch.run(source, directory / "out", case=case, formats=[fmt], jobs=jobs)
        seconds = time.perf_counter() - started
    if result.written != rows:
        raise SystemExit(f"expected {rows} documents, got {result.summary()}")
    return {
        "rows": rows,
        "seconds": round(seconds, 2),
        "requests_per_second": round(rows / seconds, 1),
        "parent_peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "worker_peak_rss_mib": round((result.worker_peak_rss_kib or 0) / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--format", default="pdf")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.jobs, args.format)))
        return
    runs = []
    for rows in args.rows:
        command = [sys.executable, __file__, "--one", str(rows), "--jobs", str(args.jobs), "--format", args.format]
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1772582400"}
        output = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
        runs.append(json.loads(output.splitlines()[-1]))
    smallest, largest = runs[0], runs[-1]
    growth = {
        key: round(float(largest[key]) / float(smallest[key]) - 1, 3)
        for key in ("parent_peak_rss_mib", "worker_peak_rss_mib")
    }
    print(
        json.dumps(
            {
                "benchmark": f"batch, preservation requests from CSV to {args.format}, --jobs {args.jobs}",
                "runs": runs,
                "peak_rss_growth_largest_vs_smallest": growth,
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "machine": platform.machine(),
            }
        )
    )


if __name__ == "__main__":
    main()
