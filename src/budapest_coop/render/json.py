"""The ``json`` format: the localized document as JSON, for systems that do their own layout.

This is the :class:`~budapest_coop.render.LocalizedDocument`, every string resolved for the
output languages (labels, dates, country names, free text with missing translations
marked). It is *not* the request's data: for that, use the wire format
(:func:`budapest_coop.dumps`), whose SHA-256 is the document's ``digest``.

The object (``"format": "budapest-coop-rendered"``, ``"version": 1``) holds ``kind``,
``template``, ``reference``, ``date`` (DD/MM/YYYY), ``digest``, ``languages``, ``rtl``,
``titles``, ``messages`` (one object per language, keys as in
:class:`~budapest_coop.render.LocalizedDocument`), ``sections`` (``number``, ``key``,
``citation``, ``titles``, ``fields``: ``labels``, ``values``, ``missing``, ``citation``) and
``warnings``; lists indexed by language follow the order of ``languages``.
"""

from __future__ import annotations

from typing import Any, ClassVar

import orjson

from budapest_coop.render.document import LocalizedDocument

__all__ = ["FORMAT", "VERSION", "JSONRenderer", "escape_json", "to_data"]

FORMAT = "budapest-coop-rendered"
VERSION = 1

_UNSAFE = (
    (b"<", b"\\u003c"),
    (b">", b"\\u003e"),
    (b"&", b"\\u0026"),
    ("\u2028".encode(), b"\\u2028"),
    ("\u2029".encode(), b"\\u2029"),
)


def escape_json(data: bytes) -> bytes:
    """Serialised JSON with ``< > &`` and the two Unicode line separators written as ``\\u`` escapes.

    The JSON means exactly the same, but can be pasted into an HTML page or a script
    without any user text being read as markup. These characters only occur inside JSON
    strings, so the replacement cannot touch the structure.

    >>> escape_json(b'{"name":"Ivanov <ivanov@example.org> & <img src=\\\\"/etc/passwd\\\\"/>"}')
    b'{"name":"Ivanov \\\\u003civanov@example.org\\\\u003e \\\\u0026 \\\\u003cimg src=\\\\"/etc/passwd\\\\"/\\\\u003e"}'
    """
    for raw, escaped in _UNSAFE:
        if raw in data:
            data = data.replace(raw, escaped)
    return data


def to_data(document: LocalizedDocument) -> dict[str, Any]:
    """The JSON-ready data of *document* (see the module documentation)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "kind": document.kind,
        "template": document.template,
        "reference": document.reference,
        "date": document.date,
        "digest": document.digest,
        "languages": list(document.languages),
        "rtl": list(document.rtl),
        "titles": list(document.titles),
        "messages": [dict(m) for m in document.messages],
        "sections": [
            {
                "number": s.number,
                "key": s.key,
                "citation": s.citation,
                "titles": list(s.titles),
                "fields": [
                    {
                        "labels": list(f.labels),
                        "values": list(f.values),
                        "missing": list(f.missing),
                        "citation": f.citation,
                    }
                    for f in s.fields
                ],
            }
            for s in document.sections
        ],
        "warnings": list(document.warnings),
    }


class JSONRenderer:
    """UTF-8 JSON, indented by two spaces; no options."""

    name: ClassVar[str] = "json"
    media_type: ClassVar[str] = "application/json"
    extension: ClassVar[str] = ".json"

    def render(self, document: LocalizedDocument) -> bytes:
        """The localized document as JSON (see the module documentation)."""
        return escape_json(orjson.dumps(to_data(document), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE))
