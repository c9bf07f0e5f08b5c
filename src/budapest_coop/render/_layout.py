"""What the built-in layouts share: options and the order of the header and footer lines."""

from __future__ import annotations

from collections.abc import Sequence

from budapest_coop.render.document import LocalizedDocument

__all__ = ["footer_lines", "header_lines", "letterhead_lines"]


def letterhead_lines(letterhead: str | Sequence[str] | None) -> tuple[str, ...]:
    """The lines of the ``letterhead`` option: a string (lines separated by newlines) or a list of lines."""
    if letterhead is None:
        return ()
    if isinstance(letterhead, str):
        return tuple(letterhead.splitlines())
    if not all(isinstance(line, str) for line in letterhead):
        raise ValueError(f"letterhead: must be a string or a list of strings, got {letterhead!r}")
    return tuple(letterhead)


def header_lines(document: LocalizedDocument, index: int) -> tuple[str, ...]:
    """The lines under the title, in language *index*: template, reference, draft notice, subtitle."""
    messages = document.messages[index]
    keys = ("subtitle", "template_reference", "reference_line", "draft_notice")
    return tuple(messages[key] for key in keys if key in messages)


def footer_lines(document: LocalizedDocument, index: int) -> tuple[str, ...]:
    """The lines that close the document in language *index*: the digest and the generator."""
    messages = document.messages[index]
    return (messages["digest_line"], messages["generated_by"])
