"""``run``: read, build, validate, render and write a whole batch; resumable, in parallel."""

from __future__ import annotations

import array
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent import futures
from pathlib import Path
from typing import Any, BinaryIO

import attrs
import orjson

from budapest_coop import __version__
from budapest_coop._files import TEMPORARY_SUFFIX, write_atomically
from budapest_coop.batch._input import BadLine, InputError, count_lines, read_records
from budapest_coop.batch._plan import GROUPINGS, RENDERABLE_KINDS, Planned, plan
from budapest_coop.batch._worker import BLOCKING, Outcome, Settings, Task, init, local_state, process, work
from budapest_coop.errors import BudapestCoopError, WireFormatError
from budapest_coop.wire import canonical_json, parse_json

__all__ = ["ERRORS", "MANIFEST", "BatchResult", "Progress", "run"]

#: The manifest of a run: one JSON line per request, in input order.
MANIFEST = "manifest.jsonl"
#: Every input line that gave no document, and why.
ERRORS = "errors.jsonl"
#: Manifest entries in the order requests finish, while a run is going on (removed at the end).
JOURNAL = ".manifest.journal"
_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}" + re.escape(TEMPORARY_SUFFIX) + "$")
_PROGRESS_EVERY = 0.2  # seconds between two progress reports


@attrs.frozen(kw_only=True)
class Progress:
    """Where a run stands, reported to the ``progress`` callback of :func:`run`."""

    done: int
    #: An estimate of the number of records (lines) in the input; None when unknown.
    total: int | None
    written: int
    skipped: int
    failed: int
    bad_lines: int
    seconds: float

    @property
    def rate(self) -> float:
        """Records finished per second so far."""
        return self.done / self.seconds if self.seconds > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left, estimated; None when unknown."""
        if self.total is None or self.rate <= 0:
            return None
        return max(self.total - self.done, 0) / self.rate


@attrs.frozen(kw_only=True)
class BatchResult:
    """The outcome of a batch run.

    ``requests`` counts the requests built from the input; each was ``written`` (its
    documents produced now), ``skipped`` (produced by an earlier run, unchanged) or
    ``failed`` (validation findings at the ``fail_on`` level, or a rendering error).
    ``bad_lines`` counts the input lines that gave no request (unreadable, bad values).
    """

    requests: int
    written: int
    skipped: int
    failed: int
    bad_lines: int
    seconds: float
    out_dir: Path
    manifest: Path
    errors: Path
    #: The largest peak resident memory of a process that rendered (KiB); None when nothing was rendered.
    worker_peak_rss_kib: int | None = None

    @property
    def ok(self) -> bool:
        """True when every line gave a request and every request was produced."""
        return self.failed == 0 and self.bad_lines == 0

    @property
    def exit_status(self) -> int:
        """The command line's exit status: 0 all produced, 1 some requests or lines failed."""
        return 0 if self.ok else 1

    def summary(self) -> str:
        """One line for people: what was done, in how much time."""
        rate = (self.written + self.skipped + self.failed) / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{self.requests} requests: {self.written} written, {self.skipped} skipped (already done), "
            f"{self.failed} failed; {self.bad_lines} bad input lines; {self.seconds:.1f} s ({rate:.1f} requests/s)"
        )


