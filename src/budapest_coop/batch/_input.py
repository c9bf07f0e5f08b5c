"""Reading batch input: CSV rows and JSON Lines, one record at a time, bad lines reported, never fatal."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import attrs

from budapest_coop.batch._columns import ColumnError, Layout, layout_for
from budapest_coop.errors import BudapestCoopError, WireFormatError
from budapest_coop.wire import FORMAT, VERSION, from_data, parse_json

__all__ = ["BadLine", "InputError", "Record", "count_lines", "envelope", "read_records", "wire_check"]

#: A quoted CSV field may run over this many physical lines at most; past it the quote is
#: taken as never closed.
MAX_RECORD_LINES = 10_000


class InputError(BudapestCoopError, ValueError):
    """The batch input cannot be used at all: no file, no header, unknown columns, a bad case file."""


@attrs.frozen
class Record:
    """One CSV row or JSON line: its request fields and the identifiers it adds."""

    line: int
    kind: str
    data: dict[str, Any]
    identifiers: tuple[dict[str, Any], ...]


@attrs.frozen
class BadLine:
    """An input line that gives no request, with the reason."""

    line: int
    field: str | None
    message: str


def envelope(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """The wire-format envelope around *data*."""
    return {"format": FORMAT, "version": VERSION, "kind": kind, "data": data}


def wire_check(kind: str, data: dict[str, Any]) -> list[tuple[str, str]]:
    """The (JSON path, message) problems of *data* as a request of *kind* (empty when it reads)."""
    try:
        from_data(envelope(kind, data))
    except WireFormatError as exc:
        return [(problem.path, problem.message) for problem in exc.problems]
    return []


def count_lines(path: Path) -> int | None:
    """The number of lines of *path* (for the progress estimate), or None for a stream."""
    try:
        with path.open("rb") as stream:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))
    except OSError:
        return None


def read_records(path: Path, *, kind: str, csv_input: bool) -> Iterator[Record | BadLine]:
    """The records of *path*; raises :class:`InputError` when the file cannot be used at all."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read the input: {exc.strerror or exc}") from None
    with stream:
        if csv_input:
            yield from _csv_records(stream, path, kind)
        else:
            yield from _jsonl_records(stream, kind)


def _decode(raw: bytes, first: bool) -> str:
    return raw.decode("utf-8-sig" if first else "utf-8")


def _csv_records(stream: BinaryIO, path: Path, kind: str) -> Iterator[Record | BadLine]:
    first = stream.readline()
    if not first.strip():
        raise InputError(f"{path}: the CSV file has no header line (the first line names the columns)")
    try:
        header = next(csv.reader([_decode(first, True)], strict=True))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: line 1: the header is not a valid UTF-8 CSV line: {exc}") from None
    try:
        layout = layout_for(kind, header)
    except ColumnError as exc:
        raise InputError(f"{path}: line 1: {exc}") from None
    line = 1
    while True:
        start = line + 1
        raw = stream.readline()
        if not raw:
            return
        after_first = stream.tell()
        line += 1
        chunks = [raw]
        quotes = raw.count(b'"')
        while quotes % 2 and len(chunks) < MAX_RECORD_LINES:
            more = stream.readline()
            if not more:
                break
            line += 1
            chunks.append(more)
            quotes += more.count(b'"')
        if quotes % 2:
            # A quote opened and never closed: report the line and read on from the next one.
            yield BadLine(start, None, "a quoted field is opened and never closed (broken quoting)")
            stream.seek(after_first)
            line = start
            continue
        record = _csv_record(layout, b"".join(chunks), start)
        if isinstance(record, BadLine) and len(chunks) > 1 and record.field is None:
            # A record over several lines that does not parse: its quotes were probably broken.
            # Report its first line and read on from the next one, so no other row is lost.
            yield attrs.evolve(record, message=record.message + f" (the quoted field runs over {len(chunks)} lines)")
            stream.seek(after_first)
            line = start
            continue
        yield record


def _csv_record(layout: Layout, raw: bytes, line: int) -> Record | BadLine:
    try:
        text = _decode(raw, False)
    except UnicodeDecodeError as exc:
        return BadLine(line, None, f"not UTF-8 text: {exc.reason} at byte {exc.start}")
    if not text.strip():
        return BadLine(line, None, "empty line")
    try:
        cells = next(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        return BadLine(line, None, f"not a valid CSV line: {exc} (broken quoting?)")
    if len(cells) != len(layout.names):
        return BadLine(
            line,
            None,
            f"{len(cells)} fields where the header has {len(layout.names)} (broken quoting or a stray comma?)",
        )
    data, identifier, problems = layout.row_data(cells)
    if problems:
        field, message = problems[0]
        return BadLine(line, field, message + ("" if len(problems) == 1 else f" (and {len(problems) - 1} more)"))
    identifiers = (identifier,) if identifier is not None else ()
    wire_problems = wire_check(layout.kind, {**data, "identifiers": list(identifiers)})
    if wire_problems:
        path, message = wire_problems[0]
        extra = "" if len(wire_problems) == 1 else f" (and {len(wire_problems) - 1} more)"
        return BadLine(line, layout.column_for(path), message + extra)
    return Record(line=line, kind=layout.kind, data=data, identifiers=identifiers)


def _jsonl_records(stream: BinaryIO, kind: str) -> Iterator[Record | BadLine]:
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            document = parse_json(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError as exc:
            yield BadLine(number, None, f"not UTF-8 text: {exc.reason} at byte {exc.start}")
            continue
        except WireFormatError as exc:
            yield BadLine(number, None, exc.problems[0].message)
            continue
        if not isinstance(document, dict) or not isinstance(document.get("data"), dict):
            yield BadLine(number, None, "must be a budapest-coop document (an envelope with format, kind and data)")
            continue
        line_kind = document.get("kind", kind)
        try:
            from_data(document)
        except WireFormatError as exc:
            problem = exc.problems[0]
            extra = "" if len(exc.problems) == 1 else f" (and {len(exc.problems) - 1} more)"
            yield BadLine(number, problem.path, problem.message + extra)
            continue
        data = dict(document["data"])
        identifiers = tuple(data.pop("identifiers", None) or ())
        yield Record(line=number, kind=str(line_kind), data=data, identifiers=identifiers)
