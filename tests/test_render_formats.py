"""The textual renderers (text, markdown, html, json): completeness, headings, bilingual layout, safety."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata

import pytest

import budapest_coop as bc
from budapest_coop import examples, i18n
from budapest_coop.errors import RenderError
from budapest_coop.render import build, get_renderer, localize, render, render_with_report
from budapest_coop.render.html import escape_html
from budapest_coop.render.json import escape_json
from budapest_coop.render.markdown import escape_markdown
from budapest_coop.render.text import escape_text
from budapest_coop.testing import INJECTION, injection_request
from tests.rendered import LANGUAGE_SETS, TEXT_FORMATS, missing_values, visible_text

KINDS = ("preservation-request", "subscriber-information-request", "preservation-order")


@pytest.mark.parametrize("languages", LANGUAGE_SETS, ids="+".join)
@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_value_and_heading_is_shown(kind: str, fmt: str, languages: tuple[str, ...]) -> None:
    """Every value the user wrote and every section heading, in each language, appears in the output."""
    obj = examples.load(kind)
    content = render(obj, fmt, languages=languages)
    assert missing_values(obj, fmt, content, languages) == []
    shown = visible_text(fmt, content)
    for language in languages:
        for section in build(obj).sections:
            title = unicodedata.normalize("NFKC", i18n.gettext("labels", language, section.title))
            assert title in shown, (language, section.title)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_injection_string_renders_literally(fmt: str) -> None:
    """User text that looks like markup is shown exactly as written and never becomes markup."""
    content = render(injection_request(), fmt, languages=("en", "fr"))
    assert INJECTION in visible_text(fmt, content)
    raw = content.decode()
    if fmt == "text":
        assert INJECTION in raw
    else:
        assert '<img src="/etc/passwd"/>' not in raw


def test_escaping_helpers() -> None:
    """Each renderer's one escaping helper neutralises markup and keeps the text recoverable."""
    assert escape_text(INJECTION) == INJECTION
    assert escape_text("a\x1b[31mb\r\nc\x9b") == "a␛[31mb\nc<U+009B>"
    assert escape_html(INJECTION) == "Ivanov &lt;ivanov@example.org&gt; &amp; &lt;img src=&quot;/etc/passwd&quot;/&gt;"
    assert escape_markdown("*a* [b](c) `d` # e | f\ng") == "\\*a\\* \\[b\\](c) \\`d\\` \\# e \\| f<br>g"
    data = escape_json(json.dumps({"v": INJECTION + "\u2028"}, ensure_ascii=False).encode())
    assert b"<" not in data
    assert b"&" not in data
    assert json.loads(data) == {"v": INJECTION + "\u2028"}


def test_html_columns_carry_language_and_direction() -> None:
    """In a bilingual HTML page each column has its lang and dir; Arabic reads right to left."""
    page = render(examples.load("preservation-request"), "html", languages=("en", "ar")).decode()
    assert '<html lang="en" dir="ltr">' in page
    assert '<td lang="ar" dir="rtl"' in page
    assert '<td lang="en" dir="ltr"' in page
    assert page.count('<td lang="ar"') == page.count('<td lang="en"')
    assert 'class="missing"' in page


def test_html_marks_required_elements_not_provided() -> None:
    """A required element the request lacks is shown as not provided, visibly marked."""
    page = render(bc.PreservationRequest(reference="R-1"), "html", languages=("en",)).decode()
    assert '<td lang="en" dir="ltr" class="gap">' in page
    assert "Not provided" in page