def run(
    source: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    formats: Sequence[str] = ("pdf",),
    languages: Sequence[str] = ("en",),
    input_format: str | None = None,
    kind: str = "preservation-request",
    case: str | os.PathLike[str] | None = None,
    group_by: str = "row",
    fail_on: str = "error",
    force: bool = False,
    today: dt.date | None = None,
    registry: Any = None,
    options: dict[str, Any] | None = None,
    durable: bool = False,
    progress: Callable[[Progress], None] | None = None,
) -> BatchResult:
    """Produce one document per request (and per format) of *source* in *out_dir*.

    :param source: a CSV file (columns in the batch documentation) or a JSON Lines file (one
        budapest-coop document per line).
    :param out_dir: the output directory (created when missing). It receives the documents,
        ``manifest.jsonl`` and ``errors.jsonl``; every file is written whole or not at all.
    :param jobs: worker processes (default: the number of CPUs; 1 works in this process).
    :param formats: output formats (``pdf``, ``docx``, ``html``...), one file per format.
    :param languages: the document languages; two give a bilingual document.
    :param input_format: ``"csv"`` or ``"jsonl"``; by default from the file's suffix.
    :param kind: the request kind of CSV rows without a case file.
    :param case: a budapest-coop document whose fields every row inherits (a row's own
        fields replace the case's, field by field at the top level).
    :param group_by: ``"row"`` (one request per row), ``"reference"`` (rows with the same
        reference make one request) or ``"custodian"`` (one request per requested Party
        and custodian, collecting their identifiers; references get ``-01``, ``-02``...).
    :param fail_on: ``"error"``, ``"warning"`` or ``"never"``: findings at this level stop
        a request (it is reported in ``errors.jsonl`` instead of being written).
    :param force: produce every request again, even those an earlier run finished.
    :param today: the day of validation (default: today).
    :param registry: a :class:`~budapest_coop.registry.Registry` (default: the shipped one).
    :param options: renderer options (``letterhead``, ``page_size``...).
    :param durable: ``fsync`` every document before renaming it. Off by default: a resumed
        run checks the SHA-256 of every earlier document and produces again any that
        does not match, so nothing incomplete is ever kept.
    :param progress: called with a :class:`Progress` a few times per second.
    :raises InputError: when the input cannot be used at all (missing file, unknown columns,
        bad case file); every other problem is reported per line and the run goes on.
    """
    started = time.monotonic()
    source = Path(source)
    out = Path(out_dir)
    formats, languages = tuple(formats), tuple(languages)
    if not formats:
        raise InputError("give at least one output format")
    if group_by not in GROUPINGS:
        raise InputError(f"group_by must be one of {', '.join(GROUPINGS)}; got {group_by!r}")
    if fail_on not in BLOCKING:
        raise InputError(f"fail_on must be one of {', '.join(BLOCKING)}; got {fail_on!r}")
    extensions = _extensions(formats)
    case_data = _read_case(Path(case)) if case is not None else None
    if case_data is not None:
        kind = case_data[0]
    if kind not in RENDERABLE_KINDS:
        raise InputError(f"kind must be one of {', '.join(RENDERABLE_KINDS)}; got {kind!r}")
    csv_input = _is_csv(source, input_format)
    if not source.is_file():
        raise InputError(f"{source}: no such input file")
    items = plan(read_records(source, kind=kind, csv_input=csv_input), case=case_data, group_by=group_by)
    first = next(items, None)  # reads the header: unknown columns fail here, before any file is touched
    out.mkdir(parents=True, exist_ok=True)
    _remove_temporary_files(out)
    previous = {} if force else _previous_entries(out)
    settings = Settings(
        out_dir=out,
        formats=formats,
        languages=languages,
        options=dict(options or {}),
        fail_on=fail_on,
        today=today,
        registry=registry,
        durable=durable,
        source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH"),
    )
    fingerprint = _fingerprint(settings)
    lines = count_lines(source)
    total = None if lines is None or group_by != "row" else max(lines - (1 if csv_input else 0), 0)
    state = _RunState(out=out, started=started, total=total, progress=progress)
    with (out / JOURNAL).open("ab") as journal:
        state.journal = journal
        pending = _pending(_chain(first, items), state, previous, fingerprint, extensions)
        workers = 1 if jobs == 1 else max(jobs or os.cpu_count() or 1, 1)
        if workers == 1:
            local = local_state(settings)
            for task in pending:
                state.finish(work(local, task), _own_rss())
        else:
            _run_pool(pending, settings, workers, state)
    state.report(force=True)
    manifest = out / MANIFEST
    with (out / JOURNAL).open("rb") as journal:
        write_atomically(manifest, state.manifest_lines(journal), durable=durable)
    errors = out / ERRORS
    state.errors.sort(key=lambda item: item[0])
    write_atomically(errors, b"".join(orjson.dumps(error) + b"\n" for _, error in state.errors), durable=durable)
    (out / JOURNAL).unlink(missing_ok=True)
    return BatchResult(
        requests=state.requests,
        written=state.written,
        skipped=state.skipped,
        failed=state.failed,
        bad_lines=len(state.bad_lines),
        seconds=time.monotonic() - started,
        out_dir=out,
        manifest=manifest,
        errors=errors,
        worker_peak_rss_kib=state.peak_rss,
    )


