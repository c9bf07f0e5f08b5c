"""Batch generation: bad rows reported and never fatal, atomic files, manifest, resume, exit status."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from budapest_coop import batch
from budapest_coop.cli import main
from tests.batch_data import read_jsonl, write_case, write_rows

EPOCH = {"SOURCE_DATE_EPOCH": "1772582400"}


def _files(directory: Path) -> dict[str, str]:
    """Every file of *directory* (hidden ones too) with its SHA-256."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.iterdir())
        if path.is_file()
    }


def _error_lines(out: Path) -> set[int]:
    return {int(error["line"]) for error in read_jsonl(out / batch.ERRORS)}  # type: ignore[call-overload]


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return write_case(tmp_path / "case.json")


def test_500_rows_with_25_bad_ones(tmp_path: Path, case: Path) -> None:
    source = tmp_path / "rows.csv"
    bad = write_rows(source, 500, bad_every=20)
    assert len(bad) == 25
    out = tmp_path / "out"
    result = batch.run(source, out, case=case, formats=["html"], jobs=2, today=None)
    assert result.written == 475
    assert result.failed + result.bad_lines == 25
    assert result.exit_status == 1
    assert _error_lines(out) == set(bad)
    errors = read_jsonl(out / batch.ERRORS)
    assert all(error["message"] for error in errors)
    by_line = {error["line"]: error for error in errors}
    assert by_line[bad[0]]["field"] == "identifier"  # bad ip
    assert by_line[bad[1]]["field"] == "identifier.observed_at"  # naive timestamp
    assert "time zone" in str(by_line[bad[1]]["message"])
    assert by_line[bad[2]]["field"] == "requested_party"  # unknown country
    assert by_line[bad[3]]["code"] == "PRES-02"  # missing facts: ETS 185 Art. 29(2)(b)
    assert by_line[bad[3]]["citation"] == "ETS 185 Art. 29(2)(b)"
    assert "quot" in str(by_line[bad[4]]["message"])  # broken quoting
    documents = sorted(path for path in out.iterdir() if path.suffix == ".html")
    assert len(documents) == 475
    assert not [path for path in out.iterdir() if path.name.startswith(".")], "temporary files left behind"
    manifest = read_jsonl(out / batch.MANIFEST)
    assert [entry["index"] for entry in manifest] == sorted(entry["index"] for entry in manifest)
    written = [entry for entry in manifest if entry["status"] == "ok"]
    assert len(written) == 475
    entry = written[0]
    assert entry["lines"] == [2]
    assert entry["reference"] == "LY-2026-0001"
    assert entry["kind"] == "preservation-request"
    assert entry["requested_party"] == "NO"
    (output,) = entry["outputs"]
    assert output["path"] == "LY-2026-0001.html"
    assert output["sha256"] == hashlib.sha256((out / "LY-2026-0001.html").read_bytes()).hexdigest()
    assert "ID-02" in entry["codes"]
    assert entry["findings"]["error"] == 0


def test_a_document_shows_the_row_and_the_case(tmp_path: Path, case: Path) -> None:
    source = tmp_path / "rows.csv"
    write_rows(source, 3)
    out = tmp_path / "out"
    batch.run(source, out, case=case, formats=["text"], jobs=1, durable=True)
    text = (out / "LY-2026-0002.txt").read_text(encoding="utf-8")
    assert "LY-2026-0002" in text
    assert "Beispiel Rechenzentrum GmbH" in text  # from the row
    assert "Parquet de Lyon" in text  # from the case file
    assert "203.0.113.3" in text


