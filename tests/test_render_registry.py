"""Renderer discovery and registration, national plugins, and the conformance check for plugin authors."""

from __future__ import annotations

import importlib
import importlib.util
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest

from budapest_coop import examples
from budapest_coop.errors import RenderError
from budapest_coop.render import (
    RendererPluginWarning,
    _registry,
    get_renderer,
    plugin_errors,
    rediscover_renderers,
    register_renderer,
    render,
    render_with_report,
    renderers,
    unregister_renderer,
)
from budapest_coop.render.document import LocalizedDocument
from budapest_coop.testing import INJECTION, check_renderer, injection_request

EXAMPLE_PLUGIN = importlib.util.find_spec("budapest_coop_example_national") is not None
needs_example_plugin = pytest.mark.skipif(
    not EXAMPLE_PLUGIN,
    reason="example plugin not installed: pip install ./examples/plugins/budapest_coop_example_national",
)


class Upper:
    """A tiny textual renderer: the titles and values, upper-cased."""

    name: ClassVar[str] = "upper"
    media_type: ClassVar[str] = "text/plain; charset=utf-8"
    extension: ClassVar[str] = ".txt"

    def render(self, document: LocalizedDocument) -> bytes:
        values = [v for s in document.sections for f in s.fields for v in f.values]
        return "\n".join([*document.titles, *values]).upper().encode()


@pytest.fixture
def clean_registry() -> Iterator[None]:
    """Forget registrations and discovered plugins around a test."""
    rediscover_renderers()
    yield
    unregister_renderer("upper")
    rediscover_renderers()


def _fake_distribution(tmp_path: Path, entry_points: str) -> None:
    info = tmp_path / "broken_budapest_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-budapest-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[budapest_coop.renderers]\n{entry_points}\n")


def test_builtin_renderers_are_listed() -> None:
    """The textual built-in formats are always available."""
    assert {"text", "markdown", "html", "json"} <= set(renderers())


def test_explicit_registration(clean_registry: None) -> None:
    """A renderer registered explicitly is used by name, and a second one needs replace=True."""
    register_renderer(Upper())
    assert "upper" in renderers()
    assert render(examples.load("preservation-order"), "upper").startswith(b"ORDER FOR THE EXPEDITED PRESERVATION")
    with pytest.raises(ValueError, match="already registered"):
        register_renderer(Upper())
    register_renderer(Upper(), replace=True)


def test_registration_refuses_what_is_not_a_renderer(clean_registry: None) -> None:
    """Registering an object without the protocol's attributes raises TypeError naming what is wrong."""

    class NoExtension(Upper):
        extension: ClassVar[str] = "txt"

    with pytest.raises(TypeError, match="extension must start with a dot"):
        register_renderer(NoExtension())
    with pytest.raises(TypeError, match="'name' must be a non-empty string"):
        register_renderer(object())  # type: ignore[arg-type]


def test_a_renderer_object_can_be_passed_directly() -> None:
    """render() accepts a renderer object instead of a format name, without any registration."""
    assert render(examples.load("preservation-order"), Upper()).startswith(b"ORDER")


