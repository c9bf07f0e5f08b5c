"""``budapest-coop parties``: the States and their status for an instrument on a date."""

from __future__ import annotations

import datetime as dt

import click

from budapest_coop.cli._registry import DATE, echo_json
from budapest_coop.registry import INSTRUMENT_KEYS, Registry, Status


@click.command()
@click.option("--instrument", type=click.Choice(INSTRUMENT_KEYS), default="ETS185", show_default=True)
@click.option("--status", type=click.Choice([s.value for s in Status]), help="Only the States with this status.")
@click.option("--on", "on", type=DATE, help="The date (YYYY-MM-DD); default: the status as of the data's date.")
@click.option("--locale", default="en", show_default=True, help="Language of the country names (BCP 47 tag).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def parties(instrument: str, status: str | None, on: dt.date | None, locale: str, as_json: bool) -> None:
    """List the States and their status for an instrument, with the confidence of each record.

    The status is that of the date given with --on (default: as of the data's date). A State
    whose status on that date cannot be told from the data counts as "unknown", never as a guess.
    """
    registry = Registry.default()
    chosen = registry.parties(instrument=instrument, status=status, on=on)
    unknown = () if status in (None, "unknown") else registry.parties(instrument=instrument, status="unknown", on=on)
    when = on.isoformat() if on else f"as of {registry.as_of.isoformat()}"
    if as_json:
        echo_json(
            {
                "instrument": instrument,
                "status": status,
                "on": on.isoformat() if on else None,
                "as_of": registry.as_of.isoformat(),
                "count": len(chosen),
                "parties": [_row(p.code, registry, instrument, on, locale) for p in chosen],
                "status_unknown": [p.code for p in unknown],
            }
        )
        return
    what = f'status "{status}"' if status else "all States"
    click.echo(f"{instrument}, {what}, {when} (data as of {registry.as_of.isoformat()}): {len(chosen)}")
    for party in chosen:
        row = _row(party.code, registry, instrument, on, locale)
        since = row["entry_into_force"] or ""
        name = (row["name"] or "")[:34]
        click.echo(f"{row['code']:<3} {name:<34} {row['status']:<10} {since:<10} {row['confidence']}")
    if unknown:
        codes = ", ".join(p.code for p in unknown)
        click.echo(f"Status on that date unknown from the data for {len(unknown)}: {codes} (see --status unknown)")


def _row(code: str, registry: Registry, instrument: str, on: dt.date | None, locale: str) -> dict[str, str | None]:
    party = registry.party(code)
    record = party.record(instrument)
    return {
        "code": party.code,
        "name": party.name(locale),
        "status": party.status(instrument, on),
        "entry_into_force": record.entry_into_force.isoformat() if record.entry_into_force else None,
        "confidence": str(record.confidence("status") or party.confidence),
    }
