"""`budapest-coop validate` and `budapest-coop articles`."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
from click.testing import CliRunner

import budapest_coop as bc
from budapest_coop import examples
from budapest_coop.cli import main

TODAY = ["--today", "2026-11-28"]


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_validate_example_exits_zero(tmp_path: Path) -> None:
    """A complete request exits with status 0 and says it has no error."""
    path = _write(tmp_path, "request.json", examples.text("preservation-request"))
    result = CliRunner().invoke(main, ["validate", *TODAY, path])
    assert result.exit_code == 0, result.output
    assert f"{path}: preservation-request PL-CYBER-2026-00417: no error (0 error(s)" in result.output


def test_validate_reports_errors_by_section_and_exits_one(tmp_path: Path) -> None:
    """Errors are printed under their template section with code, path and citation; exit status 1."""
    request = attrs.evolve(examples.load("preservation-request"), necessity=None, preservation_days=30)
    path = _write(tmp_path, "draft.json", bc.dumps(request))
    result = CliRunner().invoke(main, ["validate", *TODAY, path])
    assert result.exit_code == 1
    assert "  Necessity of preservation\n    error PRES-05 necessity\n" in result.output
    assert "[ETS 185 Art. 29(7)]" in result.output


def test_validate_json_and_french(tmp_path: Path) -> None:
    """--json prints one entry per file with the report; --locale fr translates the messages."""
    request = attrs.evolve(examples.load("preservation-request"), necessity=None)
    good = _write(tmp_path, "good.json", examples.text("subscriber-information-request"))
    bad = _write(tmp_path, "bad.json", bc.dumps(request))
    result = CliRunner().invoke(main, ["validate", *TODAY, "--json", "--locale", "fr", good, bad])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert [(d["file"], d["report"]["ok"]) for d in data] == [(good, True), (bad, False)]
    finding = next(f for f in data[1]["report"]["findings"] if f["code"] == "PRES-05")
    assert finding == {
        "code": "PRES-05",
        "severity": "error",
        "citation": "ETS 185 Art. 29(2)(e)",
        "path": "necessity",
        "message": "La demande n'explique pas pourquoi la conservation est nécessaire.",
    }


def test_validate_unreadable_input_exits_two(tmp_path: Path) -> None:
    """A malformed document or a missing file prints its problems and gives exit status 2."""
    broken = _write(tmp_path, "broken.json", '{"format": "budapest-coop", "version": 1, "kind": "nope", "data": {}}')
    good = _write(tmp_path, "good.json", examples.text("preservation-order"))
    result = CliRunner().invoke(main, ["validate", *TODAY, broken, str(tmp_path / "missing.json"), good])
    assert result.exit_code == 2
    assert "broken.json: cannot be read (1 problem(s))\n  $.kind: unknown kind 'nope'" in result.output
    assert "missing.json: cannot be read" in result.output
    assert "preservation-order OPD-2026-PRES-0193: no error" in result.output
    as_json = CliRunner().invoke(main, ["validate", "--json", broken])
    assert as_json.exit_code == 2
    assert json.loads(as_json.output)[0]["problems"][0]["path"] == "$.kind"


def test_validate_reads_standard_input() -> None:
    """`-` reads the document from standard input."""
    result = CliRunner().invoke(main, ["validate", *TODAY, "-"], input=examples.text("preservation-request"))
    assert result.exit_code == 0
    assert result.output.startswith("-: preservation-request")


def test_articles_lists_instruments_and_rules() -> None:
    """Without arguments, every instrument and article is listed with the rules citing it."""
    result = CliRunner().invoke(main, ["articles"])
    assert result.exit_code == 0
    assert "ETS 185 Art. 29  Expedited preservation of stored computer data  (rules: " in result.output
    assert "CETS 224 Art. 9  Expedited disclosure of stored computer data in an emergency [unverified (recalled)]" in (
        result.output
    )
    assert "treatynum=224" in result.output


def test_articles_shows_one_article_in_full() -> None:
    """With an instrument and number, the article's paraphrase, paragraphs, deadlines and rules are shown."""
    result = CliRunner().invoke(main, ["articles", "ETS 185", "29"])
    assert result.exit_code == 0
    assert "  (2)(e)\n    It explains why preservation is necessary." in result.output
    assert "min_preservation: minimum 60 days (ETS 185 Art. 29(7))" in result.output
    assert "  PRES-05 (error)\n" in result.output
    protocol = CliRunner().invoke(main, ["articles", "CETS224", "8"])
    assert (
        "cets224_return_subscriber_information: maximum 20 days (CETS 224 Art. 8(6)(a)(i)) [unverified (recalled)]"
        in (protocol.output)
    )


def test_articles_refuses_unknown_provisions() -> None:
    """An unknown instrument or article is a usage error (exit status 2)."""
    assert CliRunner().invoke(main, ["articles", "ETS999"]).exit_code == 2
    result = CliRunner().invoke(main, ["articles", "ETS185", "99"])
    assert result.exit_code == 2
    assert "Art. 99 is not in budapest_coop's data" in result.output