def test_broken_entry_point_is_reported_not_fatal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_registry: None
) -> None:
    """A plugin that fails to load is listed with its reason and warned about; the others keep working."""
    _fake_distribution(
        tmp_path,
        "broken = budapest_coop_no_such_module:Renderer\n"
        "misnamed = budapest_coop.render.text:TextRenderer\n"
        "html = budapest_coop.render.text:TextRenderer",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        names = renderers()
    errors = {e.name: e for e in plugin_errors()}
    assert "ModuleNotFoundError" in errors["broken"].message
    assert errors["broken"].distribution == "broken-budapest-plugin"
    assert "named 'text', not 'misnamed'" in errors["misnamed"].message
    assert "built-in renderer" in errors["html"].message
    assert {"broken", "misnamed"}.isdisjoint(names)
    assert {str(e) for e in errors.values()} <= {str(w.message) for w in caught}
    assert all(issubclass(w.category, RendererPluginWarning) for w in caught)
    assert render(examples.load("preservation-order"), "text").startswith(b"Order for")
    with pytest.raises(RenderError, match="'broken' renderer failed to load"):
        get_renderer("broken")


def test_missing_builtin_module_gives_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A built-in format whose module is not installed fails with a message naming the module."""
    monkeypatch.setitem(_registry.BUILTIN_RENDERERS, "fake", "budapest_coop.render.no_such_renderer:Fake")
    with pytest.raises(RenderError, match=r"'fake' renderer is not available .*budapest_coop\.render\.no_such"):
        get_renderer("fake")
    assert "fake" not in renderers()


def test_prepare_and_messages_hooks_are_used() -> None:
    """A renderer's prepare hook changes the document and its messages hook labels the change."""
    from budapest_coop.render import Document, Field, Plain, Section

    class Stamped(Upper):
        name: ClassVar[str] = "stamped"

        def prepare(self, document: Document, obj: Any) -> Document:
            extra = Section(
                number="X", title="section.stamp", fields=(Field(label="field.stamp", value=Plain(text="S-1")),)
            )
            return attrs.evolve(document, sections=(extra,))

        def messages(self, language: str) -> dict[str, str]:
            return {"section.stamp": f"stamp-{language}", "field.stamp": "stamp"}

        def render(self, document: LocalizedDocument) -> bytes:
            section = document.sections[0]
            return f"{section.titles}|{section.fields[0].values}".encode()

    assert render(examples.load("preservation-order"), Stamped(), languages=("en", "fr")) == (
        b"('stamp-en', 'stamp-fr')|('S-1', 'S-1')"
    )


def test_check_renderer_accepts_the_builtin_textual_renderers() -> None:
    """Every built-in textual renderer passes the conformance check offered to plugin authors."""
    for name in ("text", "markdown", "html", "json"):
        check_renderer(get_renderer(name))


def test_check_renderer_finds_problems() -> None:
    """The conformance check fails on markup injection, non-determinism and ignored options."""

    class Raw(Upper):
        name: ClassVar[str] = "raw"
        media_type: ClassVar[str] = "text/html"

        def render(self, document: LocalizedDocument) -> bytes:
            return "".join(v for s in document.sections for f in s.fields for v in f.values).encode()

    class Clock(Upper):
        name: ClassVar[str] = "clock"
        count = 0

        def render(self, document: LocalizedDocument) -> bytes:
            Clock.count += 1
            return str(Clock.count).encode()

    class Lenient(Upper):
        name: ClassVar[str] = "lenient"

        def render(self, document: LocalizedDocument, **options: Any) -> bytes:
            return b"x"

    with pytest.raises(AssertionError, match="came out as markup"):
        check_renderer(Raw())
    with pytest.raises(AssertionError, match="two renderings of the same request differ"):
        check_renderer(Clock())
    with pytest.raises(AssertionError, match="unknown option must raise TypeError"):
        check_renderer(Lenient())
    with pytest.raises(AssertionError, match="is not a renderer"):
        check_renderer(object())  # type: ignore[arg-type]


def test_injection_request_carries_the_injection_string() -> None:
    """The request check_renderer uses puts the injection string in free text and in a name."""
    assert INJECTION in render_with_report(injection_request(), "text").content.decode()


@needs_example_plugin
def test_example_national_plugin_is_discovered_and_used(clean_registry: None) -> None:
    """The example plugin is found through its entry points and adds letterhead, file number and section."""
    assert {"example-national-html", "example-national-text"} <= set(renderers())
    assert not [e for e in plugin_errors() if e.name.startswith("example-national")]
    text = render(examples.load("preservation-request"), "example-national-text", languages=("en", "fr")).decode()
    assert text.startswith("EXAMPLE REPUBLIC\nMinistry of Justice\n")
    assert "20. National registration / Enregistrement national" in text
    assert "[fr] Numéro de dossier national : EX/PRES/2026/PL-CYBER-2026-00417" in text
    page = render(examples.load("subscriber-information-request"), "example-national-html").decode()
    assert "<div>EXAMPLE REPUBLIC</div>" in page
    assert "EX/MLA/2026/PL-CYBER-2026-00417/MLA-1" in page


@needs_example_plugin
def test_example_national_plugin_conforms(clean_registry: None) -> None:
    """The example plugin passes the conformance check."""
    check_renderer(get_renderer("example-national-html"))
    check_renderer(get_renderer("example-national-text"))


@needs_example_plugin
def test_example_plugin_takes_its_own_letterhead_and_format(clean_registry: None) -> None:
    """A ministry configures the plugin's letterhead and reference-number format by registering its own instance."""
    module = importlib.import_module("budapest_coop_example_national")
    renderer = module.ExampleNationalText(letterhead=["REPUBLIC OF TESTING"], reference_format="T-{year}-{reference}")
    text = render(examples.load("preservation-order"), renderer).decode()
    assert text.startswith("REPUBLIC OF TESTING\n")
    assert "National file number: T-2026-OPD-2026-PRES-0193" in text
