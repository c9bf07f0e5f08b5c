"""Message catalogs: gettext ``.po`` files shipped in the package, read with Babel.

Catalogs live in ``budapest_coop/locale/<language>/LC_MESSAGES/<domain>.po``: one domain per
concern (``labels`` for rendered documents, ``validation`` for findings). They are read on
first use, once per (domain, language), behind a lock; nothing is read at import time.

A catalog whose header carries ``X-Review-Status: draft`` is a draft translation that a legal
translator has not reviewed yet; :func:`is_draft` tells, and documents say so.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType

__all__ = ["catalog", "catalog_languages", "gettext", "is_draft", "locale_dir_name"]

_LOCK = threading.Lock()
_EMPTY: Mapping[str, str] = MappingProxyType({})


def locale_dir_name(language: str) -> str:
    """The directory name of a BCP 47 tag: ``pt-BR`` -> ``pt_BR``, ``sr-Latn`` -> ``sr_Latn``."""
    return language.replace("-", "_")


def _po_path(domain: str, language: str) -> resources.abc.Traversable:
    return resources.files("budapest_coop") / "locale" / locale_dir_name(language) / "LC_MESSAGES" / f"{domain}.po"


@functools.cache
def _load(domain: str, language: str) -> tuple[Mapping[str, str], bool]:
    path = _po_path(domain, language)
    if not path.is_file():
        return _EMPTY, False
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        po = read_po(handle, locale=locale_dir_name(language), domain=domain)
    messages = {
        str(message.id): str(message.string)
        for message in po
        if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
    }
    return MappingProxyType(messages), _header_is_draft(path.read_text(encoding="utf-8"))


_DRAFT_HEADER = re.compile(r'^"X-Review-Status:\s*draft\s*(?:\\n)?"\s*$', re.IGNORECASE | re.MULTILINE)


def _header_is_draft(text: str) -> bool:
    """True when the catalog header (the first entry) has ``X-Review-Status: draft``.

    Read from the file itself: Babel keeps only the standard header fields.
    """
    header = text.split("\n\n", 1)[0]
    return _DRAFT_HEADER.search(header) is not None


def _cached(domain: str, language: str) -> tuple[Mapping[str, str], bool]:
    with _LOCK:
        return _load(domain, language)


def catalog(domain: str, language: str) -> Mapping[str, str]:
    """The translated messages (msgid -> text) of *domain* in *language*; empty if there is no catalog.

    A region or script variant falls back to its base language: ``fr-CA`` uses ``fr``.
    """
    messages, _ = _cached(domain, language)
    if not messages and "-" in language:
        messages, _ = _cached(domain, language.split("-", 1)[0])
    return messages


def is_draft(domain: str, language: str) -> bool:
    """True when the catalog of *language* is marked as a draft translation."""
    messages, draft = _cached(domain, language)
    if not messages and "-" in language:
        _, draft = _cached(domain, language.split("-", 1)[0])
    return draft


def gettext(domain: str, language: str, msgid: str) -> str:
    """The translation of *msgid*, or *msgid* itself when the catalog lacks it."""
    return catalog(domain, language).get(msgid, msgid)


def catalog_languages(domain: str) -> tuple[str, ...]:
    """The languages (BCP 47 tags) that ship a catalog for *domain*, sorted."""
    root = resources.files("budapest_coop") / "locale"
    if not root.is_dir():
        return ()
    found = [
        entry.name.replace("_", "-")
        for entry in root.iterdir()
        if entry.is_dir() and (entry / "LC_MESSAGES" / f"{domain}.po").is_file()
    ]
    return tuple(sorted(found))