def test_html_user_template_runs_in_the_sandbox() -> None:
    """A user template sees the document, is autoescaped, and cannot reach Python internals."""
    request = injection_request()
    page = render(request, "html", template="{% for s in doc.sections %}{{ s.fields[0].values[0] }}|{% endfor %}")
    assert b"&lt;img" in page
    assert b"<img" not in page
    with pytest.raises(ValueError, match="template"):
        render(request, "html", template="{{ doc.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(ValueError, match="undefined"):
        render(request, "html", template="{{ no_such_name }}")
    with pytest.raises(ValueError, match="template: line 1"):
        render(request, "html", template="{% for %}")


def test_letterhead_option() -> None:
    """The letterhead option puts its lines at the top of the textual layouts, escaped."""
    request = examples.load("preservation-request")
    letterhead = ["MINISTRY <of> JUSTICE", "Unit 4"]
    text = render(request, "text", letterhead=letterhead).decode()
    assert text.startswith("MINISTRY <of> JUSTICE\nUnit 4\n\nData preservation request")
    markdown = render(request, "markdown", letterhead=letterhead).decode()
    assert markdown.startswith("MINISTRY \\<of\\> JUSTICE<br>Unit 4\n\n# Data preservation request")
    page = render(request, "html", letterhead=letterhead).decode()
    assert page.index("<div>MINISTRY &lt;of&gt; JUSTICE</div>") < page.index("<div>Unit 4</div>") < page.index("<h1>")


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_unknown_option_is_a_type_error(fmt: str) -> None:
    """An option a renderer does not take raises TypeError instead of being ignored."""
    with pytest.raises(TypeError):
        render(examples.load("preservation-request"), fmt, no_such_option=1)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_output_is_deterministic(fmt: str) -> None:
    """Rendering the same request twice gives the same bytes."""
    request = examples.load("subscriber-information-request")
    assert render(request, fmt, languages=("en", "fr")) == render(request, fmt, languages=("en", "fr"))


def test_json_is_the_localized_document() -> None:
    """The json format holds the localized document: languages, sections, messages, digest, warnings."""
    request = examples.load("preservation-request")
    data = json.loads(render(request, "json", languages=("en", "ar")))
    assert data["format"] == "budapest-coop-rendered"
    assert data["version"] == 1
    assert data["languages"] == ["en", "ar"]
    assert data["rtl"] == [False, True]
    assert data["digest"] == bc.wire.digest(request)
    assert data["sections"][4]["citation"] == "ETS 185 Art. 29(2)(a)"
    assert data["messages"][1]["page_x_of_y"] == "الصفحة {page} من {pages}"
    assert any("no text in 'ar'" in w for w in data["warnings"])


def test_text_bilingual_lines_are_prefixed_by_language() -> None:
    """In bilingual text each line appears in both languages, tagged."""
    lines = render(examples.load("preservation-request"), "text", languages=("en", "fr")).decode().splitlines()
    assert "[en] Requested Party: Norway" in lines
    assert "[fr] Partie requise : Norvège" in lines


def test_render_with_report_returns_warnings_and_metadata() -> None:
    """render_with_report gives the bytes with the format's metadata and the missing-translation warnings."""
    request = examples.load("preservation-request")
    result = render_with_report(request, "markdown", languages=("en", "ja"))
    assert result.format == "markdown"
    assert result.extension == ".md"
    assert result.media_type.startswith("text/markdown")
    assert result.digest == bc.wire.digest(request)
    assert result.content == render(request, "markdown", languages=("en", "ja"))
    assert any("no text in 'ja'" in w for w in result.warnings)
    assert any("'ja' are a draft translation" in w for w in result.warnings)
    assert render_with_report(request, "markdown", languages=("en", "fr")).warnings == ()


def test_top_level_render_and_document() -> None:
    """budapest_coop.render(...) renders and budapest_coop.Document is the document type."""
    request = examples.load("preservation-request")
    assert bc.render(request, "text") == render(request, "text")
    assert bc.Document is type(build(request))
    assert bc.render.build is build


def test_unknown_format_names_the_available_ones() -> None:
    """An unknown format raises RenderError listing the formats available."""
    with pytest.raises(RenderError, match=r"unknown format 'odt'; available: .*html"):
        render(examples.load("preservation-request"), "odt")


def test_importing_render_imports_no_heavy_library() -> None:
    """Importing budapest_coop.render (and rendering text) imports neither jinja2 nor reportlab."""
    code = (
        "import sys, budapest_coop.render as r\n"
        "from budapest_coop import examples\n"
        "r.render(examples.load('preservation-request'), 'text')\n"
        "print(sorted(m for m in ('jinja2', 'reportlab', 'docx') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_html_renderer_layout_matches_localized_document() -> None:
    """Each field of the localized document gives one table row with one cell per language."""
    document = localize(build(examples.load("preservation-request")), ("en", "fr"))
    page = get_renderer("html").render(document).decode()
    fields = sum(len(s.fields) for s in document.sections)
    assert page.count("<tr><td") == fields
    assert page.count('<tbody class="section"') == len(document.sections)
