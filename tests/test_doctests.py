"""The examples in the docstrings of budapest_coop run and show what they print.

Docstring examples are the specification of small functions and the first thing a reader of
the API reference tries. They run here, under pytest, for every module of the package; the
documentation build's doctest step runs only the examples of the pages under docs/.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import budapest_coop


def _modules_with_examples() -> dict[str, list[doctest.DocTest]]:
    names = ["budapest_coop"] + [m.name for m in pkgutil.walk_packages(budapest_coop.__path__, "budapest_coop.")]
    finder = doctest.DocTestFinder(exclude_empty=True)
    found: dict[str, list[doctest.DocTest]] = {}
    for name in sorted(names):
        tests = [test for test in finder.find(importlib.import_module(name), name) if test.examples]
        if tests:
            found[name] = tests
    return found


EXAMPLES = _modules_with_examples()


def test_every_public_module_with_examples_is_collected() -> None:
    """The modules whose public docstrings show examples are all found, so none goes unchecked."""
    expected = {
        "budapest_coop",
        "budapest_coop.wire",
        "budapest_coop.examples",
        "budapest_coop.model.text",
        "budapest_coop.model.citation",
        "budapest_coop.model.identifiers",
    }
    assert expected <= set(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_docstring_examples_run(name: str) -> None:
    """Every example in the module's docstrings runs and prints what the docstring shows."""
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in EXAMPLES[name]:
        runner.run(test, out=report.append)
    results = runner.summarize(verbose=False)
    assert results.failed == 0, "".join(report)
    assert results.attempted > 0
