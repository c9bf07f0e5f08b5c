"""The ``budapest-coop`` command line."""

from __future__ import annotations

import json
import sys
from importlib import resources

import click

from budapest_coop import __version__
from budapest_coop.wire import KINDS, json_schema

__all__ = ["main"]

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def example_text(kind: str) -> str:
    """The bundled complete example document of *kind* (wire format, indented)."""
    return (resources.files("budapest_coop") / "examples" / f"{kind}.json").read_text(encoding="utf-8")


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="budapest-coop")
def main() -> None:
    """Draft, check and render co-operation requests under the Budapest Convention (ETS 185).

    Requests are JSON documents in the budapest-coop wire format; start from an example:

        budapest-coop example preservation-request > request.json
    """


@main.command()
@click.argument("kind", type=click.Choice(sorted(KINDS)))
def example(kind: str) -> None:
    """Print a complete example document of KIND (fictional case data)."""
    click.echo(example_text(kind), nl=False)


@main.command()
@click.argument("kind", type=click.Choice(sorted(KINDS)))
def schema(kind: str) -> None:
    """Print the JSON Schema (draft 2020-12) of a document of KIND."""
    click.echo(json.dumps(json_schema(kind), indent=2, ensure_ascii=False))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
