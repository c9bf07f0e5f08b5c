"""Deadlines as iCalendar (RFC 5545) and as JSON-ready data."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable
from typing import Any

from budapest_coop.lifecycle.deadlines import Deadline, DeadlineStatus

__all__ = ["to_data", "to_ical"]

_OPEN = (DeadlineStatus.PENDING, DeadlineStatus.DUE_SOON, DeadlineStatus.MISSED)


def to_data(deadlines: Iterable[Deadline]) -> list[dict[str, Any]]:
    """The deadlines as JSON-ready dicts (instants in ISO 8601, with their UTC form)."""
    return [
        {
            "kind": d.kind.value,
            "request": d.request,
            "status": d.status.value,
            "due": None if d.due is None else d.due.isoformat(),
            "due_utc": None if d.due_utc is None else d.due_utc.isoformat(),
            "citation": None if d.citation is None else str(d.citation),
            "basis": d.basis,
            "description": d.description,
        }
        for d in deadlines
    ]


def _stamp() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def to_ical(
    deadlines: Iterable[Deadline],
    *,
    case_reference: str | None = None,
    reminder_days: int = 7,
    stamp: dt.datetime | None = None,
) -> bytes:
    """An iCalendar file with one event per dated deadline that is still open.

    Events are timed at the due instant (in UTC, so every calendar shows it right), last 30
    minutes, carry a display reminder *reminder_days* before, and have stable UIDs (the same
    deadline keeps its UID when the file is exported again). Summaries name the kind of
    deadline and the case reference only: no personal data.
    """
    from icalendar import Alarm, Calendar
    from icalendar import Event as CalendarEvent

    calendar = Calendar()
    calendar.add("prodid", "-//budapest_coop//deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    now = stamp or _stamp()
    for deadline in deadlines:
        if deadline.due_utc is None or deadline.status not in _OPEN:
            continue
        key = f"{case_reference or ''}|{deadline.request}|{deadline.kind.value}"
        uid = hashlib.sha256(key.encode()).hexdigest()[:32] + "@budapest-coop"
        event = CalendarEvent()
        event.add("uid", uid)
        event.add("dtstamp", now)
        event.add("dtstart", deadline.due_utc)
        event.add("dtend", deadline.due_utc + dt.timedelta(minutes=30))
        what = deadline.kind.value.replace("-", " ")
        ref = f" — {case_reference}" if case_reference else ""
        event.add("summary", f"{what} ({deadline.request}){ref}")
        cite = f" [{deadline.citation}]" if deadline.citation else ""
        event.add(
            "description", f"{deadline.description}{cite}; status: {deadline.status.value}; basis: {deadline.basis}"
        )
        event.add("categories", ["budapest-coop", deadline.kind.value])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{what} in {reminder_days} days")
        alarm.add("trigger", dt.timedelta(days=-reminder_days))
        event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
