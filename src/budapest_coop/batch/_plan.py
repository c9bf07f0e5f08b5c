"""From records to requests: inherit the case data, group rows, build and check each request."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from budapest_coop.batch._columns import field_of, identifier_index
from budapest_coop.batch._input import BadLine, Record, envelope
from budapest_coop.errors import WireFormatError
from budapest_coop.wire import WireObject, from_data

__all__ = ["GROUPINGS", "RENDERABLE_KINDS", "Planned", "plan"]

#: How records become requests: one per record, one per reference, one per Party and custodian.
GROUPINGS = ("row", "reference", "custodian")
#: The kinds a batch produces documents for.
RENDERABLE_KINDS = ("preservation-request", "subscriber-information-request", "preservation-order")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_NAME = 120


@attrs.frozen
class Planned:
    """A request built from one or more input lines, ready to validate and render."""

    index: int
    lines: tuple[int, ...]
    #: For each identifier of the request, the input line it came from.
    identifier_lines: tuple[int, ...]
    kind: str
    request: WireObject
    #: The output file name without extension, unique in the run.
    name: str

    def line_of(self, path: str) -> int:
        """The input line behind a field path of the request (``identifiers[2].port``)."""
        return _line_for(path, self.identifier_lines, self.lines[0])


@attrs.define
class _Group:
    records: list[Record]
    number: int


def plan(
    records: Iterable[Record | BadLine],
    *,
    case: tuple[str, dict[str, Any]] | None,
    group_by: str,
) -> Iterator[Planned | BadLine]:
    """Requests (and bad lines) in input order; grouped requests come when the input is read."""
    if group_by not in GROUPINGS:
        raise ValueError(f"group_by must be one of {', '.join(GROUPINGS)}; got {group_by!r}")
    builder = _Builder(case)
    if group_by == "row":
        for record in records:
            if isinstance(record, BadLine):
                yield record
            else:
                yield from builder.build([record], None)
        return
    groups: dict[tuple[Any, ...], _Group] = {}
    for record in records:
        if isinstance(record, BadLine):
            yield record
            continue
        key = builder.key(record, group_by)
        group = groups.get(key)
        if group is None:
            groups[key] = _Group([record], len(groups))
            continue
        conflict = _conflict(group.records[0], record, ignore=("reference",) if group_by == "custodian" else ())
        if conflict is not None:
            yield conflict
        else:
            group.records.append(record)
    suffixes: dict[str | None, int] = {}
    for group in groups.values():
        suffix = None
        if group_by == "custodian":
            base = builder.merged(group.records[0]).get("reference")
            suffixes[base] = suffixes.get(base, 0) + 1
            suffix = suffixes[base]
        yield from builder.build(group.records, suffix)


def _conflict(first: Record, other: Record, ignore: tuple[str, ...]) -> BadLine | None:
    for field, value in other.data.items():
        if field in ignore or field not in first.data or _comparable(first.data[field]) == _comparable(value):
            continue
        return BadLine(
            other.line,
            field,
            f"differs from line {first.line}, which opens the same request (give the same value or leave it empty)",
        )
    return None


def _comparable(value: Any) -> Any:
    """A field's value as the grouping sees it: a custodian's name without case or spacing differences."""
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return {**value, "name": _folded(value["name"])}
    return value


def _folded(name: str) -> str:
    return " ".join(name.casefold().split())


class _Builder:
    def __init__(self, case: tuple[str, dict[str, Any]] | None) -> None:
        self.case_kind = case[0] if case else None
        self.case_data: dict[str, Any] = dict(case[1]) if case else {}
        self.case_identifiers = tuple(self.case_data.pop("identifiers", None) or ())
        self.index = 0
        self.references: dict[str, int] = {}
        self.derived: dict[str, str] = {}

    def kind(self, record: Record) -> str:
        return self.case_kind or record.kind

    def merged(self, record: Record) -> dict[str, Any]:
        return {**self.case_data, **record.data}

    def key(self, record: Record, group_by: str) -> tuple[Any, ...]:
        data = self.merged(record)
        if group_by == "reference":
            return (self.kind(record), data.get("reference"))
        custodian = data.get("custodian") or {}
        name = custodian.get("name") if isinstance(custodian, dict) else None
        folded = _folded(name) if isinstance(name, str) else None
        return (self.kind(record), data.get("requested_party"), folded)

    def build(self, records: list[Record], suffix: int | None) -> Iterator[Planned | BadLine]:
        first = records[0]
        kind = self.kind(first)
        lines = tuple(record.line for record in records)
        if kind not in RENDERABLE_KINDS:
            yield BadLine(first.line, "kind", f"a batch renders {', '.join(RENDERABLE_KINDS)}; not {kind!r}")
            return
        if self.case_kind is not None and first.kind != self.case_kind:
            yield BadLine(first.line, "kind", f"the case file is a {self.case_kind}; this line is a {first.kind}")
            return
        data = self.merged(first)
        identifiers: list[dict[str, Any]] = []
        identifier_lines: list[int] = []
        for record in records:
            identifiers.extend(record.identifiers)
            identifier_lines.extend([record.line] * len(record.identifiers))
        if not identifiers and self.case_identifiers:
            identifiers = list(self.case_identifiers)
            identifier_lines = [first.line] * len(identifiers)
        data["identifiers"] = identifiers
        if suffix is not None and isinstance(data.get("reference"), str):
            data["reference"] = f"{data['reference']}-{suffix:02d}"
        try:
            request = from_data(envelope(kind, data))
        except WireFormatError as exc:
            for problem in exc.problems:
                line = _line_for(problem.path, identifier_lines, first.line)
                yield BadLine(line, field_of(problem.path), problem.message)
            return
        reference = getattr(request, "reference", None)
        if reference is not None:
            previous = self.references.get(reference)
            if previous is not None:
                yield BadLine(
                    first.line,
                    "reference",
                    f"{reference!r} is already the reference of the request of line {previous}; "
                    "each request needs its own reference",
                )
                return
            self.references[reference] = first.line
        self.index += 1
        yield Planned(
            index=self.index,
            lines=lines,
            identifier_lines=tuple(identifier_lines),
            kind=kind,
            request=request,
            name=self._name(reference, first.line),
        )

    def _name(self, reference: str | None, line: int) -> str:
        # A file is named after the request's reference (or its line when it has none). Names
        # that two different requests would share get a short hash of the reference. Only the
        # names that differ from their reference are remembered: a reference used as it is
        # is already in ``self.references``, so memory stays small on large inputs.
        owner = reference if reference is not None else f"\0line {line}"
        name = f"line-{line:06d}" if reference is None else _UNSAFE.sub("_", reference).strip("._")[:_MAX_NAME]
        name = name or "request"
        if name == owner:
            taken = self.derived.get(name) is not None
        else:
            taken = self.derived.get(name, owner) != owner or name in self.references
        if taken:
            name = f"{name}-{hashlib.sha256(owner.encode()).hexdigest()[:8]}"
        if name != owner:
            self.derived[name] = owner
        return name


def _line_for(path: str, identifier_lines: Sequence[int], default: int) -> int:
    index = identifier_index(path)
    return identifier_lines[index] if index is not None and index < len(identifier_lines) else default
