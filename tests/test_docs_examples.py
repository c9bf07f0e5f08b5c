"""The examples of the documentation that are not doctests: scripts and terminal sessions.

Scripts live in docs/examples/ with the output they print beside them (``NAME.out``); pages
include both. Terminal sessions are the ``console`` blocks of the pages: each ``$ command``
runs in a scratch directory, in page order, and must print the lines shown under it. What
the Getting started session makes (the bilingual PDF) is then read and checked against what
the page says of it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import budapest_coop

DOCS = Path(__file__).resolve().parent.parent / "docs"
SCRIPTS = sorted((DOCS / "examples").glob("*.py"))
_CONSOLE = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _sessions(page: Path) -> list[tuple[str, list[str]]]:
    """The ``$ command`` lines of the page's console blocks, each with the output shown under it."""
    commands: list[tuple[str, list[str]]] = []
    for block in _CONSOLE.findall(page.read_text(encoding="utf-8")):
        for line in block.splitlines():
            if line.startswith("$ "):
                commands.append((line[2:], []))
            elif commands:
                commands[-1][1].append(line)
    return commands


PAGES_WITH_SESSIONS = sorted(page.name for page in DOCS.glob("*.md") if _sessions(page))


def test_there_are_examples_to_run() -> None:
    """The documentation has scripts and terminal sessions, so the tests below check something."""
    assert SCRIPTS
    assert "getting-started.md" in PAGES_WITH_SESSIONS


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_script_prints_what_the_page_shows(script: Path, tmp_path: Path) -> None:
    """Each example script runs in an empty directory and prints exactly its .out file."""
    result = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, env=_environment(), check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == script.with_suffix(".out").read_text(encoding="utf-8")


@attrs.frozen
class _Ran:
    """A command of a page's terminal session, the output the page shows under it, and what it did."""

    command: str
    shown: list[str]
    result: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def run_page(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[Path, list[_Ran]]]:
    """Run a page's terminal session once, in a scratch directory; later calls reuse the result.

    The commands run in page order and stop at the first failure, since the next ones use what
    it should have made.
    """
    done: dict[str, tuple[Path, list[_Ran]]] = {}

    def run(page: str) -> tuple[Path, list[_Ran]]:
        if page not in done:
            directory = tmp_path_factory.mktemp(page.removesuffix(".md"))
            for script in SCRIPTS:
                shutil.copy(script, directory)
            ran: list[_Ran] = []
            for command, shown in _sessions(DOCS / page):
                result = subprocess.run(
                    ["bash", "-c", command],
                    cwd=directory,
                    capture_output=True,
                    text=True,
                    env=_environment(),
                    check=False,
                )
                ran.append(_Ran(command=command, shown=shown, result=result))
                if result.returncode != 0:
                    break
            done[page] = (directory, ran)
        return done[page]

    return run


@pytest.mark.parametrize("page", PAGES_WITH_SESSIONS)
def test_terminal_sessions_run_as_shown(page: str, run_page: Callable[[str], tuple[Path, list[_Ran]]]) -> None:
    """Every command of the page's terminal sessions succeeds and prints the lines shown under it."""
    _, ran = run_page(page)
    for step in ran:
        assert step.result.returncode == 0, f"{step.command}: {step.result.stderr}"
        if step.shown:
            assert step.result.stdout.splitlines() == step.shown, step.command
    assert len(ran) == len(_sessions(DOCS / page))


def test_getting_started_gives_a_bilingual_pdf_tied_to_its_data(
    run_page: Callable[[str], tuple[Path, list[_Ran]]],
) -> None:
    """Following Getting started gives the English-French PDF of the example, each page with the digest shown."""
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) reads the PDF")
    directory, ran = run_page("getting-started.md")
    assert all(step.result.returncode == 0 for step in ran)
    page = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    [rendered] = [
        step for step in ran if step.command.startswith("budapest-coop render") and "-o request.pdf" in step.command
    ]
    assert rendered.result.stderr == "", "the page says the bilingual rendering prints no warning"
    [recomputed] = [step.result.stdout.strip() for step in ran if "bc.wire.digest" in step.command]
    request = budapest_coop.loads((directory / "request.json").read_text(encoding="utf-8"))
    assert recomputed == budapest_coop.wire.digest(request)
    footer = f"SHA-256 of the source data (canonical JSON): {recomputed}"
    assert footer in page

    reader = pypdf.PdfReader(directory / "request.pdf")
    pages = [unicodedata.normalize("NFKC", p.extract_text()) for p in reader.pages]
    assert len(pages) == 7, "the page says the PDF has seven pages"
    assert all(footer in text for text in pages)
    assert all(request.reference in text for text in pages)
    first = " ".join(pages[0].split())
    assert "Data preservation request under Articles 29 and 30" in first
    assert "Demande de conservation de données au titre des articles 29 et 30" in first
    everything = " ".join(" ".join(pages).split())
    for language in ("en", "fr"):
        assert " ".join(request.facts[language].split()[:6]) in everything
