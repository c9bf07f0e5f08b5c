"""The examples of the documentation that are not doctests: scripts and terminal sessions.

Scripts live in docs/examples/ with the output they print beside them (``NAME.out``); pages
include both. Terminal sessions are the ``console`` blocks of the pages: each ``$ command``
runs in a scratch directory, in page order, and must print the lines shown under it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("page", PAGES_WITH_SESSIONS)
def test_terminal_sessions_run_as_shown(page: str, tmp_path: Path) -> None:
    """Every command of the page's terminal sessions succeeds and prints the lines shown under it."""
    for script in SCRIPTS:
        shutil.copy(script, tmp_path)
    for command, shown in _sessions(DOCS / page):
        result = subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, env=_environment(), check=False
        )
        assert result.returncode == 0, f"{command}: {result.stderr}"
        if shown:
            assert result.stdout.splitlines() == shown, command
