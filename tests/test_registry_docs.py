"""The examples of docs/registry.md and of the registry's docstrings run and print what they show."""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parent.parent / "docs" / "registry.md"
_BLOCK = re.compile(r"^```\{(testsetup|doctest|testcleanup)\}\n(.*?)^```$", re.MULTILINE | re.DOTALL)
MODULES = [
    "budapest_coop.registry",
    "budapest_coop.registry._dates",
    "budapest_coop.registry._names",
    "budapest_coop.registry._parties",
    "budapest_coop.registry._provisions",
    "budapest_coop.registry._registry",
    "budapest_coop.testing._registry",
]


def test_registry_page_examples_run() -> None:
    """Every {doctest} block of docs/registry.md gives the output it shows (with its setup and cleanup)."""
    blocks = _BLOCK.findall(DOC.read_text(encoding="utf-8"))
    assert sum(1 for kind, _ in blocks if kind == "doctest") >= 10
    globs: dict[str, object] = {"__name__": "registry_md"}
    exec("import budapest_coop as bc", globs)  # the documentation's global setup
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    setup = [code for kind, code in blocks if kind == "testsetup"]
    cleanup = [code for kind, code in blocks if kind == "testcleanup"]
    for code in setup:
        exec(code, globs)
    try:
        for number, (kind, code) in enumerate(blocks):
            if kind == "doctest":
                test = parser.get_doctest(code, globs, f"registry.md block {number}", str(DOC), 0)
                runner.run(test, clear_globs=False)
                globs.update(test.globs)
    finally:
        for code in cleanup:
            exec(code, globs)
    result = runner.summarize(verbose=False)
    assert result.failed == 0


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    """The examples in the registry's docstrings give the output they show."""
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