def _run_cli(source: Path, out: Path, case: Path, *extra: str) -> subprocess.Popen[bytes]:
    code = "import sys; from budapest_coop.cli import main; sys.exit(main())"
    argv = [sys.executable, "-c", code, "batch", str(source), "-o", str(out), "--case", str(case), "-f", "pdf"]
    return subprocess.Popen(
        [*argv, *extra],
        env={**os.environ, **EPOCH},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def test_a_killed_run_resumes_to_the_same_directory(tmp_path: Path, case: Path) -> None:
    source = tmp_path / "rows.csv"
    write_rows(source, 120, bad_every=30)
    whole = tmp_path / "whole"
    finished = _run_cli(source, whole, case, "--jobs", "2")
    assert finished.wait(timeout=300) == 1, finished.stderr.read() if finished.stderr else ""

    killed = tmp_path / "killed"
    process = _run_cli(source, killed, case, "--jobs", "2")
    journal = killed / ".manifest.journal"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if journal.exists() and journal.read_bytes().count(b"\n") >= 30:
            break
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert not (killed / batch.MANIFEST).exists(), "the run ended before it could be killed"
    done = [json.loads(line) for line in journal.read_bytes().splitlines() if line.endswith(b"}")]
    finished_files = {
        output["path"]: (killed / output["path"]).stat().st_mtime_ns
        for entry in done
        if entry["status"] == "ok"
        for output in entry["outputs"]
    }
    assert finished_files

    env = os.environ.copy()
    os.environ.update(EPOCH)
    try:
        result = batch.run(source, killed, case=case, formats=["pdf"], jobs=2)
    finally:
        os.environ.clear()
        os.environ.update(env)
    assert result.skipped >= len(finished_files)
    assert result.written + result.skipped == 116
    assert _files(killed) == _files(whole)
    assert (killed / batch.MANIFEST).read_bytes() == (whole / batch.MANIFEST).read_bytes()
    for path, mtime in finished_files.items():
        assert (killed / path).stat().st_mtime_ns == mtime, f"{path} was rendered again"


def test_rerun_skips_finished_work_and_redoes_changed_or_damaged_files(tmp_path: Path, case: Path) -> None:
    source = tmp_path / "rows.csv"
    write_rows(source, 6)
    out = tmp_path / "out"
    first = batch.run(source, out, case=case, formats=["html"], jobs=1)
    assert (first.written, first.skipped) == (6, 0)
    manifest = (out / batch.MANIFEST).read_bytes()

    again = batch.run(source, out, case=case, formats=["html"], jobs=1)
    assert (again.written, again.skipped) == (0, 6)
    assert (out / batch.MANIFEST).read_bytes() == manifest

    (out / "LY-2026-0003.html").write_bytes(b"damaged")
    (out / ".LY-2026-0004.html.abcd1234.tmp").write_bytes(b"left by a killed run")
    text = source.read_text(encoding="utf-8").replace("connection number 5 ", "connection number five ")
    source.write_text(text, encoding="utf-8")
    third = batch.run(source, out, case=case, formats=["html"], jobs=1)
    assert (third.written, third.skipped) == (2, 4)
    assert b"damaged" not in (out / "LY-2026-0003.html").read_bytes()
    assert "connection number five" in (out / "LY-2026-0005.html").read_text(encoding="utf-8")
    assert not (out / ".LY-2026-0004.html.abcd1234.tmp").exists()

    forced = batch.run(source, out, case=case, formats=["html"], jobs=1, force=True)
    assert (forced.written, forced.skipped) == (6, 0)

    other_language = batch.run(source, out, case=case, formats=["html"], languages=["en", "fr"], jobs=1)
    assert other_language.written == 6


def test_group_by_custodian_collects_identifiers(tmp_path: Path, case: Path) -> None:
    source = tmp_path / "ips.csv"
    source.write_text(
        "reference,requested_party,custodian.name,facts.en,identifier.type,identifier,identifier.observed_at,"
        "identifier.service_name\n"
        "RW-7,NO,Example Hosting Norge AS,Facts.,ip-address,203.0.113.1,2026-03-02T02:00:00+01:00,VPS\n"
        "RW-7,DE,Beispiel GmbH,Facts.,ip-address,203.0.113.2,2026-03-02T02:00:00+01:00,VPS\n"
        "RW-7,NO,example  hosting norge as,,ip-address,203.0.113.3,2026-03-02T03:00:00+01:00,VPS\n"
        "RW-7,NO,Example Hosting Norge AS,Other facts.,ip-address,203.0.113.4,2026-03-02T04:00:00+01:00,VPS\n"
        "RW-7,NO,Example Hosting Norge AS,,email,someone@mail.example,,Mail\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = batch.run(source, out, case=case, formats=["json"], group_by="custodian", jobs=1)
    assert (result.requests, result.written, result.bad_lines) == (2, 2, 1)
    manifest = read_jsonl(out / batch.MANIFEST)
    assert [(entry["reference"], entry["lines"]) for entry in manifest] == [
        ("RW-7-01", [2, 4, 6]),
        ("RW-7-02", [3]),
    ]
    (error,) = read_jsonl(out / batch.ERRORS)
    assert (error["line"], error["field"]) == (5, "facts")
    assert "differs from line 2" in str(error["message"])
    document = json.loads((out / "RW-7-01.json").read_text(encoding="utf-8"))
    text = json.dumps(document, ensure_ascii=False)
    assert "203.0.113.1" in text
    assert "203.0.113.3" in text
    assert "someone@mail.example" in text
    assert "203.0.113.2" not in text


def test_group_by_reference(tmp_path: Path, case: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(
        "reference,requested_party,custodian.name,facts.en,identifier.type,identifier,identifier.service_name\n"
        "A-1,NO,Host AS,Facts.,account,acc-1,VPS\n"
        "A-2,NO,Host AS,Facts.,account,acc-2,VPS\n"
        "A-1,NO,Host AS,Facts.,account,acc-3,VPS\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = batch.run(source, out, case=case, formats=["json"], group_by="reference", jobs=1)
    assert result.written == 2
    assert [entry["lines"] for entry in read_jsonl(out / batch.MANIFEST)] == [[2, 4], [3]]


def test_findings_point_at_the_line_of_the_identifier(tmp_path: Path, case: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(
        "reference,requested_party,custodian.name,facts.en,identifier.type,identifier,identifier.service_name\n"
        "A-1,NO,Host AS,Facts.,account,acc-1,VPS\n"
        "A-1,NO,Host AS,Facts.,account,acc-2,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = batch.run(source, out, case=case, formats=["json"], group_by="reference", jobs=1)
    assert result.failed == 1
    (error,) = read_jsonl(out / batch.ERRORS)
    assert (error["line"], error["lines"], error["code"], error["field"]) == (
        3,
        [2, 3],
        "ID-06",
        "identifiers[1].service_name",
    )
    assert not (out / "A-1.json").exists()


def test_fail_on_sets_which_findings_stop_a_request(tmp_path: Path, case: Path) -> None:
    source = tmp_path / "rows.csv"
    write_rows(source, 2)  # the rows give ID-02 warnings (documentation addresses)
    strict = batch.run(source, tmp_path / "strict", case=case, formats=["text"], fail_on="warning", jobs=1)
    assert (strict.written, strict.failed) == (0, 2)
    assert {error["code"] for error in read_jsonl(tmp_path / "strict" / batch.ERRORS)} == {"ID-02"}

    missing_facts = tmp_path / "nofacts.csv"
    missing_facts.write_text(source.read_text(encoding="utf-8").replace("Ransomware attack", ""), encoding="utf-8")
    text = missing_facts.read_text(encoding="utf-8").splitlines()
    text[1] = text[1].replace(text[1].split(",")[5], "")
    missing_facts.write_text("\n".join(text) + "\n", encoding="utf-8")
    lenient = batch.run(missing_facts, tmp_path / "lenient", case=case, formats=["text"], fail_on="never", jobs=1)
    assert (lenient.written, lenient.failed, lenient.exit_status) == (2, 0, 0)
    entry = read_jsonl(tmp_path / "lenient" / batch.MANIFEST)[0]
    assert entry["findings"]["error"] == 1
    assert "PRES-02" in entry["codes"]


def test_multi_line_cells_notes_and_a_byte_order_mark(tmp_path: Path, case: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_bytes(
        "\ufeffreference,requested_party,custodian.name,facts.en,# analyst note,identifier.type,identifier,"
        "identifier.service_name,data_categories,preservation_days,art30_disclosure_requested\n"
        'M-1,NO,Host AS,"First line,\nsecond ""quoted"" line",ignore me,account,acc-1,VPS,'
        "traffic-data; subscriber-information,120,no\n".encode()
    )
    out = tmp_path / "out"
    result = batch.run(source, out, case=case, formats=["json"], jobs=1)
    assert result.written == 1, read_jsonl(out / batch.ERRORS)
    text = (out / "M-1.json").read_text(encoding="utf-8")
    assert 'First line,\\nsecond \\"quoted\\" line' in text
    assert "ignore me" not in text
    manifest = read_jsonl(out / batch.MANIFEST)
    assert manifest[0]["lines"] == [2]


def test_bad_cells_name_the_column_and_the_value(tmp_path: Path, case: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(
        "reference,preservation_days,art30_disclosure_requested,identifier.type,identifier\n"
        "B-1,ninety,,,\n"
        "B-2,,perhaps,,\n"
        "B-3,,,fax,+33 1 23\n"
        "B-4,90\n"
        "B-4,90,yes,,\n"
        "B-4,90,yes,,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = batch.run(source, out, case=case, formats=["text"], jobs=1, fail_on="never")
    errors = {error["line"]: error for error in read_jsonl(out / batch.ERRORS)}
    assert errors[2]["field"] == "preservation_days"
    assert "'ninety'" in str(errors[2]["message"])
    assert errors[3]["field"] == "art30_disclosure_requested"
    assert "'perhaps'" in str(errors[3]["message"])
    assert errors[4]["field"] == "identifier.type"
    assert "2 fields where the header has 5" in str(errors[5]["message"])
    assert errors[7]["field"] == "reference"
    assert "line 6" in str(errors[7]["message"])
    assert result.written == 1


def test_jsonl_input(tmp_path: Path) -> None:
    from budapest_coop import examples

    good = examples.text("preservation-request").replace("\n", "")
    second = good.replace("PL-CYBER-2026-00417", "PL-CYBER-2026-00418")
    broken = good.replace('"198.51.100.23"', '"198.51.100.523"')
    source = tmp_path / "requests.jsonl"
    case_file = json.dumps({"format": "budapest-coop", "version": 1, "kind": "case-file", "data": {}})
    source.write_text("\n".join([good, "{not json", broken, "", case_file, second]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = batch.run(source, out, formats=["json"], jobs=1)
    assert result.written == 2
    errors = read_jsonl(out / batch.ERRORS)
    assert [error["line"] for error in errors] == [2, 3, 5]
    assert errors[1]["field"] == "$.data.identifiers[2].address"
    assert "case-file" in str(errors[2]["message"])
    assert {entry["reference"] for entry in read_jsonl(out / batch.MANIFEST)} == {
        "PL-CYBER-2026-00417",
        "PL-CYBER-2026-00418",
    }
    assert (out / "PL-CYBER-2026-00418.json").exists()


def test_unusable_input_raises_and_touches_nothing(tmp_path: Path, case: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text("reference,custodian.nmae,identifier.colour\nA,B,C\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(batch.InputError, match=r"line 1: unknown columns .*'custodian\.nmae', 'identifier\.colour'"):
        batch.run(source, out, case=case, formats=["text"])
    assert not out.exists()
    with pytest.raises(batch.InputError, match="no such input file"):
        batch.run(tmp_path / "missing.csv", out)
    with pytest.raises(batch.InputError, match="format"):
        batch.run(source, out, formats=["papyrus"])
    bad_case = tmp_path / "bad-case.json"
    bad_case.write_text('{"format": "budapest-coop", "version": 1, "kind": "preservation-request", "data": {"x": 1}}')
    with pytest.raises(batch.InputError, match=r"\$\.data\.x: unknown key"):
        batch.run(source, out, case=bad_case)


def test_cli_exit_status_summary_and_no_progress_on_a_pipe(tmp_path: Path, case: Path) -> None:
    source = tmp_path / "rows.csv"
    write_rows(source, 4)
    runner = CliRunner()
    args = ["batch", str(source), "--case", str(case), "-o", str(tmp_path / "out"), "-f", "text", "--jobs", "1"]
    ok = runner.invoke(main, args)
    assert ok.exit_code == 0, ok.output
    assert "4 requests: 4 written, 0 skipped" in ok.stderr
    assert "\r" not in ok.stderr
    write_rows(source, 4, bad_every=2)
    some_bad = runner.invoke(main, args)
    assert some_bad.exit_code == 1
    assert "errors.jsonl" in some_bad.stderr
    unusable = runner.invoke(main, ["batch", str(tmp_path / "none.csv"), "-o", str(tmp_path / "x")])
    assert unusable.exit_code == 2
    assert "no such input file" in unusable.stderr


def test_progress_reports_reach_the_callback(tmp_path: Path, case: Path) -> None:
    source = tmp_path / "rows.csv"
    write_rows(source, 5, bad_every=5)
    seen: list[batch.Progress] = []
    batch.run(source, tmp_path / "out", case=case, formats=["text"], jobs=1, progress=seen.append)
    last = seen[-1]
    assert (last.done, last.total, last.written, last.bad_lines) == (5, 5, 4, 1)
    assert last.eta == 0


def test_jsonl_lines_inherit_the_case_file(tmp_path: Path, case: Path) -> None:
    def line(reference: str, address: str) -> str:
        data = {
            "reference": reference,
            "requested_party": "NO",
            "facts": {"en": "Facts of the case."},
            "custodian": {"name": "Example Hosting Norge AS"},
            "identifiers": [
                {
                    "type": "ip-address",
                    "address": address,
                    "observed_at": "2026-03-02T02:14:55+01:00",
                    "port": 51234,
                    "service_name": "VPS",
                }
            ],
        }
        return json.dumps({"format": "budapest-coop", "version": 1, "kind": "preservation-request", "data": data})

    source = tmp_path / "requests.jsonl"
    source.write_text(line("J-1", "203.0.113.7") + "\n" + line("J-2", "203.0.113.8") + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = batch.run(source, out, case=case, formats=["text"], jobs=1)
    assert result.written == 2, read_jsonl(out / batch.ERRORS)
    text = (out / "J-2.txt").read_text(encoding="utf-8")
    assert "203.0.113.8" in text
    assert "Parquet de Lyon" in text  # the requesting authority comes from the case file


def test_file_names_are_safe_and_never_shared(tmp_path: Path, case: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(
        "reference,requested_party,custodian.name,facts.en,identifier.type,identifier,identifier.service_name\n"
        "A/B,NO,Host AS,Facts.,account,acc-1,VPS\n"
        "A_B,NO,Host AS,Facts.,account,acc-2,VPS\n"
        "../etc,NO,Host AS,Facts.,account,acc-3,VPS\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = batch.run(source, out, case=case, formats=["text"], jobs=1)
    assert result.written == 3
    paths = [entry["outputs"][0]["path"] for entry in read_jsonl(out / batch.MANIFEST)]  # type: ignore[index]
    assert paths[0] == "A_B.txt"
    assert paths[1].startswith("A_B-")
    assert paths[2] == "etc.txt"
    assert sorted(path.name for path in out.glob("*.txt")) == sorted(paths)