def _chain(first: Planned | BadLine | None, rest: Iterator[Planned | BadLine]) -> Iterator[Planned | BadLine]:
    if first is not None:
        yield first
        yield from rest


def _extensions(formats: tuple[str, ...]) -> dict[str, str]:
    from budapest_coop.render import get_renderer

    extensions: dict[str, str] = {}
    for fmt in formats:
        try:
            extensions[fmt] = get_renderer(fmt).extension
        except BudapestCoopError as exc:
            raise InputError(str(exc)) from None
    if len(set(extensions.values())) != len(extensions):
        raise InputError(f"two of the formats {', '.join(formats)} write files with the same extension")
    return extensions


def _is_csv(source: Path, input_format: str | None) -> bool:
    if input_format is not None:
        if input_format not in ("csv", "jsonl"):
            raise InputError(f"input_format must be csv or jsonl; got {input_format!r}")
        return input_format == "csv"
    suffix = source.suffix.lower()
    if suffix == ".csv":
        return True
    if suffix in (".jsonl", ".ndjson"):
        return False
    raise InputError(f"{source}: cannot tell CSV from JSON Lines by the suffix {suffix!r}; say which (csv or jsonl)")


def _read_case(path: Path) -> tuple[str, dict[str, Any]]:
    from budapest_coop.wire import from_data

    try:
        document = parse_json(path.read_bytes(), source=str(path))
        from_data(document, source=str(path))
    except OSError as exc:
        raise InputError(f"{path}: cannot read the case file: {exc.strerror or exc}") from None
    except WireFormatError as exc:
        raise InputError(f"the case file {exc}") from None
    kind = document["kind"]
    if kind not in RENDERABLE_KINDS:
        raise InputError(f"{path}: the case file must be one of {', '.join(RENDERABLE_KINDS)}; it is a {kind}")
    return kind, dict(document["data"])


def _remove_temporary_files(out: Path) -> None:
    """Temporary files of a run that was killed while writing (never complete documents)."""
    for path in out.iterdir():
        if _TEMPORARY.match(path.name) and path.is_file():
            path.unlink(missing_ok=True)


def _previous_entries(out: Path) -> dict[str, bytes]:
    """Manifest entries (JSON lines) of earlier runs, finished or interrupted, that produced their documents."""
    entries: dict[str, bytes] = {}
    for name in (MANIFEST, JOURNAL):
        try:
            raw = (out / name).read_bytes()
        except OSError:
            continue
        for line in raw.splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # the last line of a journal cut short by a crash
            if isinstance(entry, dict) and entry.get("status") == "ok" and isinstance(entry.get("key"), str):
                entries[entry["key"]] = line
    return entries


