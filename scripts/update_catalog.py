"""Bring the gettext catalogs of the ``validation`` domain in line with the rules' messages.

Run: python scripts/update_catalog.py

Message ids come from ``budapest_coop.validation.catalogue.message_ids()``. New ids are added
untranslated, ids no rule uses any more are dropped, existing translations are kept. Then
translate the new entries by hand (msgid = the English message; keep every %(name)s).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from budapest_coop.validation.catalogue import message_ids

LOCALE_DIR = Path(__file__).resolve().parent.parent / "src" / "budapest_coop" / "locale"
DOMAIN = "validation"
LANGUAGES = ("fr",)
_PLACEHOLDER = re.compile(r"%\(\w+\)s")


def template() -> Catalog:
    """A catalog template holding every message id in use."""
    catalog = Catalog(project="budapest_coop", domain=DOMAIN, header_comment="# Validation messages of budapest_coop.")
    for msgid in message_ids():
        flags = ("python-format",) if _PLACEHOLDER.search(msgid) else ()
        catalog.add(str(msgid), flags=flags)
    return catalog


def update(language: str) -> Path:
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language, domain=DOMAIN)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = Catalog(locale=language, domain=DOMAIN, project="budapest_coop")
    catalog.update(template(), no_fuzzy_matching=True, update_creation_date=False)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, ignore_obsolete=True, sort_output=False)
    path.write_bytes(buffer.getvalue())
    return path


def main() -> None:
    for language in LANGUAGES:
        print(update(language))


if __name__ == "__main__":
    main()
