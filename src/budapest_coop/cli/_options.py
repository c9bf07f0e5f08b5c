"""Options several commands share, declared once so that they read the same everywhere."""

from __future__ import annotations

import click

__all__ = ["languages_option"]

#: ``-l/--lang``, repeatable: the languages of the documents (two give bilingual documents).
languages_option = click.option(
    "-l",
    "--lang",
    "languages",
    multiple=True,
    default=("en",),
    show_default=True,
    help="Output language; give it twice for a bilingual document (--lang en --lang fr).",
)
