"""A registry of Parties held in memory, for tests of party-aware rules and plugins.

The data is whatever the test gives: nothing here describes a real State's status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import attrs

from budapest_coop.errors import UnknownPartyError

__all__ = ["FakeParty", "FakeRegistry"]

_STATUSES = frozenset({"party", "ratified", "signatory", "invited", "none", "unknown"})


def _frozen_set(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


def _languages(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def _check_statuses(_instance: object, _attribute: object, value: Mapping[str, str]) -> None:
    for instrument, status in value.items():
        if status not in _STATUSES:
            raise ValueError(f"status of {instrument}: {status!r} is not one of {', '.join(sorted(_STATUSES))}")


@attrs.frozen(kw_only=True)
class FakeParty:
    """One State as a test wants it; satisfies :class:`budapest_coop.typing.PartyInfo`.

    ``statuses`` maps an instrument key to its status (default: a Party to ETS 185 and
    nothing else). ``parties_from`` makes the status depend on the date: before the date given
    for an instrument the State is ``"ratified"``, from that date on a ``"party"``.
    Reservations and declarations are codes such as ``"ETS185:29(4)"``.

    >>> import datetime as dt
    >>> from budapest_coop.testing import FakeParty
    >>> p = FakeParty(code="XA", parties_from={"ETS185": dt.date(2030, 1, 1)}, reservations={"ETS185:29(4)"})
    >>> p.status("ETS185", dt.date(2029, 12, 31)), p.is_party("ETS185", dt.date(2030, 1, 1))
    ('ratified', True)
    >>> p.has_reservation("ETS185:29(4)"), p.languages is None
    (True, True)
    """

    code: str
    statuses: Mapping[str, str] = attrs.field(factory=lambda: {"ETS185": "party"}, validator=_check_statuses)
    parties_from: Mapping[str, dt.date] = attrs.field(factory=dict)
    reservations: frozenset[str] = attrs.field(factory=frozenset, converter=_frozen_set)
    declarations: frozenset[str] = attrs.field(factory=frozenset, converter=_frozen_set)
    languages: tuple[str, ...] | None = attrs.field(default=None, converter=_languages)

    def status(self, instrument: str, on: dt.date | None = None) -> str:
        since = self.parties_from.get(instrument)
        if since is not None:
            return "party" if on is None or on >= since else "ratified"
        return self.statuses.get(instrument, "none")

    def is_party(self, instrument: str, on: dt.date) -> bool:
        return self.status(instrument, on) == "party"

    def has_reservation(self, code: str) -> bool:
        return code in self.reservations

    def has_declaration(self, code: str) -> bool:
        return code in self.declarations


def _by_code(parties: Iterable[FakeParty]) -> dict[str, FakeParty]:
    return {party.code: party for party in parties}


@attrs.frozen
class FakeRegistry:
    """A registry of the given :class:`FakeParty` records; satisfies :class:`budapest_coop.typing.PartyRegistry`.

    >>> from budapest_coop.testing import FakeParty, FakeRegistry
    >>> registry = FakeRegistry([FakeParty(code="XA")])
    >>> registry.party("XA").is_party("ETS185", dt.date(2026, 1, 1))
    True
    >>> registry.party("XB")
    Traceback (most recent call last):
    budapest_coop.errors.UnknownPartyError: no State 'XB' in this registry
    """

    parties: Mapping[str, FakeParty] = attrs.field(converter=_by_code)

    def party(self, code: str) -> FakeParty:
        try:
            return self.parties[code]
        except KeyError:
            raise UnknownPartyError(f"no State {code!r} in this registry") from None

    def with_party(self, party: FakeParty) -> FakeRegistry:
        """A copy with *party* added or replaced."""
        return FakeRegistry([*(p for p in self.parties.values() if p.code != party.code), party])