def _fingerprint(settings: Settings) -> bytes:
    """What besides the request decides the documents' bytes."""
    return orjson.dumps(
        {
            "version": __version__,
            "formats": settings.formats,
            "languages": settings.languages,
            "options": sorted((key, repr(value)) for key, value in settings.options.items()),
            "fail_on": settings.fail_on,
            "today": None if settings.today is None else settings.today.isoformat(),
            "epoch": settings.source_date_epoch,
        }
    )


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@attrs.define
class _RunState:
    out: Path
    started: float
    total: int | None
    progress: Callable[[Progress], None] | None
    journal: Any = None
    requests: int = 0
    written: int = 0
    skipped: int = 0
    failed: int = 0
    bad_lines: set[int] = attrs.Factory(set)
    #: Where each request's entry is in the journal (by index - 1): offset and length. The
    #: entries themselves stay on disk, so memory does not grow with the input.
    offsets: array.array[int] = attrs.Factory(lambda: array.array("q"))
    lengths: array.array[int] = attrs.Factory(lambda: array.array("q"))
    errors: list[tuple[tuple[int, int, int], dict[str, Any]]] = attrs.Factory(list)
    planned: dict[int, tuple[Planned, str]] = attrs.Factory(dict)
    peak_rss: int | None = None
    last_report: float = 0.0

    def bad(self, bad: BadLine) -> None:
        self.bad_lines.add(bad.line)
        error = {
            "line": bad.line,
            "lines": [bad.line],
            "reference": None,
            "field": bad.field,
            "code": None,
            "severity": "error",
            "citation": None,
            "message": bad.message,
        }
        self.errors.append(((bad.line, 0, len(self.errors)), error))
        self.report()

    def entry(self, planned: Planned, key: str, status: str, outcome: dict[str, Any]) -> bytes:
        request = planned.request
        entry = {
            "index": planned.index,
            "lines": list(planned.lines),
            "reference": getattr(request, "reference", None),
            "kind": planned.kind,
            "requested_party": getattr(request, "requested_party", None),
            "status": status,
            "outputs": outcome["outputs"],
            "findings": outcome["findings"],
            "codes": outcome["codes"],
            "warnings": outcome["warnings"],
            "key": key,
        }
        return orjson.dumps(entry) + b"\n"

    def record(self, planned: Planned, line: bytes) -> None:
        slot = planned.index - 1
        while len(self.offsets) <= slot:
            self.offsets.append(-1)
            self.lengths.append(0)
        self.offsets[slot] = self.journal.tell()
        self.lengths[slot] = len(line)
        self.journal.write(line)
        self.journal.flush()

    def manifest_lines(self, journal: BinaryIO) -> Iterator[bytes]:
        """The entries in input order, read back from the journal."""
        for offset, length in zip(self.offsets, self.lengths, strict=True):
            if offset >= 0:
                journal.seek(offset)
                yield journal.read(length)

    def skip(self, planned: Planned, key: str, previous: dict[str, Any]) -> None:
        self.requests += 1
        self.skipped += 1
        self.record(planned, self.entry(planned, key, "ok", previous))
        self.report()

    def finish(self, outcome: Outcome, rss: int | None) -> None:
        planned, key = self.planned.pop(outcome.index)
        if rss is not None:
            self.peak_rss = max(self.peak_rss or 0, rss)
        data = {
            "outputs": [{"format": fmt, "path": path, "sha256": sha} for fmt, path, sha in outcome.outputs],
            "findings": outcome.counts,
            "codes": list(outcome.codes),
            "warnings": list(outcome.warnings),
        }
        status = "ok" if outcome.ok else "failed"
        if outcome.ok:
            self.written += 1
        else:
            self.failed += 1
            self._request_errors(planned, outcome)
        self.record(planned, self.entry(planned, key, status, data))
        self.report()

    def _request_errors(self, planned: Planned, outcome: Outcome) -> None:
        reference = getattr(planned.request, "reference", None)
        problems = list(outcome.blocking) or [
            {"code": None, "severity": "error", "citation": None, "path": None, "message": outcome.failure}
        ]
        for number, finding in enumerate(problems):
            path = finding.get("path") or ""
            line = planned.line_of(path)
            error = {
                "line": line,
                "lines": list(planned.lines),
                "reference": reference,
                "field": path or None,
                "code": finding.get("code"),
                "severity": finding.get("severity"),
                "citation": finding.get("citation"),
                "message": finding.get("message"),
            }
            self.errors.append(((line, planned.index, number), error))

    def report(self, *, force: bool = False) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        if not force and now - self.last_report < _PROGRESS_EVERY:
            return
        self.last_report = now
        self.progress(
            Progress(
                done=self.written + self.skipped + self.failed + len(self.bad_lines),
                total=self.total,
                written=self.written,
                skipped=self.skipped,
                failed=self.failed,
                bad_lines=len(self.bad_lines),
                seconds=now - self.started,
            )
        )


