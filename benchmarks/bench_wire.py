"""Wire format round trips per second: dumps + loads of the example preservation request.

Run: python benchmarks/bench_wire.py [--seconds 5]
Single process, single core. Prints one JSON line with the figures.
"""

from __future__ import annotations

import argparse
import json
import platform
import time

import budapest_coop as bc
from budapest_coop.examples import text as example_text


def measure(seconds: float) -> dict[str, object]:
    request = bc.loads(example_text("preservation-request"))
    for _ in range(200):  # warm caches (validators, converter hooks)
        bc.loads(bc.dumps(request))
    best = 0.0
    rounds = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        n = 500
        start = time.perf_counter()
        for _ in range(n):
            assert bc.loads(bc.dumps(request)) is not None
        rate = n / (time.perf_counter() - start)
        rounds.append(rate)
        best = max(best, rate)
    rounds.sort()
    return {
        "benchmark": "wire dumps+loads, example preservation request",
        "round_trips_per_second_median": round(rounds[len(rounds) // 2]),
        "round_trips_per_second_best": round(best),
        "document_bytes": len(bc.dumps(request).encode()),
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
