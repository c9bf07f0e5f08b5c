"""CSV columns: dotted paths into a request's wire data, typed by the kind's JSON Schema.

A column ``custodian.name`` sets ``data["custodian"]["name"]``; ``facts.en`` sets the English
text of ``facts``; ``offences.0.name.en`` the first offence's name; ``data_categories`` takes
several values separated by ``;``. Columns starting with ``identifier.`` describe the one
identifier of a row (``identifier.type``, ``identifier.address``, ``identifier.observed_at``...);
the column ``identifier`` holds the identifier's main value whatever its type (the address, the
number, the account, the URL or the domain).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from budapest_coop.wire import json_schema

__all__ = ["Column", "ColumnError", "Layout", "field_of", "identifier_index", "layout_for"]

#: Separator of the values of a list column (``data_categories``, ``legal_basis``...).
LIST_SEPARATOR = ";"
#: The wire field holding the main value of each identifier type.
MAIN_FIELD = {
    "ip-address": "address",
    "email": "address",
    "phone": "number",
    "account": "account",
    "url": "url",
    "domain": "domain",
}
#: Columns whose name starts with this are the analyst's notes: read, never used.
COMMENT = "#"
IDENTIFIER = "identifier"
_TRUE = frozenset({"true", "yes", "y", "1"})
_FALSE = frozenset({"false", "no", "n", "0"})
_INDEX = re.compile(r"^(0|[1-9][0-9]{0,3})$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


class ColumnError(ValueError):
    """A cell's text cannot become the value its column needs."""


@attrs.frozen
class Column:
    """One column of the layout: where its value goes and how its text is read."""

    name: str
    #: Path segments into the request data (str keys, int list indexes); for an identifier
    #: column, into the identifier.
    path: tuple[str | int, ...]
    #: "string", "integer", "boolean", or "list:<item type>".
    type: str
    identifier: bool = False

    def read(self, text: str) -> Any:
        """The JSON value of a cell's *text* (not empty)."""
        if self.type.startswith("list:"):
            item = self.type[5:]
            return [_scalar(item, part.strip(), self.name) for part in text.split(LIST_SEPARATOR) if part.strip()]
        return _scalar(self.type, text, self.name)


def _scalar(kind: str, text: str, column: str) -> Any:
    if kind == "integer":
        try:
            return int(text.strip())
        except ValueError:
            raise ColumnError(f"must be a whole number; got {text!r}") from None
    if kind == "boolean":
        word = text.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise ColumnError(f"must be yes or no (true/false, 1/0); got {text!r}")
    return text


@attrs.frozen
class Layout:
    """The columns of a CSV header, checked against a request kind."""

    kind: str
    columns: tuple[Column | None, ...]  # None for a note column (its name starts with #)
    names: tuple[str, ...]

    def row_data(self, cells: Sequence[str]) -> tuple[dict[str, Any], dict[str, Any] | None, list[tuple[str, str]]]:
        """The request fields and the identifier (or None) of a row, and the (column, message) problems."""
        data: dict[str, Any] = {}
        identifier: dict[str, Any] = {}
        problems: list[tuple[str, str]] = []
        main_value: str | None = None
        for column, cell in zip(self.columns, cells, strict=True):
            if column is None or cell == "":
                continue
            try:
                value = column.read(cell)
            except ColumnError as exc:
                problems.append((column.name, str(exc)))
                continue
            if column.identifier and not column.path:
                main_value = value
            elif column.identifier:
                _put(identifier, column.path, value)
            else:
                _put(data, column.path, value)
        if main_value is not None:
            kind = identifier.get("type")
            field = MAIN_FIELD.get(kind) if isinstance(kind, str) else None
            if field is None:
                rule = f"must be one of {', '.join(MAIN_FIELD)} when the column identifier is filled in"
                problems.append(("identifier.type", rule))
            elif field in identifier:
                problems.append((IDENTIFIER, f"the columns identifier and identifier.{field} are both filled in"))
            else:
                identifier[field] = main_value
        return data, (identifier or None), problems

    def column_for(self, path: str) -> str:
        """The column that fed the wire path *path* (``$.data.custodian.country``), or the path itself."""
        dotted = field_of(path)
        if dotted == IDENTIFIER and IDENTIFIER in self.names:
            return IDENTIFIER
        best = ""
        for name in self.names:
            related = dotted == name or dotted.startswith(name + ".") or name.startswith(dotted + ".")
            if related and len(name) > len(best):
                best = name
        if not best and dotted.startswith(IDENTIFIER + ".") and IDENTIFIER in self.names:
            return IDENTIFIER
        return best or dotted


_IDENTIFIER_PATH = re.compile(r"^\$?\.?(?:data\.)?identifiers\[(\d+)\](.*)$")


def identifier_index(path: str) -> int | None:
    """The identifier a wire or request path is inside (``identifiers[2].port`` -> 2), or None."""
    match = _IDENTIFIER_PATH.match(path)
    return int(match.group(1)) if match else None


