"""``budapest-coop route FILE``: the channels a request can take, and what each rests on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from budapest_coop.cli._registry import DATE, directory_options, echo_json, load_registry
from budapest_coop.errors import BudapestCoopError
from budapest_coop.model import REQUEST_TYPES
from budapest_coop.wire import loads


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@directory_options
@click.option("--today", type=DATE, help="The date of transmission (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def route(file: Path, directories: tuple[Path, ...], lenient: bool, today: dt.date | None, as_json: bool) -> None:
    """Advise by which channels the request in FILE can travel to the requested Party.

    Advice, not a legal judgment: each option gives its legal basis, its conditions and the
    facts it rests on, with how far each was verified.
    """
    registry = load_registry(directories, lenient=lenient)
    day = today or dt.date.today()
    try:
        request = loads(file.read_text(encoding="utf-8"))
        if not isinstance(request, REQUEST_TYPES):
            raise click.ClickException(f"{file}: routing applies to requests, not to a {request.KIND}")
        options = registry.route(request, today=day)
    except BudapestCoopError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        echo_json({"on": day.isoformat(), "options": [o.to_dict() for o in options]})
        return
    if not options:
        parties = [p for p in (request.requesting_party, request.requested_party) if p]
        status = ", ".join(f"{p}: {registry.status(p, 'ETS185', day)}" for p in parties)
        click.echo(f"No Convention channel on {day.isoformat()}: both States must be Parties to ETS 185 ({status}).")
        return
    click.echo(f"Routes for {request.KIND} to {request.requested_party} on {day.isoformat()}:")
    for number, option in enumerate(options, 1):
        click.echo(f"\n{number}. {option.channel.value}, {option.legal_basis}  [confidence: {option.confidence}]")
        for record in option.recipients:
            click.echo(f"   to: {record.name.original} [{record.id}]")
        if option.copy_required:
            copy = ", ".join(r.name.original for r in option.copy_to) or "the requested Party's central authority"
            via = ", ".join(r.name.original for r in option.copy_via) or "your central authority"
            click.echo(f"   copy to: {copy}, through {via}")
        for condition in option.conditions:
            click.echo(f"   - {condition}")
        click.echo("   rests on:")
        for basis in option.rests_on:
            click.echo(f"     * {basis.statement} [{basis.confidence}; {', '.join(basis.source)}]")
