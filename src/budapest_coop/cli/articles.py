"""``budapest-coop articles``: the treaty articles budapest_coop knows, and the rules citing them."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import click

from budapest_coop.errors import UnknownProvisionError

if TYPE_CHECKING:
    from budapest_coop.treaty import Article

_WIDTH = 100


def _wrap(text: str, indent: int) -> str:
    pad = " " * indent
    return "\n".join(textwrap.wrap(text, width=_WIDTH, initial_indent=pad, subsequent_indent=pad))


def _status(value: str) -> str:
    return "" if value == "verified" else f" [{value}]"


@click.command()
@click.argument("instrument", required=False)
@click.argument("number", required=False)
def articles(instrument: str | None, number: str | None) -> None:
    """Show article summaries (our paraphrases) and which validation rules cite them.

    Without arguments, list every instrument and its articles; with INSTRUMENT (ETS185,
    CETS224, T-CY(2018)10, T-CY(2018)11), list its articles; with NUMBER too, show the
    article in full: summary, paragraphs, required elements, deadlines and rules.
    Every fact shows its verification status when it is not "verified".
    """
    from budapest_coop import treaty
    from budapest_coop.validation import catalogue

    try:
        chosen = (treaty.instrument(instrument),) if instrument else treaty.instruments()
        if number is not None:
            _article(chosen[0].article(number))
            return
    except UnknownProvisionError as exc:
        raise click.BadParameter(str(exc), param_hint="INSTRUMENT or NUMBER") from None
    for item in chosen:
        click.echo(f"{item.label}: {item.title}{_status(item.title_status)}")
        click.echo(f"  {item.url_label}: {item.url}")
        for art in item.articles:
            rules = catalogue.citing(art.citation)
            cited = f"  (rules: {', '.join(r.code for r in rules)})" if rules else ""
            click.echo(f"  {art.citation}  {art.title}{_status(art.title_status)}{cited}")
        click.echo()


def _article(art: Article) -> None:
    from budapest_coop import treaty
    from budapest_coop.validation import catalogue

    instrument = treaty.instrument(art.instrument)
    click.echo(f"{art.citation}  {art.title}")
    click.echo(
        f"  Title: {art.title_status.value}; summary: {art.status.value}; sources: {', '.join(art.sources) or '-'}"
    )
    click.echo(f"  Official text: {instrument.url} ({instrument.url_label})")
    click.echo()
    click.echo(_wrap(art.summary, 2))
    if art.note:
        click.echo(_wrap(f"Note: {art.note}", 2))
    if art.paragraphs:
        click.echo("\nParagraphs (paraphrased):")
        for paragraph in art.paragraphs:
            click.echo(f"  {paragraph.ref}{_status(paragraph.status.value)}")
            click.echo(_wrap(paragraph.text, 4))
    elements = [e for e in treaty.elements() if art.citation.contains(e.citation)]
    if elements:
        click.echo("\nRequired elements:")
        for element in elements:
            status = _status(element.status.value)
            click.echo(f"  {element.kind}: {element.key} ({element.citation}, {element.obligation}){status}")
    deadlines = [d for d in treaty.deadlines() if art.citation.contains(d.citation)]
    if deadlines:
        click.echo("\nDeadlines:")
        for deadline in deadlines:
            renew = ", renewable" if deadline.renewable else ""
            click.echo(
                f"  {deadline.key}: {deadline.bound} {deadline.days} days{renew} ({deadline.citation})"
                f"{_status(deadline.status.value)}"
            )
    rules = catalogue.citing(art.citation)
    click.echo("\nRules citing this article:" if rules else "\nNo validation rule cites this article.")
    for rule in rules:
        click.echo(f"  {rule.code} ({rule.severity.value})")
        click.echo(_wrap(rule.summary, 4))
