"""A conformance check for renderers, for the authors of renderer plugins."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

import attrs

from budapest_coop import examples
from budapest_coop.model import LocalizedText, PreservationRequest
from budapest_coop.render import build, localize, render_with_report
from budapest_coop.render._api import is_textual
from budapest_coop.render._registry import conformance_problem
from budapest_coop.typing import Renderer

__all__ = ["INJECTION", "check_renderer", "injection_request"]

#: Text that must come out literally, never as markup, from every textual renderer.
INJECTION = 'Ivanov <ivanov@example.org> & <img src="/etc/passwd"/>'

_RAW_TAG = re.compile(r"(?<!\\)<img")  # Markdown escapes with a backslash, HTML with &lt;
_LANGUAGES: tuple[tuple[str, ...], ...] = (("en",), ("en", "fr"))
_KINDS = ("preservation-request", "subscriber-information-request")


def injection_request() -> PreservationRequest:
    """The example preservation request with :data:`~budapest_coop.testing.INJECTION` in its free text and names."""
    request = examples.load("preservation-request")
    assert isinstance(request, PreservationRequest)
    authority = request.requesting_authority
    assert authority is not None
    return attrs.evolve(
        request,
        facts=LocalizedText({"en": INJECTION, "fr": INJECTION}),
        requesting_authority=attrs.evolve(authority, person_in_charge=INJECTION),
        additional_information=LocalizedText({"en": f"See {INJECTION}"}),
    )


@contextmanager
def _source_date_epoch() -> Iterator[None]:
    """Fix SOURCE_DATE_EPOCH while checking, so that renderers that embed a date are reproducible."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    if saved is None:
        os.environ["SOURCE_DATE_EPOCH"] = "1772582400"  # 2026-03-04T00:00:00Z
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def check_renderer(renderer: Renderer) -> None:
    """Check that *renderer* behaves as budapest_coop and its users expect.

    Raises :class:`AssertionError` naming the first problem found:

    - ``name``, ``media_type`` and ``extension`` are non-empty strings (the extension with
      its dot) and ``render`` is a method; ``prepare``, if present, returns a Document;
    - both example requests render, in one language and in two, to non-empty bytes, and
      rendering twice gives the same bytes (``SOURCE_DATE_EPOCH`` is set while checking);
    - an unknown option raises :class:`TypeError`;
    - for a textual format, the injection string :data:`~budapest_coop.testing.INJECTION` put in the request comes
      out literally and never as markup: as is in ``text/plain``, inside a JSON string for
      JSON, and with no unescaped ``<img`` for HTML, XML and Markdown.

    >>> from budapest_coop.render.text import TextRenderer
    >>> check_renderer(TextRenderer())
    """
    problem = conformance_problem(renderer)
    assert problem is None, f"{renderer!r} is not a renderer: {problem}"
    with _source_date_epoch():
        for kind in _KINDS:
            request = examples.load(kind)
            for languages in _LANGUAGES:
                where = f"{renderer.name} renderer, {kind}, languages {'+'.join(languages)}"
                first = render_with_report(request, renderer, languages=languages).content
                assert isinstance(first, bytes), f"{where}: render() returned {type(first).__name__}, not bytes"
                assert first, f"{where}: render() returned no bytes"
                again = render_with_report(request, renderer, languages=languages).content
                assert first == again, f"{where}: two renderings of the same request differ"
        document = localize(build(examples.load(_KINDS[0])), ("en",))
        try:
            renderer.render(document, no_such_option_for_budapest_coop=True)
        except TypeError:
            pass
        else:
            raise AssertionError(f"{renderer.name} renderer: an unknown option must raise TypeError")
        if is_textual(renderer.media_type):
            _check_injection(renderer)


def _check_injection(renderer: Renderer) -> None:
    content = render_with_report(injection_request(), renderer, languages=("en", "fr")).content
    where = f"{renderer.name} renderer ({renderer.media_type})"
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AssertionError(f"{where}: textual output is not UTF-8: {exc}") from None
    kind = renderer.media_type.split(";", 1)[0].strip().lower()
    if kind == "text/plain":
        assert INJECTION in text, f"{where}: the text {INJECTION!r} does not come out literally"
    elif kind.endswith(("/json", "+json")):
        strings = json_strings(json.loads(text))
        assert any(INJECTION in s for s in strings), f"{where}: the text {INJECTION!r} is not in any JSON string"
    else:
        assert _RAW_TAG.search(text) is None, f"{where}: user text came out as markup (an unescaped '<img')"


def json_strings(data: object) -> Iterator[str]:
    """Every string in parsed JSON *data*, depth first."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from json_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from json_strings(value)
