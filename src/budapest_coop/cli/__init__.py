"""The ``budapest-coop`` command line.

Each command lives in its own module of this package and is imported only when it runs, so
that ``budapest-coop --help`` and light commands start fast. Register a command by adding
one line to ``COMMANDS``.
"""

from __future__ import annotations

import importlib
import sys

import click

from budapest_coop import __version__

__all__ = ["COMMANDS", "main"]

#: Command name -> "module:attribute" of its click command.
COMMANDS: dict[str, str] = {
    "deadlines": "budapest_coop.cli.deadlines:deadlines_command",
    "authorities": "budapest_coop.cli.authorities:authorities",
    "batch": "budapest_coop.cli.batch:batch_command",
    "articles": "budapest_coop.cli.articles:articles",
    "example": "budapest_coop.cli.basic:example",
    "parties": "budapest_coop.cli.parties:parties",
    "party": "budapest_coop.cli.party:party",
    "route": "budapest_coop.cli.route:route",
    "render": "budapest_coop.cli.render:render",
    "schema": "budapest_coop.cli.basic:schema",
    "validate": "budapest_coop.cli.validate:validate",
}

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(cls=_LazyGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="budapest-coop")
def main() -> None:
    """Draft, check and render co-operation requests under the Budapest Convention (ETS 185).

    Requests are JSON documents in the budapest-coop wire format; start from an example:

        budapest-coop example preservation-request > request.json
    """


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
