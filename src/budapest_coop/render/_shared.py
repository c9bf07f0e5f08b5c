"""What the PDF and DOCX layouts read from a LocalizedDocument besides its sections.

The fixed strings come from ``LocalizedDocument.messages`` (one dict per language, keys listed
in :mod:`budapest_coop.render.document`); a missing or malformed entry falls back to English,
so a hand-built document or a plugin's partial catalog still renders.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from budapest_coop.render.document import LocalizedDocument

__all__ = [
    "DEFAULT_AUTHOR",
    "PAGE_SIZES",
    "CommonOptions",
    "author",
    "common_options",
    "creator",
    "digest_line",
    "draft_notices",
    "message",
    "page_label",
    "reference_line",
    "template_line",
]

DEFAULT_AUTHOR = "budapest_coop"
PAGE_SIZES = ("A4", "letter")


@attrs.frozen(kw_only=True)
class CommonOptions:
    """The options every layout renderer takes; ``invariant`` is None when not given."""

    page_size: str
    author: str | None
    draft_languages: tuple[str, ...]
    invariant: bool | None


def common_options(kind: str, options: Mapping[str, Any], known: Sequence[str]) -> CommonOptions:
    """Check a renderer's *options*: TypeError for an unknown one, ValueError for a bad value."""
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise TypeError(f"unknown {kind} option(s) {', '.join(unknown)}; known: {', '.join(known)}")
    page_size = options.get("page_size", "A4")
    if page_size not in PAGE_SIZES:
        raise ValueError(f"page_size must be one of {', '.join(PAGE_SIZES)}; got {page_size!r}")
    author = options.get("author")
    if author is not None and not isinstance(author, str):
        raise ValueError(f"author must be a string; got {author!r}")
    given = options.get("draft_languages", ())
    drafts = (given,) if isinstance(given, str) else tuple(given) if isinstance(given, Iterable) else None
    if drafts is None or not all(isinstance(language, str) for language in drafts):
        raise ValueError(f"draft_languages must be a sequence of language tags; got {given!r}")
    invariant = options.get("invariant")
    return CommonOptions(
        page_size=page_size,
        author=author,
        draft_languages=drafts,
        invariant=None if invariant is None else bool(invariant),
    )


_ENGLISH: Mapping[str, str] = {
    "page_x_of_y": "Page {page} of {pages}",
    "reference_line": "Reference: {reference}",
    "digest_caption": "SHA-256 of the request data",
    "not_provided": "not provided",
    "draft_notice": (
        "Draft translation: the labels in this language have not yet been reviewed by a legal translator."
    ),
}


def message(document: LocalizedDocument, index: int, key: str) -> str | None:
    """The message *key* in language number *index*, or None when the document has none."""
    if index < len(document.messages):
        value = document.messages[index].get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def page_label(document: LocalizedDocument, index: int, page: int, pages: int) -> str:
    """ "Page x of y" in language number *index*; the pattern must hold ``{page}`` and ``{pages}``."""
    pattern = message(document, index, "page_x_of_y")
    if pattern is None or "{page}" not in pattern or "{pages}" not in pattern:
        pattern = _ENGLISH["page_x_of_y"]
    return pattern.replace("{pages}", str(pages)).replace("{page}", str(page))


def reference_line(document: LocalizedDocument, index: int) -> str:
    """ "Reference: ..." in language number *index*."""
    line = message(document, index, "reference_line")
    if line is not None and (document.reference is None or document.reference in line):
        return line
    reference = document.reference or message(document, index, "not_provided") or _ENGLISH["not_provided"]
    return _ENGLISH["reference_line"].replace("{reference}", reference)


def digest_line(document: LocalizedDocument, index: int) -> str:
    """The digest caption and the full 64-digit SHA-256, in language number *index*."""
    line = message(document, index, "digest_line")
    if line is not None and document.digest in line:
        return line
    caption = message(document, index, "digest_caption") or _ENGLISH["digest_caption"]
    return f"{caption}: {document.digest}"


def template_line(document: LocalizedDocument, index: int) -> str:
    """Which Council of Europe template the layout follows, in language number *index*."""
    return message(document, index, "template_reference") or document.template


def draft_notices(document: LocalizedDocument, draft_languages: Iterable[str] = ()) -> tuple[tuple[int, str], ...]:
    """(language index, notice) for every language whose labels are a draft translation.

    A language is a draft when its messages carry a ``draft_notice`` or when the caller names
    it in *draft_languages*.
    """
    named = set(draft_languages)
    notices = []
    for index, language in enumerate(document.languages):
        notice = message(document, index, "draft_notice")
        if notice is None and language in named:
            notice = _ENGLISH["draft_notice"]
        if notice is not None:
            notices.append((index, notice))
    return tuple(notices)


def author(document: LocalizedDocument, explicit: str | None = None) -> str:
    """The document's author for its metadata: *explicit*, else the requesting authority, else budapest_coop."""
    if explicit:
        return explicit
    for section in document.sections:
        if section.key != "requesting_authority":
            continue
        for field in section.fields:
            if field.key == "field.organisation" and field.values:
                first = field.values[0].strip().splitlines()
                if first and first[0].strip():
                    return first[0].strip()
    return DEFAULT_AUTHOR


@functools.cache
def creator() -> str:
    """``budapest_coop <version>``, for the creator entry of the metadata."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"budapest_coop {version('budapest-coop')}"
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without metadata
        return "budapest_coop"
