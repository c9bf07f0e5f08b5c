"""``budapest-coop render``: a request file to a document in PDF, DOCX, HTML, Markdown, text or JSON."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from budapest_coop._files import write_atomically
from budapest_coop.cli._options import languages_option
from budapest_coop.errors import BudapestCoopError, WireFormatError
from budapest_coop.wire import WireObject, loads

__all__ = ["render", "write_atomically"]


def _read(file: str) -> WireObject:
    source = "<stdin>" if file == "-" else file
    try:
        text = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        click.echo(f"error: cannot read {source}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    try:
        return loads(text, source=source)
    except WireFormatError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-f", "--format", "fmt", default="pdf", show_default=True, help="Output format (see --list-formats).")
@languages_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, writable=True),
    help="Output file, written atomically; '-' (or none, for textual formats) writes to standard output.",
)
@click.option("--letterhead", help="Letterhead lines at the top (text, markdown and html formats).")
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False),
    help="A jinja2 template to use instead of the built-in HTML layout (runs in a sandbox).",
)
def render(
    *, file: str, fmt: str, languages: tuple[str, ...], output: str | None, letterhead: str | None, template: str | None
) -> None:
    """Render the request in FILE (budapest-coop JSON; '-' for standard input) as a document.

    Warnings (missing translations, draft translations) go to standard error. Exit status:
    0 success, 1 rendering failed, 2 unreadable input or bad usage.

        budapest-coop render request.json --format pdf --lang en --lang fr -o request.pdf
    """
    from budapest_coop.render import get_renderer, render_with_report
    from budapest_coop.render._api import is_textual

    try:
        renderer = get_renderer(fmt)
    except BudapestCoopError as exc:
        raise click.BadParameter(str(exc), param_hint="'--format'") from None
    textual = is_textual(renderer.media_type)
    if output is None and not textual:
        raise click.UsageError(f"{fmt} output is binary: give -o FILE (or -o - to write it to standard output)")
    options: dict[str, object] = {}
    if letterhead is not None:
        options["letterhead"] = letterhead.replace("\\n", "\n")
    if template is not None:
        options["template"] = Path(template).read_text(encoding="utf-8")
    request = _read(file)
    try:
        result = render_with_report(request, renderer, languages=languages, **options)
    except (BudapestCoopError, TypeError, ValueError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if output is None or output == "-":
        stream = sys.stdout.buffer
        stream.write(result.content)
        stream.flush()
    else:
        try:
            write_atomically(Path(output), result.content)
        except OSError as exc:
            click.echo(f"error: cannot write {output}: {exc.strerror or exc}", err=True)
            sys.exit(1)
