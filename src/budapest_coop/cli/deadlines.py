"""``budapest-coop deadlines``: the clock of a case file."""

from __future__ import annotations

import datetime as dt
import json
import pathlib

import click

from budapest_coop._files import write_atomically
from budapest_coop.errors import WireFormatError
from budapest_coop.lifecycle import DeadlinePolicy, deadlines, to_data, to_ical
from budapest_coop.model import CaseFile
from budapest_coop.wire import loads


@click.command()
@click.argument("case_file", type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path))
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="Evaluate as of this date (default: now).")
@click.option(
    "--ics", "ics_path", type=click.Path(dir_okay=False, path_type=pathlib.Path), help="Also write an iCalendar file."
)
@click.option("--json", "as_json", is_flag=True, help="Print the deadlines as JSON.")
@click.option(
    "--margin",
    type=click.IntRange(min=1),
    default=14,
    show_default=True,
    help="Days before preservation ends by which the follow-up request should be sent.",
)
def deadlines_command(
    case_file: pathlib.Path, today: dt.datetime | None, ics_path: pathlib.Path | None, as_json: bool, margin: int
) -> None:
    """Show the deadlines of CASE_FILE (a case-file document): preservation end, follow-up, renewals."""
    try:
        case = loads(case_file.read_bytes(), CaseFile, source=str(case_file))
    except WireFormatError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(2) from None
    when = today.date() if today is not None else None
    found = deadlines(case, today=when, policy=DeadlinePolicy(mla_send_margin_days=margin))
    if ics_path is not None:
        write_atomically(ics_path, to_ical(found, case_reference=case.reference))
    if as_json:
        click.echo(json.dumps({"case": case.reference, "deadlines": to_data(found)}, indent=2, ensure_ascii=False))
        return
    if not found:
        click.echo("No deadline is running (no preservation has been executed yet).")
        return
    for deadline in found:
        if deadline.due is None:
            when_text = "until the decision on the follow-up request"
        else:
            when_text = (
                f"{deadline.due:%Y-%m-%d %H:%M} {deadline.due.tzname()} (= {deadline.due_utc:%Y-%m-%d %H:%M} UTC)"
            )
        cite = f" [{deadline.citation}]" if deadline.citation else ""
        click.echo(f"{deadline.status.value:10} {deadline.kind.value:24} {deadline.request:12} {when_text}{cite}")
        click.echo(f"{'':10} {deadline.description}")
