"""Rendered documents per second: the example preservation request, end to end, per format.

Run: python benchmarks/bench_render.py [--seconds 3] [--only html]
Single process, single core. Prints one JSON line with the figures.

Each case renders the request with ``budapest_coop.render.render`` (build, localize and
lay out) as a user would; ``layout only`` cases time the renderer alone on an already
localized document. Add a format by adding one line to ``CASES``.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import time
from collections.abc import Callable

from budapest_coop import examples
from budapest_coop.render import build, get_renderer, localize, render

#: (case name, format, languages, layout only). One line per case.
CASES: list[tuple[str, str, tuple[str, ...], bool]] = [
    ("html en", "html", ("en",), False),
    ("html en+fr", "html", ("en", "fr"), False),
    ("text en", "text", ("en",), False),
    ("text en+fr", "text", ("en", "fr"), False),
    ("markdown en+fr", "markdown", ("en", "fr"), False),
    ("json en+fr", "json", ("en", "fr"), False),
    ("html en, layout only", "html", ("en",), True),
]


def _job(fmt: str, languages: tuple[str, ...], layout_only: bool) -> Callable[[], bytes]:
    request = examples.load("preservation-request")
    if not layout_only:
        return lambda: render(request, fmt, languages=languages)
    renderer = get_renderer(fmt)
    document = localize(build(request), languages)
    return lambda: renderer.render(document)


def measure(job: Callable[[], bytes], seconds: float) -> dict[str, float]:
    """Documents per second: median and best of rounds of about 0.2 s, garbage collector on."""
    size = len(job())
    for _ in range(50):
        job()
    gc.collect()
    rounds: list[float] = []
    deadline = time.perf_counter() + seconds
    n = 100
    while time.perf_counter() < deadline or len(rounds) < 3:
        start = time.perf_counter()
        for _ in range(n):
            job()
        elapsed = time.perf_counter() - start
        rounds.append(n / elapsed)
        n = max(10, int(n * 0.2 / elapsed))
    rounds.sort()
    return {"per_second_median": round(rounds[len(rounds) // 2]), "per_second_best": round(rounds[-1]), "bytes": size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per case")
    parser.add_argument("--only", help="run only the cases whose name contains this text")
    args = parser.parse_args()
    results = {
        name: measure(_job(fmt, languages, layout_only), args.seconds)
        for name, fmt, languages, layout_only in CASES
        if not args.only or args.only in name
    }
    print(
        json.dumps(
            {
                "benchmark": "documents per second, example preservation request, single core",
                "results": results,
                "python": platform.python_version(),
                "machine": platform.machine(),
            }
        )
    )


if __name__ == "__main__":
    main()
