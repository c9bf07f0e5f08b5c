"""``budapest-coop authorities CODE``: a State's authorities from the directory."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from budapest_coop.cli._registry import DATE, authority_lines, directory_options, echo_json, load_registry
from budapest_coop.errors import UnknownPartyError
from budapest_coop.model import Role
from budapest_coop.registry import DEFAULT_MAX_AGE


@click.command()
@click.argument("code")
@click.option("--role", type=click.Choice([r.value for r in Role]), help="Only the authorities with this role.")
@directory_options
@click.option(
    "--max-age",
    type=click.IntRange(min=0),
    default=DEFAULT_MAX_AGE.days,
    show_default=True,
    help="Days after which a record's last verification is stale.",
)
@click.option("--today", type=DATE, help="The date to judge staleness on (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (directory records, with a 'stale' flag).")
def authorities(
    code: str,
    *,
    role: str | None,
    directories: tuple[Path, ...],
    lenient: bool,
    max_age: int,
    today: dt.date | None,
    as_json: bool,
) -> None:
    """List the authorities of the State CODE: central authority, 24/7 point of contact and others.

    The package ships public designations only (agency names); load your own directory with
    --directory for contact details.
    """
    registry = load_registry(directories, lenient=lenient)
    try:
        party = registry.party(code)
    except UnknownPartyError as exc:
        raise click.ClickException(str(exc)) from exc
    day = today or dt.date.today()
    age = dt.timedelta(days=max_age)
    records = registry.authorities(party.code, role)
    if as_json:
        echo_json([{**r.to_dict(), "stale": r.is_stale(max_age=age, today=day)} for r in records])
        return
    what = f" with role {role}" if role else ""
    if not records:
        click.echo(f"No authority of {party.code}{what} in the directory.")
        return
    click.echo(f"Authorities of {party.name()} ({party.code}){what}: {len(records)}")
    for record in records:
        click.echo("\n".join(authority_lines(record, today=day, max_age=age)))