def field_of(path: str) -> str:
    """A wire path as a column-like name: ``$.data.identifiers[0].port`` -> ``identifier.port``."""
    match = _IDENTIFIER_PATH.match(path)
    if match:
        return IDENTIFIER + match.group(2)
    text = path.removeprefix("$").removeprefix(".data").removeprefix(".")
    return re.sub(r"\[(\d+)\]", r".\1", text) or "$"


def _put(target: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    node: Any = target
    for segment, following in itertools.pairwise(path):
        child_default: Any = [] if isinstance(following, int) else {}
        if isinstance(segment, int):
            while len(node) <= segment:
                node.append({} if not isinstance(following, int) else [])
            node = node[segment]
        else:
            node = node.setdefault(segment, child_default)
    last = path[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = value


def layout_for(kind: str, header: Sequence[str]) -> Layout:
    """Check *header* against *kind*; raise :class:`ColumnError` naming every unknown column."""
    columns: list[Column | None] = []
    unknown: list[str] = []
    seen: set[str] = set()
    duplicated: list[str] = []
    for raw in header:
        name = raw.strip()
        if name in seen:
            duplicated.append(name)
        seen.add(name)
        if name.startswith(COMMENT):
            columns.append(None)
            continue
        column = _column(kind, name)
        if column is None:
            unknown.append(name)
        columns.append(column)
    problems = []
    if unknown:
        problems.append(
            f"unknown column{'s' if len(unknown) > 1 else ''} for a {kind}: {', '.join(map(repr, unknown))} "
            "(a column is a field of the request, a dotted path such as custodian.name or facts.en, "
            "or identifier.<field>; see the batch documentation)"
        )
    if duplicated:
        problems.append(f"column{'s' if len(duplicated) > 1 else ''} given twice: {', '.join(map(repr, duplicated))}")
    if problems:
        raise ColumnError("; ".join(problems))
    return Layout(kind=kind, columns=tuple(columns), names=tuple(name.strip() for name in header))


@functools.cache
def _schema(kind: str) -> dict[str, Any]:
    return json_schema(kind)


def _column(kind: str, name: str) -> Column | None:
    schema = _schema(kind)
    data = schema["properties"]["data"]
    defs: Mapping[str, Any] = schema.get("$defs", {})
    if name == IDENTIFIER:
        has_identifiers = "identifiers" in data["properties"]
        return Column(name=name, path=(), type="string", identifier=True) if has_identifiers else None
    if name.startswith(IDENTIFIER + "."):
        if "identifiers" not in data["properties"]:
            return None
        segments = name.split(".")[1:]
        for option in data["properties"]["identifiers"]["items"].get("oneOf", []):
            found = _leaf(defs, option, segments)
            if found is not None:
                return Column(name=name, path=found[0], type=found[1], identifier=True)
        return None
    found = _leaf(defs, data, name.split("."))
    if found is None or found[0][0] == "identifiers":
        return None
    return Column(name=name, path=found[0], type=found[1])


def _deref(defs: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[1]]
    options = [option for option in node.get("anyOf", []) if option.get("type") != "null"]
    if "type" not in node and "properties" not in node and len(options) == 1:
        merged = {key: value for key, value in node.items() if key != "anyOf"}
        merged.update(_deref(defs, options[0]))
        return merged
    return node


def _leaf(
    defs: Mapping[str, Any], node: Mapping[str, Any], segments: Sequence[str]
) -> tuple[tuple[str | int, ...], str] | None:
    node = _deref(defs, node)
    if not segments:
        return _type(defs, node)
    head, rest = segments[0], segments[1:]
    if "const" in node or head == "":
        return None
    if node.get("type") == "array":
        if not _INDEX.match(head):
            return None
        found = _leaf(defs, node["items"], rest)
        return None if found is None else ((int(head), *found[0]), found[1])
    properties = node.get("properties")
    if isinstance(properties, Mapping):
        if head not in properties:
            return None
        found = _leaf(defs, properties[head], rest)
        return None if found is None else ((head, *found[0]), found[1])
    extra = node.get("additionalProperties")
    if isinstance(extra, Mapping) and _LANGUAGE.match(head):  # LocalizedText: the segment is a language tag
        found = _leaf(defs, extra, rest)
        return None if found is None else ((head, *found[0]), found[1])
    return None


def _type(defs: Mapping[str, Any], node: Mapping[str, Any]) -> tuple[tuple[str | int, ...], str] | None:
    kind = node.get("type")
    if kind == "array":
        items = _deref(defs, node["items"])
        item = _type(defs, items)
        if item is None or item[1].startswith("list:"):
            return None
        return (), f"list:{item[1]}"
    if kind in ("integer", "boolean"):
        return (), str(kind)
    if kind == "string" or "enum" in node or "const" in node:
        return (), "string"
    return None
