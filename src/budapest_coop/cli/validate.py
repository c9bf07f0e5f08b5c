"""``budapest-coop validate``: check request documents and report what is missing."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import click

from budapest_coop.errors import WireFormatError, WireProblem
from budapest_coop.model import CaseFile
from budapest_coop.wire import loads


def _read(path: str) -> str:
    with click.open_file(path, encoding="utf-8") as handle:
        text: str = handle.read()
    return text


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON instead of text.")
@click.option("--locale", default="en", show_default=True, help="Language of the messages (en, fr).")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Validate as if on this date (YYYY-MM-DD); default: today.",
)
def validate(files: tuple[str, ...], as_json: bool, locale: str, today: dt.datetime | None) -> None:
    """Check request documents (FILE... in the wire format; - reads standard input).

    Prints every finding grouped by template section, with its code, field path and the
    article that requires what is missing. A case file is checked as a whole too: refusal
    grounds, expired preservations and duplicate requests. Exit status: 0 when no file has an error, 1 when
    some file has errors, 2 when some file cannot be read.
    """
    from budapest_coop.validation import validate as run

    day = today.date() if today is not None else None
    unreadable = failed = False
    results: list[dict[str, Any]] = []
    for path in files:
        try:
            document = loads(_read(path), source=path)
        except WireFormatError as exc:
            unreadable = True
            _emit_problem(results, as_json, path, exc.problems)
            continue
        except (OSError, UnicodeDecodeError) as exc:
            unreadable = True
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            _emit_problem(results, as_json, path, [WireProblem("$", f"cannot read the file: {reason}")])
            continue
        if isinstance(document, CaseFile):
            from budapest_coop.lifecycle import check_case

            report: Any = check_case(document, today=day, locale=locale)
        else:
            report = run(document, today=day, locale=locale)
        failed = failed or not report.ok
        if as_json:
            results.append({"file": path, "readable": True, "report": report.to_dict()})
        else:
            click.echo(report.to_text(source=path))
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    raise SystemExit(2 if unreadable else 1 if failed else 0)


def _emit_problem(results: list[dict[str, Any]], as_json: bool, path: str, problems: Any) -> None:
    if as_json:
        results.append(
            {
                "file": path,
                "readable": False,
                "problems": [{"path": p.path, "message": p.message} for p in problems],
            }
        )
        return
    click.echo(f"{path}: cannot be read ({len(problems)} problem(s))", err=True)
    for problem in problems:
        click.echo(f"  {problem}", err=True)
