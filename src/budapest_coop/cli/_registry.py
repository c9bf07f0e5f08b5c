"""Helpers shared by the registry commands (parties, party, authorities, route)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from budapest_coop.errors import BudapestCoopError
from budapest_coop.registry import AuthorityRecord, Registry

F = TypeVar("F", bound=Callable[..., Any])


class _Date(click.ParamType):  # type: ignore[type-arg, unused-ignore]
    name = "DATE"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date written YYYY-MM-DD", param, ctx)


DATE = _Date()


def directory_options(function: F) -> F:
    """The --directory and --lenient options."""
    function = click.option(
        "--lenient",
        is_flag=True,
        help="Load the good records of the directory file and report the rejected ones, instead of loading nothing.",
    )(function)
    return click.option(
        "--directory",
        "directories",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        multiple=True,
        help="A private authorities directory (JSON, TOML or CSV) merged over the shipped data; repeatable.",
    )(function)


def load_registry(directories: Sequence[Path], *, lenient: bool) -> Registry:
    """The shipped registry with the directory files merged, reporting rejected records on stderr."""
    registry = Registry.default()
    try:
        for path in directories:
            before = len(registry.rejected)
            registry = registry.with_directory(path, lenient=lenient)
            rejected = registry.rejected[before:]
            if rejected:
                rows = len({p.location for p in rejected})
                click.echo(f"{path}: {rows} record(s) rejected and left out (--lenient):", err=True)
                for problem in rejected:
                    click.echo(f"  {problem}", err=True)
    except BudapestCoopError as exc:
        raise click.ClickException(str(exc)) from exc
    return registry


def echo_json(data: object) -> None:
    """Print *data* as indented JSON."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def authority_lines(record: AuthorityRecord, *, today: dt.date, max_age: dt.timedelta) -> list[str]:
    """A record as indented text lines."""
    territory = f" (for {record.territory} only)" if record.territory else ""
    lines = [f"{record.name.original}{territory}  [{record.id}]"]
    for language, text in list(record.name.items())[1:]:
        lines.append(f"    name ({language}): {text}")
    lines.append(f"    roles: {', '.join(f'{r.value} ({r.citation})' for r in record.roles)}")
    for label in ("person_in_charge", "address", "phone", "mobile", "email", "fax", "office_hours", "time_zone"):
        value = getattr(record, label)
        if value:
            lines.append(f"    {label.replace('_', ' ')}: {value}")
    if record.languages:
        lines.append(f"    languages: {', '.join(record.languages)}")
    if record.channels or record.means:
        lines.append(f"    channels: {', '.join(c.value for c in (*record.channels, *record.means))}")
    if record.valid_from:
        lines.append(f"    applies from: {record.valid_from.isoformat()}")
    if record.notes:
        lines.append(f"    notes: {record.notes}")
    stale = "  STALE" if record.is_stale(max_age=max_age, today=today) else ""
    verified = record.last_verified.isoformat() if record.last_verified else "never"
    lines.append(f"    last verified: {verified}{stale}; confidence: {record.confidence}")
    if record.source:
        lines.append(f"    source: {'; '.join(record.source)}")
    return lines
