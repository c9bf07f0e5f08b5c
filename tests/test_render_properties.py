"""Properties: any request, with arbitrary Unicode in its text, renders without error and without loss."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budapest_coop.render import render, render_with_report
from tests import strategies
from tests.rendered import TEXT_FORMATS, missing_values

LANGUAGES = st.sampled_from([("en",), ("fr",), ("en", "fr"), ("en", "ar"), ("de", "ja")])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(obj=strategies.documents, languages=LANGUAGES)
def test_any_request_renders_without_loss_in_every_textual_format(obj: object, languages: tuple[str, ...]) -> None:
    """Whatever Unicode the request holds, every textual format shows every value it holds."""
    for fmt in TEXT_FORMATS:
        content = render(obj, fmt, languages=languages)  # type: ignore[arg-type]
        assert missing_values(obj, fmt, content, languages) == [], fmt


@settings(max_examples=40, deadline=None)
@given(obj=strategies.requests, languages=LANGUAGES)
def test_missing_translations_are_always_reported(obj: object, languages: tuple[str, ...]) -> None:
    """Every field shown with a missing-translation marker is reported by a warning, and the reverse."""
    result = render_with_report(obj, "json", languages=languages)  # type: ignore[arg-type]
    data = json.loads(result.content)
    marked = sum(len(f["missing"]) for s in data["sections"] for f in s["fields"])
    reported = [w for w in result.warnings if "no text in" in w]
    assert (marked > 0) == bool(reported)
