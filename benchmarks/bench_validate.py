"""Validations per second of the example preservation request, single core.

Run: python benchmarks/bench_validate.py [--seconds 5]
Prints one JSON line. Uses the registry shipped with budapest_coop when this installation has
one (``budapest_coop.registry``); otherwise a FakeRegistry holding the two States of the
example (fictional data, for timing only) - the line says which.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import time
from typing import Any

from budapest_coop import examples
from budapest_coop.testing import FakeParty, FakeRegistry
from budapest_coop.validation import default_registry, default_rules, validate

TODAY = dt.date(2026, 11, 28)


def _registry() -> tuple[Any, str]:
    shipped = default_registry()
    if shipped is not None:
        return shipped, "shipped (budapest_coop.registry.Registry.default())"
    fake = FakeRegistry([FakeParty(code="NO", languages=("nb", "nn", "en")), FakeParty(code="FR")])
    return fake, "FakeRegistry (budapest_coop.registry not installed)"


def measure(seconds: float) -> dict[str, object]:
    request = examples.load("preservation-request")
    registry, which = _registry()
    report = validate(request, registry=registry, today=TODAY)
    for _ in range(2000):  # warm caches (rule tables, catalogs, IP classification)
        validate(request, registry=registry, today=TODAY)
    rounds = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        n = 2000
        start = time.perf_counter()
        for _ in range(n):
            validate(request, registry=registry, today=TODAY)
        rounds.append(n / (time.perf_counter() - start))
    rounds.sort()
    median = rounds[len(rounds) // 2]
    return {
        "benchmark": "validate, example preservation request",
        "validations_per_second_median": round(median),
        "validations_per_second_best": round(rounds[-1]),
        "microseconds_per_call_median": round(1e6 / median, 1),
        "registry": which,
        "rules": len(default_rules().for_kind(request.KIND)),
        "findings": len(report.findings),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    print(json.dumps(measure(args.seconds)))


if __name__ == "__main__":
    main()
