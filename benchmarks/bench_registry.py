"""Registry: loading the shipped data, look-ups, status on a date, routing, private directories.

Run: python benchmarks/bench_registry.py [--seconds 2]
Single process, single core. Prints one JSON line with the figures (medians of rounds).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from budapest_coop import examples
from budapest_coop.registry import Registry, load_directory
from budapest_coop.registry._registry import _load_shipped


def _rate(action: Callable[[], object], seconds: float, batch: int) -> float:
    """Median calls per second over rounds of *batch* calls, for about *seconds*."""
    rates = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(rates) < 3:
        start = time.perf_counter()
        for _ in range(batch):
            action()
        rates.append(batch / (time.perf_counter() - start))
    return statistics.median(rates)


def _directory(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "country", "name", "roles", "phone", "email", "time_zone", "languages", "last_verified"])
        for i in range(rows):
            writer.writerow(
                [
                    f"unit-{i}",
                    "AT",
                    f"Unit {i}",
                    "central-authority;24/7-point-of-contact",
                    f"+43 1 5{i:06d}",
                    f"unit{i}@justice.example",
                    "Europe/Vienna",
                    "de;en",
                    "2026-01-15",
                ]
            )
    return path


def measure(seconds: float) -> dict[str, object]:
    load_ms = statistics.median(_timed(_load_shipped) for _ in range(15)) * 1000
    registry = Registry.default()
    registry.party("JP")
    day = dt.date(2025, 11, 1)
    request = examples.load("preservation-request")
    with tempfile.TemporaryDirectory() as folder:
        path = _directory(Path(folder) / "directory.csv", 1000)
        directory_ms = statistics.median(_timed(lambda: load_directory(path)) for _ in range(5)) * 1000
    return {
        "benchmark": "registry",
        "load_shipped_data_ms_median": round(load_ms, 1),
        "party_lookups_per_second": round(_rate(lambda: registry.party("NZ"), seconds, 10_000)),
        "is_party_on_date_per_second": round(_rate(lambda: registry.is_party("NZ", "ETS185", day), seconds, 10_000)),
        "parties_filter_on_date_per_second": round(
            _rate(lambda: registry.parties(status="party", on=day), seconds, 100)
        ),
        "route_preservation_per_second": round(_rate(lambda: registry.route(request, today=day), seconds, 200)),
        "load_csv_directory_1000_rows_ms_median": round(directory_ms, 1),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    print(json.dumps(measure(args.seconds)))


if __name__ == "__main__":
    main()
