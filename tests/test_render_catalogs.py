"""The label catalogs: complete, not stale, placeholders intact, drafts marked, in step with the table."""

from __future__ import annotations

import importlib.util
import re
import string
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.pofile import read_po

import budapest_coop as bc
from budapest_coop import examples, i18n
from budapest_coop.render import build
from budapest_coop.render._messages import LAYOUT_KEYS, MESSAGES, enum_messages
from tests.test_render_builder import document_msgids

LOCALE = resources.files("budapest_coop") / "locale"
LANGUAGES = i18n.catalog_languages("labels")
REVIEWED = {"en", "fr"}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _catalog(language: str):  # type: ignore[no-untyped-def]
    path = LOCALE / i18n.locale_dir_name(language) / "LC_MESSAGES" / "labels.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=i18n.locale_dir_name(language), domain="labels")


def test_english_french_and_at_least_ten_draft_languages_ship() -> None:
    """English and French are reviewed; at least ten other languages of Parties ship as drafts."""
    assert REVIEWED <= set(LANGUAGES)
    drafts = [language for language in LANGUAGES if i18n.is_draft("labels", language)]
    assert set(drafts) == set(LANGUAGES) - REVIEWED
    assert len(drafts) >= 10


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_complete_and_not_stale(language: str) -> None:
    """Babel's checks pass; every message id is translated; no id is left that the table dropped."""
    catalog = _catalog(language)
    problems = [(message.id, [str(e) for e in errors]) for message, errors in catalog.check()]
    assert problems == []
    ids = {str(m.id) for m in catalog if m.id}
    assert sorted(set(MESSAGES) - ids) == [], "missing message ids"
    assert sorted(ids - set(MESSAGES)) == [], "stale message ids"
    untranslated = [str(m.id) for m in catalog if m.id and (not m.string or m.fuzzy)]
    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language: str) -> None:
    """A pattern's translation has exactly the English {placeholders}, so formatting it cannot fail."""
    translated = i18n.catalog("labels", language)
    wrong = {
        msgid: (sorted(_placeholders(english)), sorted(_placeholders(translated[msgid])))
        for msgid, english in MESSAGES.items()
        if _placeholders(english) != _placeholders(translated[msgid])
    }
    assert wrong == {}


def test_english_catalog_is_the_table() -> None:
    """The English catalog holds exactly the English text of the message table."""
    assert dict(i18n.catalog("labels", "en")) == MESSAGES


def test_template_and_catalogs_are_up_to_date_with_the_table() -> None:
    """labels.pot is what scripts/update_catalogs.py makes from the table (run it after changing the table)."""
    script = Path(__file__).resolve().parent.parent / "scripts" / "update_catalogs.py"
    spec = importlib.util.spec_from_file_location("update_catalogs", script)
    assert spec is not None
    assert spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    import io

    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, module.template(), width=0, ignore_obsolete=True, include_previous=False)
    expected = re.sub(r'^"Generated-By: .*\n', "", buffer.getvalue().decode(), flags=re.MULTILINE)
    assert (LOCALE / "labels.pot").read_text(encoding="utf-8") == expected


def test_every_message_id_is_used() -> None:
    """No message id in the table is unused: documents of every kind and branch, and layouts, use them all."""
    objects: list[object] = [examples.load(kind) for kind in examples.KINDS if kind != "case-file"]
    objects += [
        bc.PreservationRequest(),
        bc.PreservationRequest(no_custodian_information=True, status="extension"),
        bc.SubscriberInformationRequest(status="follow-up-mla", urgency="urgent"),
        bc.SubscriberInformationRequest(
            subscriber_information=list(bc.SubscriberInformationItem),
            expedite_reason="instrument-provides",
            scope_basis="electronic-evidence-of-a-criminal-offence",
            additional_information=bc.LocalizedText.of("x"),
            languages=["en"],
            confirmation_contact=bc.Contact(fax="+33 4 65 71 00 19", address="x"),
            requesting_authority=bc.Authority(name="A", roles=list(bc.Role), directory_id="d", office_hours="h"),
            transmission=bc.Transmission(
                channel="direct-judicial", means="fax", copy_to_central_authority=True, coercive_action=False
            ),
            prosecution_office=bc.CaseReference(name="P"),
            identifiers=[
                bc.IPAddressIdentifier(address="192.0.2.1", dynamic=True, justification="j", protocol="udp"),
                bc.EmailIdentifier(address="a@example.org"),
                bc.PhoneIdentifier(number="+33465710010"),
                bc.URLIdentifier(url="https://example.org/x"),
                bc.DomainIdentifier(domain="example.org"),
                bc.AccountIdentifier(account="acct"),
            ],
        ),
    ]
    used: set[str] = set()
    for obj in objects:
        used |= document_msgids(build(obj))  # type: ignore[arg-type]
    used |= set(LAYOUT_KEYS) | enum_messages()
    assert sorted(set(MESSAGES) - used) == []
