"""Routing advice: by which channel a request can travel, to whom, on what basis.

The advice follows ETS 185: preservation through the 24/7 network (Art. 35(1)(b)) or the
central authorities; mutual assistance through the central authorities (Art. 27(2)), which
Art. 27 provides only where no mutual assistance treaty applies (Art. 27(1)); in urgent cases
directly between judicial authorities with a copy to the central authority (Art. 27(9)(a))
or through Interpol (Art. 27(9)(b)), unless the requested Party declared under Art. 27(9)(e)
that such requests go to its central authority; and directly between competent authorities
when no coercive action is asked (Art. 27(9)(d)).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from budapest_coop.errors import InvalidValueError
from budapest_coop.model import (
    Citation,
    PreservationRequest,
    Role,
    SubscriberInformationRequest,
    TransmissionChannel,
    Urgency,
)
from budapest_coop.registry._authorities import AuthorityRecord
from budapest_coop.registry._parties import Confidence, Party

if TYPE_CHECKING:
    from budapest_coop.model import Request
    from budapest_coop.registry._registry import Registry

__all__ = ["Basis", "RouteOption", "route"]

#: The source key of the Convention's text (the treaty reference's source register).
TREATY_SOURCE = "ets185-text"
_DECLARATION_27_9_E = "ETS185:27(9)(e)"


@attrs.frozen(kw_only=True)
class Basis:
    """A fact a route option relies on, with how far it was verified and where it comes from."""

    statement: str
    confidence: Confidence
    source: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The fact as JSON data."""
        return {"statement": self.statement, "confidence": self.confidence.value, "source": list(self.source)}


@attrs.frozen(kw_only=True)
class RouteOption:
    """One channel a request can take, with its recipients, legal basis, conditions and grounds.

    ``recipients`` are the requested Party's authorities for the channel, when the directory
    knows them (empty otherwise: the conditions then say where to look). ``copy_to`` are the
    authorities that must receive a copy, sent through ``copy_via`` (Art. 27(9)(a)).
    ``rests_on`` lists the facts the advice relies on; ``confidence`` is the weakest of them.
    """

    channel: TransmissionChannel
    legal_basis: Citation
    recipients: tuple[AuthorityRecord, ...] = ()
    copy_to: tuple[AuthorityRecord, ...] = ()
    copy_via: tuple[AuthorityRecord, ...] = ()
    copy_required: bool = False
    conditions: tuple[str, ...] = ()
    rests_on: tuple[Basis, ...] = ()

    @property
    def confidence(self) -> Confidence:
        """The weakest confidence among the facts the option rests on."""
        return Confidence.weakest(b.confidence for b in self.rests_on)

    @property
    def summary(self) -> str:
        """A one-line description, e.g. ``central-authority (ETS 185 Art. 27(2)) to Riksadvokaten``."""
        names = ", ".join(r.name.original for r in self.recipients) or "recipient not in the directory"
        return f"{self.channel.value} ({self.legal_basis}) to {names}"

    def to_dict(self) -> dict[str, Any]:
        """The option as JSON data (authority records in the directory format)."""
        return {
            "channel": self.channel.value,
            "legal_basis": str(self.legal_basis),
            "recipients": [r.to_dict() for r in self.recipients],
            "copy_required": self.copy_required,
            "copy_to": [r.to_dict() for r in self.copy_to],
            "copy_via": [r.to_dict() for r in self.copy_via],
            "conditions": list(self.conditions),
            "rests_on": [b.to_dict() for b in self.rests_on],
            "confidence": self.confidence.value,
        }


def _rule(text: str) -> Basis:
    return Basis(statement=text, confidence=Confidence.VERIFIED, source=(TREATY_SOURCE,))


def _ets185_sources(party: Party, registry: Registry) -> tuple[str, ...]:
    known = registry.sources
    return tuple(k for k in party.source if k not in known or "ETS185" in known[k].instruments)


def _party_fact(party: Party, on: dt.date, registry: Registry) -> Basis:
    record = party.record("ETS185")
    sources = _ets185_sources(party, registry)
    grades = [g for g in (record.confidence("status"), record.confidence("entry_into_force")) if g is not None]
    since = f", in force for it since {record.entry_into_force.isoformat()}" if record.entry_into_force else ""
    return Basis(
        statement=f"{party.code} is a Party to ETS 185 on {on.isoformat()}{since}",
        confidence=Confidence.weakest(grades or [Confidence.UNVERIFIED]),
        source=sources,
    )


def _record_facts(records: Iterable[AuthorityRecord], what: str) -> list[Basis]:
    facts = []
    for record in records:
        checked = f", last verified {record.last_verified.isoformat()}" if record.last_verified else ", never verified"
        facts.append(
            Basis(
                statement=(
                    f"{record.name.original} ({record.id}) is the {what} of {record.country} in the directory{checked}"
                ),
                confidence=record.confidence,
                source=record.source,
            )
        )
    return facts


