"""``budapest-coop batch``: many requests from a CSV or JSON Lines file, one document each."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TextIO

import click

from budapest_coop.cli._options import languages_option

__all__ = ["batch_command", "format_progress"]


def format_progress(done: int, total: int | None, rate: float, eta: float | None) -> str:
    """The progress line: count, rate and estimated time left.

    >>> format_progress(120, 500, 40.0, 9.5)
    '120/500 lines  40.0/s  ETA 0:00:10'
    >>> format_progress(7, None, 3.5, None)
    '7 lines  3.5/s'
    """
    count = f"{done}/{total}" if total else f"{done}"
    line = f"{count} lines  {rate:.1f}/s"
    if eta is not None:
        seconds = round(eta)
        line += f"  ETA {seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return line


class _Bar:
    """Progress on a terminal: one line, rewritten in place."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.width = 0

    def __call__(self, progress: object) -> None:
        from budapest_coop.batch import Progress

        assert isinstance(progress, Progress)
        line = format_progress(progress.done, progress.total, progress.rate, progress.eta)
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = len(line)

    def close(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()


@click.command("batch")
@click.argument("source", metavar="INPUT", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False), help="Output directory.")
@click.option(
    "-f", "--format", "formats", multiple=True, default=("pdf",), show_default=True, help="Output format (repeatable)."
)
@languages_option
@click.option(
    "--case",
    type=click.Path(exists=True, dir_okay=False),
    help="A request (budapest-coop JSON) whose fields every row inherits: authorities, offences, facts...",
)
@click.option(
    "--kind",
    default="preservation-request",
    show_default=True,
    type=click.Choice(["preservation-request", "subscriber-information-request", "preservation-order"]),
    help="Request kind of CSV rows (without --case).",
)
@click.option(
    "--input-format",
    type=click.Choice(["csv", "jsonl"]),
    help="Input format; by default from the suffix (.csv, .jsonl).",
)
@click.option(
    "--group-by",
    type=click.Choice(["row", "reference", "custodian"]),
    default="row",
    show_default=True,
    help="One request per row, per reference, or per requested Party and custodian.",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: the number of CPUs).")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default="error",
    show_default=True,
    help="Findings at this level stop a request from being written.",
)
@click.option("--force", is_flag=True, help="Produce every request again, even those an earlier run finished.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="Validate as if on this date (YYYY-MM-DD).")
@click.option("--letterhead", help="Letterhead lines at the top of each document (text, markdown and html).")
@click.option("--durable", is_flag=True, help="fsync every document before renaming it (slower).")
def batch_command(
    *,
    source: str,
    out_dir: str,
    formats: tuple[str, ...],
    languages: tuple[str, ...],
    case: str | None,
    kind: str,
    input_format: str | None,
    group_by: str,
    jobs: int | None,
    fail_on: str,
    force: bool,
    today: dt.datetime | None,
    letterhead: str | None,
    durable: bool,
) -> None:
    """Validate and render every request of INPUT (CSV or JSON Lines) into a directory.

    Each document is written whole or not at all; DIR/manifest.jsonl lists every request
    with its input lines, files and SHA-256, DIR/errors.jsonl every line that gave no
    document. Running again skips what is already done. Exit status: 0 all produced,
    1 some lines or requests failed (the others are produced), 2 unusable input.

        budapest-coop batch ips.csv --case case.json --group-by custodian -o out --lang en --lang fr
    """
    from budapest_coop.batch import InputError, run

    options: dict[str, object] = {}
    if letterhead is not None:
        options["letterhead"] = letterhead.replace("\\n", "\n")
    bar = _Bar(sys.stderr) if sys.stderr.isatty() else None
    try:
        result = run(
            source,
            out_dir,
            jobs=jobs,
            formats=formats,
            languages=languages,
            input_format=input_format,
            kind=kind,
            case=case,
            group_by=group_by,
            fail_on=fail_on,
            force=force,
            today=today.date() if today is not None else None,
            options=options,
            durable=durable,
            progress=bar,
        )
    except InputError as exc:
        if bar is not None:
            bar.close()
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        if bar is not None:
            bar.close()
        click.echo("interrupted: run the same command again to finish (finished documents are kept)", err=True)
        sys.exit(130)
    if bar is not None:
        bar.close()
    click.echo(result.summary(), err=True)
    if result.failed or result.bad_lines:
        click.echo(f"see {result.errors} for the lines and the reasons", err=True)
    sys.exit(result.exit_status)
