"""The work of one request, in a worker process (or in the caller's, with one job): validate, render, write."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import Any

import attrs

from budapest_coop._files import write_atomically
from budapest_coop.errors import BudapestCoopError
from budapest_coop.typing import Renderer
from budapest_coop.wire import WireObject

__all__ = ["Outcome", "Settings", "Task", "init", "process", "work"]

#: Findings at or above each ``fail_on`` level stop a request from being written.
BLOCKING = {"error": frozenset({"error"}), "warning": frozenset({"error", "warning"}), "never": frozenset()}


@attrs.frozen
class Settings:
    """What every request of a run shares; sent once to each worker."""

    out_dir: Path
    formats: tuple[str, ...]
    languages: tuple[str, ...]
    options: dict[str, Any]
    fail_on: str
    today: dt.date | None
    registry: Any  # a budapest_coop.registry.Registry, or None for the shipped one
    durable: bool
    #: SOURCE_DATE_EPOCH of the caller (None: unset). Workers may have started earlier, with
    #: another environment; reproducible output must follow the caller's.
    source_date_epoch: str | None = None


@attrs.frozen
class Task:
    """One request to produce: its number in the run, the request, and its output file per format."""

    index: int
    request: WireObject
    outputs: tuple[tuple[str, str], ...]  # (format, path relative to the output directory)


@attrs.frozen
class Outcome:
    """What became of a task: files written (with their SHA-256) or why not."""

    index: int
    outputs: tuple[tuple[str, str, str], ...]  # (format, relative path, sha256)
    counts: dict[str, int]
    codes: tuple[str, ...]
    #: Findings that stopped the request (code, severity, path, message, citation).
    blocking: tuple[dict[str, Any], ...]
    #: Why rendering failed, when it did.
    failure: str | None
    warnings: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.blocking and self.failure is None


@attrs.define
class _State:
    settings: Settings
    renderers: dict[str, Renderer]
    registry: Any


_STATE: list[_State] = []


def init(settings: Settings) -> None:
    """Prepare a worker: renderers and registry, once per process."""
    from budapest_coop.registry import Registry
    from budapest_coop.render import get_renderer

    if settings.source_date_epoch is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = settings.source_date_epoch
    renderers = {name: get_renderer(name) for name in settings.formats}
    registry = settings.registry if settings.registry is not None else Registry.default()
    _STATE[:] = [_State(settings, renderers, registry)]


def process(task: Task) -> Outcome:
    """Validate, render and write one request (after :func:`init` in this process)."""
    return work(_STATE[0], task)


def work(state: _State, task: Task) -> Outcome:
    from budapest_coop.render import render_with_report
    from budapest_coop.validation import validate

    settings = state.settings
    report = validate(task.request, registry=state.registry, today=settings.today)
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in report.findings:
        counts[finding.severity.value] += 1
    codes = tuple(sorted({finding.code for finding in report.findings}))
    stop = BLOCKING[settings.fail_on]
    blocking = [finding.to_dict() for finding in report.findings if finding.severity.value in stop]
    if "error" in stop:
        blocking += [
            {"code": error.code, "severity": "error", "path": "", "message": str(error), "citation": None}
            for error in report.rule_errors
        ]
    if blocking:
        return Outcome(task.index, (), counts, codes, tuple(blocking), None, ())
    written: list[tuple[str, str, str]] = []
    warnings: list[str] = []
    try:
        for fmt, relative in task.outputs:
            result = render_with_report(
                task.request, state.renderers[fmt], languages=settings.languages, **settings.options
            )
            write_atomically(settings.out_dir / relative, result.content, durable=settings.durable)
            written.append((fmt, relative, hashlib.sha256(result.content).hexdigest()))
            warnings.extend(warning for warning in result.warnings if warning not in warnings)
    except (BudapestCoopError, OSError, TypeError, ValueError) as exc:
        # A request is produced whole or not at all: drop the formats already written.
        for _, relative, _ in written:
            (settings.out_dir / relative).unlink(missing_ok=True)
        failure = f"{type(exc).__name__}: {exc}"
        return Outcome(task.index, (), counts, codes, (), failure, tuple(warnings))
    return Outcome(task.index, tuple(written), counts, codes, (), None, tuple(warnings))


def local_state(settings: Settings) -> _State:
    """The state :func:`init` builds, for running tasks in the calling process."""
    init(settings)
    state = _STATE[0]
    _STATE.clear()
    return state
