"""``budapest-coop example`` and ``budapest-coop schema``."""

from __future__ import annotations

import json

import click

from budapest_coop import examples
from budapest_coop.wire import KINDS, json_schema


@click.command()
@click.argument("kind", type=click.Choice(sorted(KINDS)))
def example(kind: str) -> None:
    """Print a complete example document of KIND (fictional case data)."""
    click.echo(examples.text(kind), nl=False)


@click.command()
@click.argument("kind", type=click.Choice(sorted(KINDS)))
def schema(kind: str) -> None:
    """Print the JSON Schema (draft 2020-12) of a document of KIND."""
    click.echo(json.dumps(json_schema(kind), indent=2, ensure_ascii=False))
