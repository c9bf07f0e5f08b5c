"""A case file: the requests of one case in both directions, what happened to them, and how they link."""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Any, ClassVar

import attrs

from budapest_coop.errors import InvalidValueError
from budapest_coop.model import _checks as c
from budapest_coop.model.actors import ServiceProvider
from budapest_coop.model.enums import TransmissionChannel
from budapest_coop.model.order import PreservationOrder
from budapest_coop.model.requests import PreservationRequest, SubscriberInformationRequest

__all__ = [
    "CaseEntry",
    "CaseFile",
    "Direction",
    "Event",
    "EventKind",
    "Link",
    "LinkKind",
    "PathDisclosure",
    "RefusalGround",
]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$")


class Direction(enum.StrEnum):
    """Whether this authority sent the request or received it."""

    OUTGOING = "outgoing"
    INCOMING = "incoming"


class EventKind(enum.StrEnum):
    """What happened to a request."""

    DRAFTED = "drafted"
    SENT = "sent"
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    EXECUTED = "executed"
    PARTIALLY_EXECUTED = "partially-executed"
    REFUSED = "refused"
    POSTPONED = "postponed"
    DECIDED = "decided"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


class RefusalGround(enum.StrEnum):
    """Grounds on which a requested Party may refuse or postpone (ETS 185 Arts. 25, 27, 29, 30)."""

    POLITICAL_OFFENCE = "political-offence"
    ESSENTIAL_INTERESTS = "essential-interests"
    DUAL_CRIMINALITY_RESERVATION = "dual-criminality-reservation"
    FISCAL_OFFENCE = "fiscal-offence"
    REQUESTED_PARTY_LAW = "requested-party-law"
    PREJUDICE_TO_OWN_INVESTIGATION = "prejudice-to-own-investigation"
    OTHER = "other"


class LinkKind(enum.StrEnum):
    """How one request relates to an earlier one."""

    EXTENSION_OF = "extension-of"
    FOLLOW_UP_OF = "follow-up-of"
    PROMPTED_BY_DISCLOSURE = "prompted-by-disclosure"


