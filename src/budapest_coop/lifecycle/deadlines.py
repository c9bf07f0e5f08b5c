"""The clock of a case: when preservation ends, when the follow-up request must go, when orders lapse.

ETS 185 Art. 29(7) keeps preserved data for at least 60 days, and once the follow-up mutual
assistance request is received, until a decision on it. Art. 16(2) lets a domestic
preservation order last up to 90 days, renewable. Those two figures are verified treaty
facts; the margin for sending the follow-up request before preservation ends and any
provider or national periods are policy, set in :class:`DeadlinePolicy`.

Periods are counted in calendar days on the wall clock of the requested Party (the time
zone of the requested authority when known, else the zone of the event that starts the
period): a period that crosses a clock change ends at the same local time of day.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import zoneinfo
from collections.abc import Iterable

import attrs

from budapest_coop.model import Citation, PreservationOrder, PreservationRequest
from budapest_coop.model._checks import enum_field, instance_of, non_blank, positive_int
from budapest_coop.model.case import CaseEntry, CaseFile, Event, EventKind, LinkKind
from budapest_coop.model.order import DOMESTIC_MAXIMUM_DAYS, MINIMUM_PRESERVATION_DAYS

__all__ = ["CustomPeriod", "Deadline", "DeadlineKind", "DeadlinePolicy", "DeadlineStatus", "deadlines"]

_OFFSET = re.compile(r"^UTC([+-])(\d{2}):(\d{2})$")
_RECEIPT = (EventKind.RECEIVED, EventKind.ACKNOWLEDGED)
_EXECUTION = (EventKind.EXECUTED, EventKind.PARTIALLY_EXECUTED)
_DECISION = (EventKind.DECIDED, EventKind.EXECUTED, EventKind.PARTIALLY_EXECUTED, EventKind.REFUSED)


class DeadlineKind(enum.StrEnum):
    """What a deadline is about."""

    PRESERVATION_END = "preservation-end"
    MLA_SEND_BY = "mla-send-by"
    DOMESTIC_ORDER_RENEWAL = "domestic-order-renewal"
    CUSTOM = "custom"


class DeadlineStatus(enum.StrEnum):
    """Where a deadline stands on the day asked about."""

    PENDING = "pending"
    DUE_SOON = "due-soon"
    MET = "met"
    MISSED = "missed"
    SUSPENDED = "suspended"
    CANCELLED = "cancelled"


@attrs.frozen(kw_only=True)
class CustomPeriod:
    """A provider's or a national period to track, e.g. a provider that keeps logs 90 days.

    The deadline falls ``days`` after the first event of kind ``after`` of each request of
    kind ``applies_to`` (all kinds when None) addressed to ``party`` (all when None).
    """

    name: str = attrs.field(validator=non_blank)
    days: int = attrs.field(validator=positive_int)
    after: EventKind = enum_field(EventKind, EventKind.SENT)
    applies_to: str | None = attrs.field(default=None, validator=non_blank)
    party: str | None = attrs.field(default=None, validator=non_blank)
    citation: Citation | None = attrs.field(default=None, validator=instance_of(Citation))


@attrs.frozen(kw_only=True)
class DeadlinePolicy:
    """The figures the deadlines rest on; the treaty ones default to the verified values."""

    minimum_preservation_days: int = attrs.field(default=MINIMUM_PRESERVATION_DAYS, validator=positive_int)
    domestic_order_days: int = attrs.field(default=DOMESTIC_MAXIMUM_DAYS, validator=positive_int)
    mla_send_margin_days: int = attrs.field(default=14, validator=positive_int)
    due_soon_days: int = attrs.field(default=7, validator=positive_int)
    periods: tuple[CustomPeriod, ...] = attrs.field(default=(), converter=tuple)


@attrs.frozen(kw_only=True)
class Deadline:
    """A date by which something must happen for one request of the case.

    ``due`` is the instant in the requested Party's time zone when known (``due_utc`` gives
    it in UTC); it is None while a preservation runs "until a decision" on the follow-up
    request (Art. 29(7)). ``request`` is the id of the case entry concerned.
    """

    kind: DeadlineKind
    due: dt.datetime | None
    request: str
    citation: Citation | None
    status: DeadlineStatus
    description: str
    basis: str = "verified"

    @property
    def due_utc(self) -> dt.datetime | None:
        return None if self.due is None else self.due.astimezone(dt.UTC)


def zone_of(name: str | None) -> dt.tzinfo | None:
    """The tzinfo of an IANA name or a ``UTC+01:00`` offset; None when unknown."""
    if not name:
        return None
    if name == "UTC":
        return dt.UTC
    match = _OFFSET.match(name)
    if match:
        sign = 1 if match[1] == "+" else -1
        return dt.timezone(sign * dt.timedelta(hours=int(match[2]), minutes=int(match[3])))
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def add_days(start: dt.datetime, days: int, zone: dt.tzinfo | None = None) -> dt.datetime:
    """*start* plus *days* calendar days on the wall clock of *zone* (of *start* when None)."""
    local = start.astimezone(zone) if zone is not None else start
    end = local + dt.timedelta(days=days)
    if isinstance(end.tzinfo, zoneinfo.ZoneInfo):
        end = end.astimezone(dt.UTC).astimezone(end.tzinfo)
    return end


def _requested_zone(entry: CaseEntry) -> dt.tzinfo | None:
    request = entry.request
    if isinstance(request, PreservationOrder):
        return zone_of(request.issuing_authority.time_zone)
    if request.requested_authority is not None:
        return zone_of(request.requested_authority.time_zone)
    return None


def _status(due: dt.datetime, now: dt.datetime, policy: DeadlinePolicy) -> DeadlineStatus:
    if now > due:
        return DeadlineStatus.MISSED
    if due - now <= dt.timedelta(days=policy.due_soon_days):
        return DeadlineStatus.DUE_SOON
    return DeadlineStatus.PENDING


def _first(events: Iterable[Event], kinds: tuple[EventKind, ...]) -> Event | None:
    return next((e for e in events if e.kind in kinds), None)


def _chain(case: CaseFile, root: str) -> list[str]:
    """The root preservation and its extensions (extensions of extensions included), in case order."""
    members = [root]
    frontier = [root]
    while frontier:
        target = frontier.pop()
        for entry in case.linked_to(target, LinkKind.EXTENSION_OF):
            if entry.id not in members:
                members.append(entry.id)
                frontier.append(entry.id)
    return members


def _preservation_deadlines(
    case: CaseFile, root: CaseEntry, now: dt.datetime, policy: DeadlinePolicy
) -> list[Deadline]:
    chain = _chain(case, root.id)
    zone = _requested_zone(root)
    end: dt.datetime | None = None
    order_end: dt.datetime | None = None
    for member in chain:
        request = case.entry(member).request
        asked = request.preservation_days if isinstance(request, PreservationRequest) else None
        days = max(asked or policy.minimum_preservation_days, policy.minimum_preservation_days)
        for event in case.events_of(member):
            if event.kind not in _EXECUTION:
                continue
            candidate = add_days(event.at, days, zone)
            end = candidate if end is None else max(end, candidate)
            if event.order_days is not None:
                order_candidate = add_days(event.at, event.order_days, zone)
                order_end = order_candidate if order_end is None else max(order_end, order_candidate)
            break
    if end is None:
        return []

    root_events = [e for m in chain for e in case.events_of(m)]
    follow_ups = [f for m in chain for f in case.linked_to(m, LinkKind.FOLLOW_UP_OF)]
    follow_events = [e for f in follow_ups for e in case.events_of(f.id)]
    received = _first(sorted(follow_events, key=lambda e: e.at), _RECEIPT)
    decided = _first(sorted(follow_events, key=lambda e: e.at), _DECISION)
    sent = _first(sorted(follow_events, key=lambda e: e.at), (EventKind.SENT,))
    closed = _first(root_events, (EventKind.WITHDRAWN,))
    expired = _first(root_events, (EventKind.EXPIRED,))

    citation = Citation.parse("ETS 185 Art. 29(7)")
    out: list[Deadline] = []
    if closed is not None:
        status, text = DeadlineStatus.CANCELLED, "preservation withdrawn"
        due: dt.datetime | None = end
    elif received is not None and received.at <= end:
        due = None if decided is None else end
        status = DeadlineStatus.SUSPENDED if decided is None else DeadlineStatus.MET
        text = (
            "data preserved until the decision on the follow-up request received "
            f"{received.at.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC"
            if decided is None
            else "the follow-up request was decided; preservation has served its purpose"
        )
    elif expired is not None or now > end:
        due, status = end, DeadlineStatus.MISSED
        text = "preservation period ended before the follow-up request was received: the data may be lost"
    else:
        due, status = end, _status(end, now, policy)
        text = f"end of the preservation period ({policy.minimum_preservation_days} days at least)"
    out.append(
        Deadline(
            kind=DeadlineKind.PRESERVATION_END,
            due=due,
            request=root.id,
            citation=citation,
            status=status,
            description=text,
        )
    )

    send_by = add_days(end, -policy.mla_send_margin_days)
    if sent is not None:
        send_status = DeadlineStatus.MET
        send_text = f"follow-up request sent {sent.at.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC"
    elif closed is not None:
        send_status, send_text = DeadlineStatus.CANCELLED, "preservation withdrawn"
    else:
        send_status = _status(send_by, now, policy)
        send_text = (
            f"latest date to send the follow-up mutual assistance request, {policy.mla_send_margin_days} days "
            "before preservation ends (margin set by policy)"
        )
    out.append(
        Deadline(
            kind=DeadlineKind.MLA_SEND_BY,
            due=send_by,
            request=root.id,
            citation=Citation.parse("ETS 185 Art. 29(2)(f)"),
            status=send_status,
            description=send_text,
            basis="practice",
        )
    )

    if order_end is not None:
        still_needed = closed is None and decided is None and (received is not None or order_end < end)
        if still_needed:
            order_status = _status(order_end, now, policy)
            order_text = f"renew the domestic preservation order (at most {policy.domestic_order_days} days each time)"
        else:
            order_status = DeadlineStatus.CANCELLED if closed is not None else DeadlineStatus.MET
            order_text = "no renewal needed"
        out.append(
            Deadline(
                kind=DeadlineKind.DOMESTIC_ORDER_RENEWAL,
                due=order_end,
                request=root.id,
                citation=Citation.parse("ETS 185 Art. 16(2)"),
                status=order_status,
                description=order_text,
            )
        )
    return out


def _custom_deadlines(case: CaseFile, now: dt.datetime, policy: DeadlinePolicy) -> list[Deadline]:
    out: list[Deadline] = []
    for period in policy.periods:
        for entry in case.entries:
            request = entry.request
            if period.applies_to is not None and type(request).KIND != period.applies_to:
                continue
            party = request.requested_party if not isinstance(request, PreservationOrder) else None
            if period.party is not None and party != period.party:
                continue
            start = _first(case.events_of(entry.id), (period.after,))
            if start is None:
                continue
            due = add_days(start.at, period.days, _requested_zone(entry))
            out.append(
                Deadline(
                    kind=DeadlineKind.CUSTOM,
                    due=due,
                    request=entry.id,
                    citation=period.citation,
                    status=_status(due, now, policy),
                    description=f"{period.name}: {period.days} days after {period.after.value}",
                    basis="policy",
                )
            )
    return out


def deadlines(
    case: CaseFile, *, today: dt.date | dt.datetime | None = None, policy: DeadlinePolicy | None = None
) -> tuple[Deadline, ...]:
    """Every deadline of *case* as it stands on *today* (a date means its start, UTC; default now).

    For each preservation request (with its extensions): the end of preservation (Art. 29(7)),
    the latest date to send the follow-up request, and the renewal of the domestic order
    (Art. 16(2)) when an execution event gives the order's period; then the policy's custom
    periods. Sorted by due instant, open-ended ones last.
    """
    policy = policy or DeadlinePolicy()
    if today is None:
        now = dt.datetime.now(dt.UTC)
    elif isinstance(today, dt.datetime):
        now = today if today.tzinfo is not None else today.replace(tzinfo=dt.UTC)
    else:
        now = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    extensions = {link.source for link in case.links if link.kind is LinkKind.EXTENSION_OF}
    found: list[Deadline] = []
    for entry in case.entries:
        if isinstance(entry.request, PreservationRequest) and entry.id not in extensions:
            found += _preservation_deadlines(case, entry, now, policy)
    found += _custom_deadlines(case, now, policy)
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return tuple(sorted(found, key=lambda d: (d.due_utc or far, d.request, d.kind.value)))