def _declaration_fact(party: Party, on: dt.date, registry: Registry) -> tuple[bool, Basis]:
    """Whether *party* declared under Art. 27(9)(e), and the fact that says so."""
    status = party.declaration_status(_DECLARATION_27_9_E, on)
    entries = party.entries_under(_DECLARATION_27_9_E)
    if status == "made":
        entry = next(e for e in entries if e.in_effect(on))
        fact = f"{party.code} declared under ETS 185 Art. 27(9)(e): urgent requests go to its central authority"
        return True, Basis(statement=fact, confidence=entry.confidence, source=entry.source)
    if status == "not-made":
        fact = f"{party.code} made no declaration under ETS 185 Art. 27(9)(e) (its declarations are fully recorded)"
        return False, Basis(statement=fact, confidence=party.confidence, source=_ets185_sources(party, registry))
    fact = (
        f"no declaration of {party.code} under ETS 185 Art. 27(9)(e) is recorded; the record of its declarations "
        "is not complete, so check the Council of Europe Treaty Office before relying on this channel"
    )
    return False, Basis(statement=fact, confidence=Confidence.UNVERIFIED, source=_ets185_sources(party, registry))


_ABSENT_TREATY = (
    "Art. 27 governs only where no mutual assistance treaty or arrangement on uniform or reciprocal legislation "
    "is in force between the two Parties (Art. 27(1)); where one is, use the channel it provides"
)


_THE_CONVENTION = re.compile(r"ETS\s*(?:No\.?\s*)?185|Convention on Cybercrime|Budapest Convention", re.IGNORECASE)


def _other_basis(request: Request) -> str | None:
    others = [b for b in request.legal_basis if not _THE_CONVENTION.search(b)]
    if not others:
        return None
    return (
        f"the request also names {', '.join(others)} as legal basis: check whether it provides another channel "
        "(ETS 185 Art. 27(1), Art. 39)"
    )


class _Router:
    """The facts shared by every option for one request, and the builder of an option."""

    def __init__(self, registry: Registry, request: Request, today: dt.date, requested: Party) -> None:
        self.registry = registry
        self.today = today
        self.requested = requested
        self.territory = request.system_location_country if isinstance(request, PreservationRequest) else None
        other_basis = _other_basis(request)
        self.extra = (other_basis,) if other_basis else ()
        self.parties_facts = [_party_fact(requested, today, registry)]

    def recipients(self, party: Party, role: Role | None = None) -> tuple[AuthorityRecord, ...]:
        """The party's records with *role* that apply today (and to the request's territory, if narrower)."""
        found = self.registry.authorities(party.code, role, on=self.today)
        return tuple(r for r in found if r.territory is None or r.territory == self.territory)

    def option(
        self,
        channel: TransmissionChannel,
        legal_basis: Citation,
        rule: str,
        recipients: tuple[AuthorityRecord, ...],
        *,
        what: str,
        conditions: tuple[str, ...],
        missing: str,
        article_27: bool = True,
        facts: tuple[Basis, ...] = (),
        copy: tuple[AuthorityRecord, ...] = (),
        copy_via: tuple[AuthorityRecord, ...] = (),
    ) -> RouteOption:
        """One option: its conditions, Art. 27(1) for an Art. 27 channel, and a note when recipients are missing."""
        return RouteOption(
            channel=channel,
            legal_basis=legal_basis,
            recipients=recipients,
            copy_to=copy,
            copy_via=copy_via,
            copy_required=bool(copy) or channel is TransmissionChannel.DIRECT_JUDICIAL,
            conditions=(
                *conditions,
                *((_ABSENT_TREATY, *self.extra) if article_27 else ()),
                *(() if recipients else (f"the directory names no {what} of {self.requested.code}: {missing}",)),
            ),
            rests_on=(_rule(rule), *self.parties_facts, *facts, *_record_facts(recipients, what)),
        )


_CENTRAL = "central authority (ETS 185 Art. 27(2))"
_CENTRAL_RULE = "ETS 185 Art. 27(2): central authorities send and answer requests for mutual assistance"
_CENTRAL_MISSING = "take it from the Council of Europe register of central authorities or load your directory"
_COMPETENT_MISSING = "address the competent authority and load your directory"


