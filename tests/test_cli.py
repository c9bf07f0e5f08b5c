"""The command line: examples, schemas, help and version."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

import budapest_coop as bc
from budapest_coop.cli import COMMANDS, main


@pytest.mark.parametrize(
    "kind", ["preservation-request", "subscriber-information-request", "preservation-order", "case-file"]
)
def test_example_prints_a_loadable_document(kind: str) -> None:
    """`budapest-coop example KIND` prints a complete document that loads back."""
    result = CliRunner().invoke(main, ["example", kind])
    assert result.exit_code == 0, result.output
    assert type(bc.loads(result.output)).KIND == kind


def test_example_refuses_unknown_kind() -> None:
    """An unknown kind is a usage error (exit status 2)."""
    result = CliRunner().invoke(main, ["example", "extradition-request"])
    assert result.exit_code == 2
    assert "preservation-request" in result.output


def test_schema_prints_json_schema() -> None:
    """`budapest-coop schema KIND` prints the JSON Schema of the kind."""
    result = CliRunner().invoke(main, ["schema", "preservation-request"])
    assert result.exit_code == 0
    assert json.loads(result.output)["properties"]["kind"] == {"const": "preservation-request"}


def test_help_lists_every_command() -> None:
    """--help lists every registered command and each command module imports."""
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output
        assert main.get_command(None, name) is not None  # type: ignore[arg-type]


def test_version() -> None:
    """--version prints the installed version."""
    result = CliRunner().invoke(main, ["--version"])
    assert bc.__version__ in result.output


@pytest.mark.skipif(shutil.which("budapest-coop") is None, reason="console script not installed")
def test_console_script_runs() -> None:
    """The installed console script works as a program."""
    out = subprocess.run(
        ["budapest-coop", "example", "preservation-request"], capture_output=True, text=True, check=True
    )
    assert bc.loads(out.stdout).reference == "PL-CYBER-2026-00417"
