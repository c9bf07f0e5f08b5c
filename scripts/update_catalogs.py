"""Rewrite the ``labels`` message catalogs from the message table of the renderer.

    python scripts/update_catalogs.py            # update labels.pot, en and every catalog
    python scripts/update_catalogs.py --init sv  # also start a new (draft) catalog for Swedish

The table ``budapest_coop.render._messages.MESSAGES`` (msgid -> English) is the source:
the template ``locale/labels.pot`` carries the English text as a comment for translators,
the English catalog is written from the table, and every other catalog keeps its
translations, gains the new message ids (untranslated: the catalog test then fails until
they are translated) and loses those the table no longer holds. A new catalog is marked
``X-Review-Status: draft`` in its header until a legal translator has reviewed it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from budapest_coop.render._messages import MESSAGES

DOMAIN = "labels"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "src" / "budapest_coop" / "locale"
PROJECT = "budapest_coop"
TEAM = "budapest_coop contributors"
_STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # fixed, so that regenerating changes nothing


def _catalog(locale: str | None) -> Catalog:
    catalog = Catalog(
        locale=locale,
        domain=DOMAIN,
        project=PROJECT,
        version="1",
        copyright_holder=TEAM,
        msgid_bugs_address="https://github.com/budapest-coop/budapest-coop/issues",
        creation_date=_STAMP,
        revision_date=_STAMP,
        last_translator=TEAM,
        language_team=TEAM,
        fuzzy=False,
    )
    catalog.header_comment = (
        f"# Labels of documents rendered by {PROJECT}.\n"
        "# This file is distributed under the same licence as the budapest_coop package (Apache-2.0)."
    )
    return catalog


def template() -> Catalog:
    pot = _catalog(None)
    for msgid, english in MESSAGES.items():
        pot.add(msgid, "", auto_comments=[f"English: {english}"])
    return pot


def _write(path: Path, catalog: Catalog, *, draft: bool) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, ignore_obsolete=True, include_previous=False)
    text = buffer.getvalue().decode("utf-8")
    text = re.sub(r'^"Generated-By: .*\n', "", text, flags=re.MULTILINE)
    if draft:
        head, rest = text.split("\n\n", 1)
        text = head + '\n"X-Review-Status: draft\\n"\n\n' + rest
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _is_draft(path: Path) -> bool:
    head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return re.search(r'^"X-Review-Status:\s*draft', head, flags=re.MULTILINE | re.IGNORECASE) is not None


def update(init: list[str]) -> list[Path]:
    pot = template()
    written = [LOCALE_DIR / f"{DOMAIN}.pot"]
    _write(written[0], pot, draft=False)

    english = _catalog("en")
    for msgid, text in MESSAGES.items():
        english.add(msgid, text, auto_comments=[f"English: {text}"])
    path = LOCALE_DIR / "en" / "LC_MESSAGES" / f"{DOMAIN}.po"
    _write(path, english, draft=False)
    written.append(path)

    for tag in init:
        path = LOCALE_DIR / tag.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not path.exists():
            _write(path, _catalog(tag.replace("-", "_")), draft=True)

    for path in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        locale = path.parent.parent.name
        if locale == "en":
            continue
        draft = _is_draft(path)
        with path.open("rb") as handle:
            existing = read_po(handle, locale=locale, domain=DOMAIN)
        catalog = _catalog(locale)
        translated = {str(m.id): str(m.string) for m in existing if m.id and m.string}
        for msgid, text in MESSAGES.items():
            catalog.add(msgid, translated.get(msgid, ""), auto_comments=[f"English: {text}"])
        _write(path, catalog, draft=draft)
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--init", action="append", default=[], metavar="LANG", help="start a new draft catalog")
    args = parser.parse_args()
    for path in update(args.init):
        print(path.relative_to(LOCALE_DIR.parent.parent.parent))


if __name__ == "__main__":
    main()