def route(registry: Registry, request: Request, *, today: dt.date) -> tuple[RouteOption, ...]:
    """The route options for *request* on *today*; see :meth:`~budapest_coop.registry.Registry.route`."""
    if not isinstance(request, PreservationRequest | SubscriberInformationRequest):
        raise InvalidValueError(
            "request", type(request).__name__, "routing applies to requests (preservation, Art. 31)"
        )
    if request.requested_party is None:
        raise InvalidValueError("requested_party", None, "is needed to route a request")
    requested = registry.party(request.requested_party)
    requesting = registry.party(request.requesting_party) if request.requesting_party else None
    if not requested.is_party("ETS185", today):
        return ()
    if requesting is not None and not requesting.is_party("ETS185", today):
        return ()
    router = _Router(registry, request, today, requested)
    if requesting is not None:
        router.parties_facts.append(_party_fact(requesting, today, registry))
    central = router.recipients(requested, Role.CENTRAL_AUTHORITY)

    if isinstance(request, PreservationRequest):
        contact = router.recipients(requested, Role.POINT_OF_CONTACT_24_7)
        return (
            router.option(
                TransmissionChannel.POINT_OF_CONTACT_24_7,
                Citation.of("ETS185", 35, 1, "b"),
                "ETS 185 Art. 35(1)(b): the 24/7 network facilitates the preservation of data under Arts. 29-30",
                contact,
                what="24/7 point of contact (ETS 185 Art. 35)",
                conditions=(
                    "the 24/7 point of contact of the requested Party facilitates or carries out the preservation "
                    "of data under Arts. 29 and 30 (Art. 35(1)(b))",
                ),
                missing="take it from the Council of Europe 24/7 directory (restricted) or load your directory",
                article_27=False,
            ),
            router.option(
                TransmissionChannel.CENTRAL_AUTHORITY,
                Citation.of("ETS185", 27, 2),
                _CENTRAL_RULE,
                central,
                what=_CENTRAL,
                conditions=("a preservation request under Art. 29(1) may also go through the central authorities",),
                missing=_CENTRAL_MISSING,
            ),
        )

    declared, declaration = _declaration_fact(requested, today, registry)
    options = [
        router.option(
            TransmissionChannel.CENTRAL_AUTHORITY,
            Citation.of("ETS185", 27, 2),
            _CENTRAL_RULE,
            central,
            what=_CENTRAL,
            conditions=(
                (f"{requested.code} declared under Art. 27(9)(e): urgent requests too go to its central authority",)
                if declared
                else ()
            ),
            missing=_CENTRAL_MISSING,
            facts=(declaration,) if declared else (),
        )
    ]
    if declared:
        return tuple(options)
    if request.urgency is Urgency.URGENT:
        via = router.recipients(requesting, Role.CENTRAL_AUTHORITY) if requesting is not None else ()
        no_via = (
            (f"the directory holds no central authority of {requesting.code} to pass the copy through",)
            if requesting is not None and not via
            else ()
        )
        options.append(
            router.option(
                TransmissionChannel.DIRECT_JUDICIAL,
                Citation.of("ETS185", 27, 9, "a"),
                "ETS 185 Art. 27(9)(a): in urgent cases judicial authorities may send requests directly",
                router.recipients(requested, Role.JUDICIAL_AUTHORITY),
                what="judicial authority",
                conditions=(
                    "only in urgent cases (Art. 27(9)(a))",
                    "a copy goes at the same time to the requested Party's central authority, through the requesting "
                    "Party's central authority (Art. 27(9)(a))",
                    "a recipient that is not competent passes the request on and tells the requesting Party "
                    "(Art. 27(9)(c))",
                    *(() if central else (f"the directory names no {_CENTRAL} of {requested.code} for the copy",)),
                    *no_via,
                ),
                missing=_COMPETENT_MISSING,
                facts=(declaration, *_record_facts(central, _CENTRAL)),
                copy=central,
                copy_via=via,
            )
        )
        interpol = tuple(r for r in router.recipients(requested) if TransmissionChannel.INTERPOL in r.channels)
        options.append(
            router.option(
                TransmissionChannel.INTERPOL,
                Citation.of("ETS185", 27, 9, "b"),
                "ETS 185 Art. 27(9)(b): requests and communications under Art. 27(9) may go through Interpol",
                interpol,
                what="Interpol National Central Bureau",
                conditions=("only for the urgent requests and communications of Art. 27(9)",),
                missing="send it through your own National Central Bureau",
                facts=(declaration,),
            )
        )
    if request.transmission is not None and request.transmission.coercive_action is False:
        options.append(
            router.option(
                TransmissionChannel.DIRECT_COMPETENT_AUTHORITY,
                Citation.of("ETS185", 27, 9, "d"),
                "ETS 185 Art. 27(9)(d): requests without coercive action may go directly between competent authorities",
                router.recipients(requested, Role.COMPETENT_AUTHORITY),
                what="competent authority",
                conditions=("only for a request that involves no coercive action (Art. 27(9)(d))",),
                missing=_COMPETENT_MISSING,
                facts=(declaration,),
            )
        )
    return tuple(options)
