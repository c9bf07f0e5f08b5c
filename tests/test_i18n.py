"""Message catalogs: lookup, fallback and draft marks."""

from __future__ import annotations

from budapest_coop import i18n


def test_unknown_catalog_falls_back_to_the_message_id() -> None:
    """Without a catalog, a message id is returned unchanged and the catalog is empty."""
    assert i18n.gettext("no-such-domain", "fr", "field.reference") == "field.reference"
    assert i18n.catalog("no-such-domain", "fr-CA") == {}
    assert not i18n.is_draft("no-such-domain", "fr")


def test_locale_directory_names() -> None:
    """BCP 47 tags map to gettext directory names."""
    assert i18n.locale_dir_name("pt-BR") == "pt_BR"
    assert i18n.locale_dir_name("en") == "en"
