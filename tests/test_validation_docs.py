"""The rule catalogue: gettext catalogs in step with the rules, docs/rules.md in step with the registry."""

from __future__ import annotations

import doctest
import importlib
import re
from importlib import resources
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from budapest_coop import i18n, treaty
from budapest_coop.validation import RuleSet, catalogue
from budapest_coop.validation.rules import BUILTIN

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def _catalog(language: str):  # type: ignore[no-untyped-def]
    path = resources.files("budapest_coop") / "locale" / language / "LC_MESSAGES" / "validation.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain="validation")


@pytest.mark.parametrize("language", i18n.catalog_languages("validation"))
def test_catalog_has_every_message_and_nothing_stale(language: str) -> None:
    """Every message id the rules use is translated, and the catalog holds no id that no rule uses."""
    catalog = _catalog(language)
    ids = {str(m.id) for m in catalog if m.id}
    used = set(catalogue.message_ids())
    assert used - ids == set(), "untranslated: run scripts/update_catalog.py and translate"
    assert ids - used == set(), "stale: run scripts/update_catalog.py"
    assert all(m.string and not m.fuzzy for m in catalog if m.id)


@pytest.mark.parametrize("language", i18n.catalog_languages("validation"))
def test_catalog_passes_babel_checks(language: str) -> None:
    """Babel's catalog checks (python-format placeholders) pass, and placeholders match the English."""
    catalog = _catalog(language)
    assert [(m.id, errors) for m, errors in catalog.check()] == []
    for message in catalog:
        if message.id:
            assert sorted(PLACEHOLDER.findall(str(message.id))) == sorted(PLACEHOLDER.findall(str(message.string)))
            assert ("python-format" in message.flags) == bool(PLACEHOLDER.search(str(message.id)))
    assert not i18n.is_draft("validation", language)


def test_french_catalog_ships() -> None:
    """French is available for validation messages."""
    assert "fr" in i18n.catalog_languages("validation")


def test_rules_doc_is_current() -> None:
    """docs/rules.md equals what scripts/gen_rules_doc.py generates from the rule registry."""
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == catalogue.markdown(), (
        "docs/rules.md is stale: run python scripts/gen_rules_doc.py"
    )


def test_rules_doc_lists_every_rule_and_the_rules_not_applied() -> None:
    """The catalogue documents each rule with severity, citation, status, trigger and fix."""
    text = catalogue.markdown()
    for r in BUILTIN:
        assert f"## {r.code}\n" in text
        assert r.summary in text
        assert r.fix in text
    for code, _ in catalogue.NOT_APPLICABLE:
        assert f"| {code} |" in text


def test_rules_doc_examples_run() -> None:
    """The Python examples in docs/rules.md run and give the output shown."""
    result = doctest.testfile(str(ROOT / "docs" / "rules.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_every_rule_citation_is_in_the_treaty_data() -> None:
    """Each provision a rule cites is an article (and paragraph) of the shipped treaty data."""
    for r in RuleSet.builtin().rules:
        for citation in r.citations:
            article, paragraphs = treaty.resolve(citation)
            assert article.number == citation.article
            assert bool(paragraphs) == bool(citation.subdivisions), (r.code, str(citation))


def test_citing_finds_the_rules_of_an_article() -> None:
    """catalogue.citing() answers which rules rest on an article or paragraph."""
    assert {r.code for r in catalogue.citing("ETS 185 Art. 29(2)")} >= {"PRES-01", "PRES-02", "PRES-05", "PRES-06"}
    assert [r.code for r in catalogue.citing("ETS 185 Art. 29(2)(e)")] == ["PRES-05"]
    assert catalogue.citing("ETS 185 Art. 34") == ()


def test_rule_codes_follow_the_reference_families() -> None:
    """Codes are GEN-, ID-, PRES- or MLA- followed by two digits (and GEN-01b), never reused."""
    codes = [r.code for r in BUILTIN]
    assert all(re.fullmatch(r"(GEN|ID|PRES|MLA)-\d\d[b]?", c) for c in codes)
    not_applied = " ".join(code for code, _ in catalogue.NOT_APPLICABLE)
    assert not any(c in not_applied for c in codes)


@pytest.mark.parametrize(
    "module",
    [
        "budapest_coop.treaty",
        "budapest_coop.treaty._types",
        "budapest_coop.validation",
        "budapest_coop.validation._finding",
        "budapest_coop.validation._report",
        "budapest_coop.validation._rule",
        "budapest_coop.validation._ruleset",
        "budapest_coop.validation._validate",
        "budapest_coop.validation.catalogue",
        "budapest_coop.validation.sections",
        "budapest_coop.validation.rules._identifiers",
        "budapest_coop.testing._registry",
    ],
)
def test_docstring_examples_run(module: str) -> None:
    """The examples in the docstrings of the treaty and validation modules run as shown."""
    imported = importlib.import_module(module)
    result = doctest.testmod(imported, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
