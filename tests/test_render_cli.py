"""``budapest-coop render``: formats, languages, output files, warnings and exit statuses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from budapest_coop import examples
from budapest_coop.cli import main
from budapest_coop.render import register_renderer, unregister_renderer
from budapest_coop.render.document import LocalizedDocument


@pytest.fixture
def request_file(tmp_path: Path) -> Path:
    """The example preservation request written to a file."""
    path = tmp_path / "request.json"
    path.write_text(examples.text("preservation-request"), encoding="utf-8")
    return path


class Binary:
    """A renderer of binary output, to test how the command writes it."""

    name: ClassVar[str] = "binary-test"
    media_type: ClassVar[str] = "application/octet-stream"
    extension: ClassVar[str] = ".bin"

    def render(self, document: LocalizedDocument) -> bytes:
        return b"\x00\x01" + document.digest.encode()


@pytest.fixture
def binary_renderer() -> Iterator[None]:
    """A binary renderer registered for the duration of a test."""
    register_renderer(Binary())
    yield
    unregister_renderer("binary-test")


def test_text_to_standard_output(request_file: Path) -> None:
    """A textual format without -o goes to standard output."""
    result = CliRunner().invoke(main, ["render", str(request_file), "--format", "text"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Data preservation request under Articles 29 and 30")
    assert result.stderr == ""


def test_bilingual_html_to_a_file_with_warnings_on_stderr(request_file: Path, tmp_path: Path) -> None:
    """-o writes the file (nothing else is left in the directory) and warnings go to standard error."""
    out = tmp_path / "out" / "request.html"
    out.parent.mkdir()
    result = CliRunner().invoke(
        main, ["render", str(request_file), "-f", "html", "--lang", "en", "--lang", "ar", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "warning: section 8" in result.stderr
    assert "no text in 'ar'" in result.stderr
    assert "'ar' are a draft translation" in result.stderr
    assert out.read_bytes().startswith(b"<!DOCTYPE html>")
    assert [p.name for p in out.parent.iterdir()] == ["request.html"]


def test_output_replaces_an_existing_file(request_file: Path, tmp_path: Path) -> None:
    """Rendering over an existing file replaces it whole."""
    out = tmp_path / "request.md"
    out.write_text("old content that is longer than nothing" * 1000)
    result = CliRunner().invoke(main, ["render", str(request_file), "-f", "markdown", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("# Data preservation request")


def test_standard_input_and_dash_output(request_file: Path) -> None:
    """'-' reads the request from standard input; '-o -' writes to standard output."""
    result = CliRunner().invoke(
        main, ["render", "-", "-f", "json", "-o", "-"], input=request_file.read_text(encoding="utf-8")
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("{")


def test_binary_output_needs_a_file(request_file: Path, tmp_path: Path, binary_renderer: None) -> None:
    """A binary format is not written to the terminal by default, only to -o FILE or -o -."""
    result = CliRunner().invoke(main, ["render", str(request_file), "-f", "binary-test"])
    assert result.exit_code == 2
    assert "binary" in result.stderr
    out = tmp_path / "request.bin"
    result = CliRunner().invoke(main, ["render", str(request_file), "-f", "binary-test", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_bytes().startswith(b"\x00\x01")
    result = CliRunner().invoke(main, ["render", str(request_file), "-f", "binary-test", "-o", "-"])
    assert result.stdout_bytes.startswith(b"\x00\x01")


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    """A missing file or an invalid document is an input error (exit 2) with the reason."""
    result = CliRunner().invoke(main, ["render", str(tmp_path / "none.json"), "-f", "text"])
    assert result.exit_code == 2
    assert "cannot read" in result.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "budapest-coop", "version": 1, "kind": "preservation-request", "data": {"x": 1}}')
    result = CliRunner().invoke(main, ["render", str(bad), "-f", "text"])
    assert result.exit_code == 2
    assert "$.data.x: unknown key" in result.stderr


def test_unknown_format_exits_2(request_file: Path) -> None:
    """An unknown format is a usage error naming the available formats."""
    result = CliRunner().invoke(main, ["render", str(request_file), "-f", "odt"])
    assert result.exit_code == 2
    assert "available:" in result.stderr


def test_render_error_exits_1(request_file: Path, tmp_path: Path) -> None:
    """A rendering failure (here: a broken template) exits 1 and leaves no output file."""
    template = tmp_path / "page.html"
    template.write_text("{{ no_such_variable }}")
    out = tmp_path / "page-out.html"
    result = CliRunner().invoke(
        main, ["render", str(request_file), "-f", "html", "--template", str(template), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "error: template" in result.stderr
    assert not out.exists()


def test_letterhead_option(request_file: Path) -> None:
    """--letterhead puts its lines (separated by \\n) at the top."""
    result = CliRunner().invoke(
        main, ["render", str(request_file), "-f", "text", "--letterhead", "MINISTRY OF JUSTICE\\nUnit 4"]
    )
    assert result.stdout.startswith("MINISTRY OF JUSTICE\nUnit 4\n\n")
