"""``budapest-coop party CODE``: one State's record with its provenance."""

from __future__ import annotations

import click

from budapest_coop.cli._registry import echo_json
from budapest_coop.errors import UnknownPartyError
from budapest_coop.registry import FIELDS, Registry


@click.command()
@click.argument("code")
@click.option("--locale", default="en", show_default=True, help="Language of the country name (BCP 47 tag).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the data record with its sources).")
def party(code: str, locale: str, as_json: bool) -> None:
    """Show the record of the State CODE (ISO 3166-1 alpha-2): status, entries, provenance."""
    registry = Registry.default()
    try:
        found = registry.party(code)
    except UnknownPartyError as exc:
        raise click.ClickException(str(exc)) from exc
    sources = {key: registry.sources[key].to_dict() for key in found.source if key in registry.sources}
    for entry in found.entries:
        sources.update({key: registry.sources[key].to_dict() for key in entry.source if key in registry.sources})
    if as_json:
        echo_json({**found.to_dict(), "as_of": found.as_of.isoformat(), "sources": sources})
        return
    member = {True: "yes", False: "no", None: "n/a"}[found.coe_member]
    if found.coe_expelled_on:
        member += f" (expelled {found.coe_expelled_on.isoformat()})"
    click.echo(f"{found.name(locale)} ({found.code}): data as of {found.as_of.isoformat()}, record {found.confidence}")
    if not found.is_state:
        click.echo("Not a State.")
    click.echo(f"Council of Europe member: {member}")
    click.echo("Languages accepted: " + (", ".join(found.languages) if found.languages else "unknown (not recorded)"))
    for record in found.instruments:
        qualifier = record.qualifier("status")
        how = f"{record.confidence('status')}" + (f"; {qualifier}" if qualifier else "")
        click.echo(f"\n{record.instrument}: {record.status}  [{how}]")
        for field in FIELDS[1:]:
            value = getattr(record, field)
            if value is None:
                continue
            qualifier = record.qualifier(field)
            how = f"{record.confidence(field)}" + (f"; {qualifier}" if qualifier else "")
            label = field.replace("_", " ")
            if field == "deposit" and record.deposit_kind:
                label += f" ({record.deposit_kind})"
            if field == "entry_into_force" and record.entry_into_force_computed:
                label += " (computed)"
            click.echo(f"  {label}: {value}  [{how}]")
        if record.status != "none":
            click.echo(
                f"  reservations recorded: {record.reservations_recorded}; "
                f"declarations recorded: {record.declarations_recorded}"
            )
    if found.entries:
        click.echo("\nReservations, declarations and designations:")
        for entry in found.entries:
            state = "" if entry.in_effect() else f" (withdrawn {entry.withdrawn_on})"
            click.echo(f"  {entry.code} {entry.kind}{state} [{entry.confidence}; {', '.join(entry.source)}]")
            click.echo(f"      {entry.note}")
    if found.notes:
        click.echo(f"\nNotes: {found.notes}")
    click.echo("\nSources:")
    for key, source in sources.items():
        where = "; ".join(source["urls"]) or source["address_note"] or "address not recorded"
        click.echo(f"  {key} ({source['type']}): {source['title']}\n      {where}")