def _pending(
    items: Iterator[Planned | BadLine],
    state: _RunState,
    previous: dict[str, bytes],
    fingerprint: bytes,
    extensions: dict[str, str],
) -> Iterator[Task]:
    """The tasks still to do; bad lines and requests finished by an earlier run are settled here."""
    for item in items:
        if isinstance(item, BadLine):
            state.bad(item)
            continue
        key = hashlib.sha256(fingerprint + b"\0" + canonical_json(item.request)).hexdigest()
        outputs = tuple((fmt, f"{item.name}{extension}") for fmt, extension in extensions.items())
        line = previous.get(key)
        done = json.loads(line) if line is not None else None
        if done is not None and _still_there(state.out, done, outputs):
            state.skip(item, key, done)
            continue
        state.requests += 1
        state.planned[item.index] = (item, key)
        yield Task(index=item.index, request=item.request, outputs=outputs)


def _still_there(out: Path, entry: dict[str, Any], outputs: tuple[tuple[str, str], ...]) -> bool:
    recorded = entry.get("outputs")
    if not isinstance(recorded, list) or [(o.get("format"), o.get("path")) for o in recorded] != list(outputs):
        return False
    return all(_sha256(out / str(o["path"])) == o.get("sha256") for o in recorded)


def _own_rss() -> int | None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return None
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _worker_process(task: Task) -> tuple[Outcome, int | None]:
    return process(task), _own_rss()


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods and sys.platform != "darwin":
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["budapest_coop.batch._worker", "budapest_coop.render"])
        return context
    return multiprocessing.get_context("spawn")


def _run_pool(pending: Iterator[Task], settings: Settings, workers: int, state: _RunState) -> None:
    """Run the tasks on *workers* processes, a bounded number at a time (memory stays flat)."""
    pool = _Pool(settings, workers, state)
    try:
        for task in pending:
            pool.submit(task)
            if len(pool.running) >= workers * 4:
                pool.collect()
        while pool.running:
            pool.collect()
    finally:
        pool.executor.shutdown(wait=True, cancel_futures=True)


class _Pool:
    def __init__(self, settings: Settings, workers: int, state: _RunState) -> None:
        self.settings = settings
        self.workers = workers
        self.state = state
        self.context = _context()
        self.executor = self._start()
        self.running: dict[futures.Future[tuple[Outcome, int | None]], Task] = {}

    def _start(self) -> futures.ProcessPoolExecutor:
        return futures.ProcessPoolExecutor(
            self.workers, mp_context=self.context, initializer=init, initargs=(self.settings,)
        )

    def submit(self, task: Task) -> None:
        self.running[self.executor.submit(_worker_process, task)] = task

    def collect(self) -> None:
        """Wait for at least one task to finish and settle every finished one."""
        done, _ = futures.wait(self.running, return_when=futures.FIRST_COMPLETED)
        broken = False
        for future in done:
            task = self.running.pop(future)
            try:
                outcome, rss = future.result()
            except futures.process.BrokenProcessPool:
                broken = True
                outcome, rss = _lost(task, "a worker process stopped unexpectedly"), None
            except Exception as exc:  # a bug in a plugin renderer must not stop the batch
                outcome, rss = _lost(task, f"{type(exc).__name__}: {exc}"), None
            self.state.finish(outcome, rss)
        if broken:
            # What still runs on the broken pool is lost too: report it, start a new pool.
            for future, task in list(self.running.items()):
                self.running.pop(future)
                self.state.finish(_lost(task, "a worker process stopped unexpectedly"), None)
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = self._start()


def _lost(task: Task, why: str) -> Outcome:
    return Outcome(task.index, (), {"error": 0, "warning": 0, "info": 0}, (), (), why, ())