def _entry_id(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not _ID.match(value):
        c.fail(attribute, value, "must be an id of letters, digits and . _ : / - (at most 128 characters)")


@attrs.frozen(kw_only=True)
class PathDisclosure:
    """What an Art. 30 disclosure revealed: providers in other States that took part in the transmission."""

    providers: tuple[ServiceProvider, ...] = attrs.field(
        default=(), converter=c.to_tuple, validator=c.tuple_of(ServiceProvider)
    )
    path: str | None = c.optional_str()


@attrs.frozen(kw_only=True)
class Event:
    """Something that happened to the request ``entry`` at the instant ``at``.

    ``ground`` is the refusal or postponement ground (``refused``, ``postponed``);
    ``order_days`` the period of the domestic preservation order when a preservation is
    executed (ETS 185 Art. 16(2): up to 90 days, renewable); ``disclosure`` what an Art. 30
    disclosure revealed. ``concerns_disclosure`` marks an event about the Art. 30 disclosure
    of a preservation request rather than the preservation itself (e.g. the disclosure alone
    was refused).
    """

    entry: str = attrs.field(validator=_entry_id)
    kind: EventKind = c.enum_field(EventKind, attrs.NOTHING)
    at: dt.datetime = attrs.field(validator=c.aware)
    channel: TransmissionChannel | None = c.enum_field(TransmissionChannel)
    ground: RefusalGround | None = c.enum_field(RefusalGround)
    order_days: int | None = attrs.field(default=None, validator=c.positive_int)
    disclosure: PathDisclosure | None = attrs.field(default=None, validator=c.instance_of(PathDisclosure))
    concerns_disclosure: bool = attrs.field(default=False, validator=c.a_bool)
    note: str | None = c.optional_str()


_REQUEST_TYPES = (PreservationRequest, SubscriberInformationRequest, PreservationOrder)


@attrs.frozen(kw_only=True)
class CaseEntry:
    """One request of the case (or a preservation order), with its id in the case and its direction."""

    id: str = attrs.field(validator=_entry_id)
    direction: Direction = c.enum_field(Direction, Direction.OUTGOING)
    request: PreservationRequest | SubscriberInformationRequest | PreservationOrder = attrs.field(
        validator=attrs.validators.instance_of(_REQUEST_TYPES)
    )


@attrs.frozen(kw_only=True)
class Link:
    """``source`` is an extension of / a follow-up of / prompted by a disclosure in ``target``."""

    kind: LinkKind = c.enum_field(LinkKind, attrs.NOTHING)
    source: str = attrs.field(validator=_entry_id)
    target: str = attrs.field(validator=_entry_id)


@attrs.frozen(kw_only=True)
class CaseFile:
    """The requests of one case in both directions, their events and the links between them.

    Immutable like every domain value: :meth:`add`, :meth:`record` and :meth:`link` return a
    new case file. Ids are unique; events and links must name entries of the case.
    """

    KIND: ClassVar[str] = "case-file"

    reference: str | None = c.optional_str()
    title: str | None = c.optional_str()
    entries: tuple[CaseEntry, ...] = attrs.field(default=(), converter=c.to_tuple, validator=c.tuple_of(CaseEntry))
    events: tuple[Event, ...] = attrs.field(default=(), converter=c.to_tuple, validator=c.tuple_of(Event))
    links: tuple[Link, ...] = attrs.field(default=(), converter=c.to_tuple, validator=c.tuple_of(Link))

    def __attrs_post_init__(self) -> None:
        ids: set[str] = set()
        for i, entry in enumerate(self.entries):
            if entry.id in ids:
                raise InvalidValueError(f"entries[{i}].id", entry.id, "this id is used twice in the case")
            ids.add(entry.id)
        for i, event in enumerate(self.events):
            if event.entry not in ids:
                raise InvalidValueError(f"events[{i}].entry", event.entry, "names no entry of the case")
        for i, link in enumerate(self.links):
            for side in ("source", "target"):
                if getattr(link, side) not in ids:
                    raise InvalidValueError(f"links[{i}].{side}", getattr(link, side), "names no entry of the case")
            if link.source == link.target:
                raise InvalidValueError(f"links[{i}].target", link.target, "a request cannot link to itself")

    def entry(self, entry_id: str) -> CaseEntry:
        """The entry with id *entry_id* (KeyError naming it if there is none)."""
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(f"no entry {entry_id!r} in case {self.reference or ''}".rstrip())

    def events_of(self, entry_id: str) -> tuple[Event, ...]:
        """The events of one entry, in time order (ties keep the order they were recorded in)."""
        return tuple(sorted((e for e in self.events if e.entry == entry_id), key=lambda e: e.at))

    def add(
        self,
        entry_id: str,
        request: PreservationRequest | SubscriberInformationRequest | PreservationOrder,
        *,
        direction: Direction = Direction.OUTGOING,
    ) -> CaseFile:
        """A copy with *request* added under *entry_id*."""
        entry = CaseEntry(id=entry_id, direction=direction, request=request)
        return attrs.evolve(self, entries=(*self.entries, entry))

    def record(self, event: Event) -> CaseFile:
        """A copy with *event* recorded."""
        return attrs.evolve(self, events=(*self.events, event))

    def link(self, kind: LinkKind, source: str, target: str) -> CaseFile:
        """A copy recording that *source* is an extension / follow-up of / prompted by *target*."""
        return attrs.evolve(self, links=(*self.links, Link(kind=kind, source=source, target=target)))

    def linked_to(self, target: str, kind: LinkKind | None = None) -> tuple[CaseEntry, ...]:
        """The entries that link to *target* (optionally with one kind of link), in case order."""
        sources = {link.source for link in self.links if link.target == target and (kind is None or link.kind is kind)}
        return tuple(entry for entry in self.entries if entry.id in sources)
