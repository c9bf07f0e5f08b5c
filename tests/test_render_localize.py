"""Localisation: labels per language, dates, names, time zones, missing translations, drafts."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import attrs
import pytest

import budapest_coop as bc
from budapest_coop import examples
from budapest_coop.errors import InvalidValueError
from budapest_coop.render import Document, Field, FreeText, Plain, Section, build, localize
from budapest_coop.render.localization import format_datetime

DOCUMENTED_KEYS = {
    "language_name",
    "page_x_of_y",
    "reference_line",
    "digest_caption",
    "digest_line",
    "template_reference",
    "generated_by",
    "missing_translation",
    "not_provided",
    "label_value",
}


def _field(document: bc.render.LocalizedDocument, label: str) -> bc.render.LocalizedField:
    return next(f for s in document.sections for f in s.fields if f.labels[0] == label)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (
            dt.datetime(2026, 3, 2, 2, 14, 55, tzinfo=ZoneInfo("Europe/Paris")),
            "2026-03-02 02:14:55 (Europe/Paris, UTC+01:00) = 2026-03-02 01:14:55 UTC",
        ),
        (
            dt.datetime(2026, 7, 2, 2, 14, 55, tzinfo=ZoneInfo("Europe/Paris")),
            "2026-07-02 02:14:55 (Europe/Paris, UTC+02:00) = 2026-07-02 00:14:55 UTC",
        ),
        (
            dt.datetime(2026, 3, 2, 6, 59, 0, tzinfo=ZoneInfo("Asia/Kathmandu")),
            "2026-03-02 06:59:00 (Asia/Kathmandu, UTC+05:45) = 2026-03-02 01:14:00 UTC",
        ),
        (
            dt.datetime(2026, 3, 1, 21, 44, 55, tzinfo=dt.timezone(dt.timedelta(hours=-3, minutes=-30))),
            "2026-03-01 21:44:55 (UTC-03:30) = 2026-03-02 01:14:55 UTC",
        ),
        (dt.datetime(2026, 3, 2, 1, 14, 55, 250000, tzinfo=dt.UTC), "2026-03-02 01:14:55.250000 UTC"),
        (dt.datetime(2026, 3, 2, 1, 14, 55, tzinfo=ZoneInfo("UTC")), "2026-03-02 01:14:55 UTC"),
    ],
)
def test_instants_show_their_zone_and_utc(value: dt.datetime, shown: str) -> None:
    """Every instant is shown in its own zone, with the offset, and in UTC (rule REN-03)."""
    assert format_datetime(value) == shown


def test_dates_are_numeric_with_a_long_date_per_language() -> None:
    """Dates are DD/MM/YYYY as the templates ask, with the long date of each language."""
    document = localize(build(examples.load("preservation-request")), ("en", "fr", "de", "ja", "ar"))
    assert document.sections[0].fields[0].values == (
        "04/03/2026 (4 March 2026)",
        "04/03/2026 (4 mars 2026)",
        "04/03/2026 (4. März 2026)",
        "04/03/2026 (2026年3月4日)",
        "04/03/2026 (4 مارس 2026)",
    )
    assert document.date == "04/03/2026"


def test_country_and_language_names_come_from_babel() -> None:
    """Country and language names are given in each output language."""
    request = attrs.evolve(examples.load("preservation-request"), languages=("en", "fr"))
    document = localize(build(request), ("fr", "ja"))
    assert _field(document, "Partie requise").values == ("Norvège", "ノルウェー")
    assert _field(document, "Langues de la demande").values == ("• anglais\n• français", "• 英語\n• フランス語")
    assert [m["language_name"] for m in document.messages] == ["français", "日本語"]


def test_missing_translation_is_marked_listed_and_warned() -> None:
    """Free text without a version in a language shows a marker line, then the original, and is reported.

    The marker stands on its own line so that, in a right-to-left column, the original keeps
    its own direction.
    """
    document = localize(build(examples.load("preservation-request")), ("en", "ar"))
    facts = _field(document, "Summary of the facts")
    assert facts.missing == ("ar",)
    marker, original = facts.values[1].split("\n", 1)
    assert marker == "[الترجمة غير متوفرة — النص الأصلي باللغة الإنجليزية (en):]"
    assert original.startswith("On 2 March 2026")
    assert facts.values[0].startswith("On 2 March 2026")
    assert any(w.startswith("section 8 (") and "Summary of the facts: no text in 'ar'" in w for w in document.warnings)
    offence = _field(document, "Offence")
    assert offence.missing == ("ar",)


def test_region_variant_uses_the_base_language_text() -> None:
    """A document in fr-CA uses the French text and labels without any warning about them."""
    document = localize(build(examples.load("preservation-request")), ("fr-CA",))
    facts = next(f for s in document.sections for f in s.fields if f.labels[0] == "Résumé des faits")
    assert facts.missing == ()
    assert facts.values[0].startswith("Le 2 mars 2026")
    assert document.warnings == ()


def test_draft_languages_say_so() -> None:
    """A document in a draft translation carries a visible notice (in the language and in English) and a warning."""
    document = localize(build(examples.load("preservation-order")), ("en", "pl"))
    assert "draft_notice" not in document.messages[0]
    notice = document.messages[1]["draft_notice"]
    assert notice.startswith("Wstępne tłumaczenie")
    assert notice.endswith("a legal translator has not yet reviewed the labels in this language.")
    assert "labels in 'pl' are a draft translation, not yet reviewed by a legal translator" in document.warnings
    reviewed = localize(build(examples.load("preservation-order")), ("en", "fr"))
    assert all("draft_notice" not in m for m in reviewed.messages)


def test_right_to_left_languages_are_flagged() -> None:
    """Arabic and Hebrew are flagged right to left, the others left to right."""
    document = localize(build(examples.load("preservation-order")), ("en", "ar", "ja", "he"))
    assert document.rtl == (False, True, False, True)


def test_subtitle_is_localized_when_set() -> None:
    """A document given a subtitle (by a national renderer) has it, translated, in its messages."""
    document = attrs.evolve(build(examples.load("preservation-order")), subtitle="section.order")
    localized = localize(document, ("en", "de"))
    assert [m["subtitle"] for m in localized.messages] == ["Order", "Anordnung"]
    assert "subtitle" not in localize(build(examples.load("preservation-order")), ("en",)).messages[0]


def test_every_documented_message_key_is_present() -> None:
    """Each language has every layout message the LocalizedDocument contract lists."""
    document = localize(build(examples.load("preservation-request")), ("en", "uk"))
    for messages in document.messages:
        assert DOCUMENTED_KEYS <= set(messages)
    en, uk = document.messages
    assert en["page_x_of_y"].format(page=2, pages=5) == "Page 2 of 5"
    assert uk["page_x_of_y"].format(page=2, pages=5) == "Сторінка 2 з 5"
    assert en["reference_line"] == "Reference: PL-CYBER-2026-00417"
    assert en["digest_line"].endswith(document.digest)
    assert en["generated_by"] == f"Generated by budapest_coop {bc.__version__}"
    assert en["template_reference"].startswith("Layout of the Council of Europe template T-CY(2018)11")


def test_language_without_catalog_falls_back_to_english_with_a_warning() -> None:
    """A language with no catalog gets English labels, its own dates and a warning."""
    document = localize(build(examples.load("preservation-order")), ("sv",))
    assert document.sections[0].titles == ("Order",)
    assert "no label catalog for 'sv': labels are shown in English" in document.warnings
    assert document.messages[0]["language_name"] == "svenska"


def test_bad_language_tags_are_refused() -> None:
    """A malformed language tag or an empty list of languages is refused with the field named."""
    document = build(examples.load("preservation-order"))
    with pytest.raises(InvalidValueError, match="languages"):
        localize(document, ("en", "not a tag"))
    with pytest.raises(ValueError, match="at least one output language"):
        localize(document, ())


def test_extra_messages_label_new_message_ids() -> None:
    """Labels a national renderer brings are used; an id found nowhere is shown as is and reported."""
    document = Document(
        kind="preservation-request",
        title="document.title.preservation-request",
        template="",
        reference=None,
        date=None,
        digest="0" * 64,
        sections=(
            Section(
                number="1",
                title="section.national",
                fields=(
                    Field(label="field.national", value=Plain(text="EX/1")),
                    Field(label="field.unknown", value=FreeText(text=bc.LocalizedText({"de": "Text"}))),
                ),
            ),
        ),
    )
    localized = localize(
        document,
        ("en", "fr"),
        messages={"en": {"section.national": "National"}, "fr": {"section.national": "National FR"}},
    )
    assert localized.sections[0].titles == ("National", "National FR")
    assert localized.sections[0].fields[0].labels == ("field.national", "field.national")
    assert "unknown label 'field.national': the message id is shown" in localized.warnings
    assert localized.sections[0].fields[1].missing == ("en", "fr")
    assert localized.messages[0]["reference_line"] == "Reference: Not provided"
