"""The Registry: Parties and authorities, as one immutable value."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from budapest_coop.errors import DirectoryProblem, InvalidValueError, UnknownAuthorityError, UnknownPartyError
from budapest_coop.model import Role
from budapest_coop.registry import _data
from budapest_coop.registry._authorities import (
    DEFAULT_MAX_AGE,
    AuthorityRecord,
    load_directory,
    read_directory_records,
)
from budapest_coop.registry._parties import Party, Source, Status
from budapest_coop.registry._provisions import INSTRUMENT_KEYS

if TYPE_CHECKING:
    from budapest_coop.model import Request
    from budapest_coop.registry._routing import RouteOption

__all__ = ["Registry"]

_LOCK = threading.RLock()
_DEFAULT: Registry | None = None
_STATUSES = tuple(s.value for s in Status)


class _State:
    __slots__ = ("as_of", "authorities", "directories", "parties", "rejected", "sources")

    def __init__(
        self,
        *,
        as_of: dt.date,
        parties: Iterable[Party],
        authorities: Iterable[AuthorityRecord],
        sources: Iterable[Source],
        rejected: Iterable[DirectoryProblem],
        directories: Iterable[str],
    ) -> None:
        by_code: dict[str, Party] = {}
        for party in parties:
            if not isinstance(party, Party):
                raise InvalidValueError("parties", party, "must be Party records")
            by_code[party.code] = party
        self.as_of = as_of
        self.parties: Mapping[str, Party] = MappingProxyType(dict(sorted(by_code.items())))
        by_id: dict[str, AuthorityRecord] = {}
        for record in authorities:
            if not isinstance(record, AuthorityRecord):
                raise InvalidValueError("authorities", record, "must be AuthorityRecord records")
            by_id[record.id] = record
        self.authorities: Mapping[str, AuthorityRecord] = MappingProxyType(by_id)
        self.sources: Mapping[str, Source] = MappingProxyType({s.key: s for s in sources})
        self.rejected = tuple(rejected)
        self.directories = tuple(directories)

    def evolve(
        self,
        *,
        parties: Iterable[Party] | None = None,
        authorities: Iterable[AuthorityRecord] | None = None,
        rejected: Iterable[DirectoryProblem] | None = None,
        directories: Iterable[str] | None = None,
    ) -> _State:
        return _State(
            as_of=self.as_of,
            parties=self.parties.values() if parties is None else parties,
            authorities=self.authorities.values() if authorities is None else authorities,
            sources=self.sources.values(),
            rejected=self.rejected if rejected is None else rejected,
            directories=self.directories if directories is None else directories,
        )


def _load_shipped() -> _State:
    parties_doc, authorities_doc = _data.read_shipped()
    if parties_doc.get("format") != _data.PARTIES_FORMAT or parties_doc.get("version") != 1:
        raise InvalidValueError(
            "format", parties_doc.get("format"), f"the shipped data must be {_data.PARTIES_FORMAT} v1"
        )
    as_of = dt.date.fromisoformat(parties_doc["as_of"])
    return _State(
        as_of=as_of,
        parties=[Party.from_dict(p, as_of) for p in parties_doc["parties"]],
        authorities=read_directory_records(authorities_doc, _data.AUTHORITIES_FILE),
        sources=[Source.from_dict(key, value) for key, value in parties_doc["sources"].items()],
        rejected=(),
        directories=(),
    )


def _check_instrument(instrument: str) -> None:
    if instrument not in INSTRUMENT_KEYS:
        raise InvalidValueError("instrument", instrument, f"must be one of {', '.join(INSTRUMENT_KEYS)}")


class Registry:
    """Parties to the instruments and their authorities: an immutable value.

    :meth:`default` gives the data shipped with the package, read on first use and only
    once. A ministry builds its own registry from it with :meth:`with_directory` (its private
    authorities directory), :meth:`with_authorities` or :meth:`with_parties`; each returns a
    new registry and leaves the original unchanged. Satisfies
    :class:`budapest_coop.typing.PartyRegistry`.

    >>> import datetime as dt
    >>> registry = Registry.default()
    >>> registry.is_party("NZ", "ETS185", on=dt.date(2025, 11, 1))
    False
    >>> registry.is_party("NZ", "ETS185", on=dt.date(2025, 12, 1))
    True
    >>> len(registry.parties(instrument="ETS185", status="party"))
    81
    """

    __slots__ = ("_loader", "_state")

    _loader: Callable[[], _State] | None
    _state: _State | None

    def __init__(
        self,
        parties: Iterable[Party],
        *,
        as_of: dt.date,
        authorities: Iterable[AuthorityRecord] = (),
        sources: Iterable[Source] = (),
    ) -> None:
        state = _State(
            as_of=as_of, parties=parties, authorities=authorities, sources=sources, rejected=(), directories=()
        )
        object.__setattr__(self, "_state", state)
        object.__setattr__(self, "_loader", None)

    @classmethod
    def _of(cls, state: _State | None, loader: Callable[[], _State] | None = None) -> Registry:
        registry = object.__new__(cls)
        object.__setattr__(registry, "_state", state)
        object.__setattr__(registry, "_loader", loader)
        return registry

    @classmethod
    def default(cls) -> Registry:
        """The registry of the data shipped with the package.

        The same object on every call. Its data files are read on first use (for example the
        first :meth:`party` call), once, safely from several threads.
        """
        global _DEFAULT  # noqa: PLW0603 - a cache of immutable shipped data, filled once
        with _LOCK:
            if _DEFAULT is None:
                _DEFAULT = cls._of(None, _load_shipped)
            return _DEFAULT

    def _s(self) -> _State:
        state = self._state
        if state is None:
            with _LOCK:
                state = self._state
                if state is None:
                    assert self._loader is not None
                    state = self._loader()
                    object.__setattr__(self, "_state", state)
        return state

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Registry is immutable; use with_directory(), with_authorities() or with_parties()")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Registry is immutable")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        if self is _DEFAULT:
            return (Registry.default, ())
        state = self._s()
        fields = {
            "as_of": state.as_of,
            "parties": tuple(state.parties.values()),
            "authorities": tuple(state.authorities.values()),
            "sources": tuple(state.sources.values()),
            "rejected": state.rejected,
            "directories": state.directories,
        }
        return (_rebuild, (fields,))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Registry):
            return NotImplemented
        mine, theirs = self._s(), other._s()
        return (
            mine.as_of == theirs.as_of
            and tuple(mine.parties.values()) == tuple(theirs.parties.values())
            and tuple(mine.authorities.values()) == tuple(theirs.authorities.values())
        )

    def __hash__(self) -> int:
        state = self._s()
        return hash((state.as_of, tuple(state.parties.values()), tuple(state.authorities.values())))

    def __repr__(self) -> str:
        if self._state is None:
            return "Registry(<shipped data, not read yet>)"
        state = self._state
        counts = f"parties={len(state.parties)}, authorities={len(state.authorities)}"
        return f"Registry(as_of={state.as_of.isoformat()}, {counts})"

    # Data set ----------------------------------------------------------------------------

    @property
    def as_of(self) -> dt.date:
        """The date the Party data describes."""
        return self._s().as_of

    @property
    def sources(self) -> Mapping[str, Source]:
        """The sources the data was compiled from, by key (with title and public address)."""
        return self._s().sources

    @property
    def rejected(self) -> tuple[DirectoryProblem, ...]:
        """The problems of the records a lenient :meth:`with_directory` left out."""
        return self._s().rejected

    @property
    def directories(self) -> tuple[str, ...]:
        """The directory files merged into this registry, in order."""
        return self._s().directories

    # Parties -----------------------------------------------------------------------------

    def party(self, code: str) -> Party:
        """The State (or the EU, ``"EU"``) with ISO 3166-1 alpha-2 code *code*.

        Raises :class:`~budapest_coop.errors.UnknownPartyError` naming the code when the
        registry holds no such State.
        """
        state = self._s()
        found = state.parties.get(code) if isinstance(code, str) else None
        if found is None and isinstance(code, str):
            found = state.parties.get(code.strip().upper())
        if found is None:
            raise UnknownPartyError(
                f"unknown party {code!r}: the registry (as of {state.as_of.isoformat()}) holds no State "
                "with this ISO 3166-1 alpha-2 code"
            )
        return found

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._s().parties

    def __iter__(self) -> Iterator[Party]:
        return iter(self._s().parties.values())

    def __len__(self) -> int:
        return len(self._s().parties)

    def parties(
        self, instrument: str = "ETS185", status: str | None = None, on: dt.date | None = None
    ) -> tuple[Party, ...]:
        """Every State, or those whose status for *instrument* on *on* is *status*, by code.

        *status* is one of ``party``, ``ratified``, ``signatory``, ``invited``, ``none`` and
        ``unknown``. Without *on*, the status recorded as of :attr:`as_of`.
        """
        _check_instrument(instrument)
        if status is not None and status not in _STATUSES:
            raise InvalidValueError("status", status, f"must be one of {', '.join(_STATUSES)}")
        return tuple(p for p in self._s().parties.values() if status is None or p.status(instrument, on) == status)

    def status(self, code: str, instrument: str = "ETS185", on: dt.date | None = None) -> str:
        """The status of State *code* for *instrument* on *on* (see :meth:`~budapest_coop.registry.Party.status`)."""
        return self.party(code).status(instrument, on)

    def is_party(self, code: str, instrument: str = "ETS185", on: dt.date | None = None) -> bool:
        """True when *instrument* is in force for State *code* on *on*."""
        return self.party(code).is_party(instrument, on)

    def with_parties(self, *parties: Party) -> Registry:
        """A registry in which *parties* replace the records of the same code (or are added).

        For example a deployment that knows the languages a State accepts:
        ``registry.with_parties(attrs.evolve(registry.party("NO"), languages=("nb", "en")))``.
        """
        state = self._s()
        merged = {**state.parties, **{p.code: p for p in parties}}
        return Registry._of(state.evolve(parties=merged.values()))

    # Authorities -------------------------------------------------------------------------

    def authority(self, authority_id: str) -> AuthorityRecord:
        """The authority record with id *authority_id*; raises UnknownAuthorityError."""
        found = self._s().authorities.get(authority_id)
        if found is None:
            raise UnknownAuthorityError(f"unknown authority {authority_id!r}: no record with this id in the directory")
        return found

    def authorities(
        self,
        country: str | None = None,
        role: Role | str | None = None,
        *,
        on: dt.date | None = None,
    ) -> tuple[AuthorityRecord, ...]:
        """The authority records of *country* (all when None), optionally only those with *role*.

        With *on*, only designations that apply on that date (see ``valid_from``).
        """
        wanted = None if role is None else _role(role)
        return tuple(
            record
            for record in self._s().authorities.values()
            if (country is None or record.country == country)
            and (wanted is None or wanted in record.roles)
            and record.applies_on(on)
        )

    def stale_authorities(
        self,
        country: str | None = None,
        *,
        role: Role | str | None = None,
        max_age: dt.timedelta = DEFAULT_MAX_AGE,
        today: dt.date | None = None,
    ) -> tuple[AuthorityRecord, ...]:
        """The records of *country* (all when None) never verified or last verified more than *max_age* ago.

        Registers of authorities must be kept current (ETS 185 Arts. 24(7)(b), 27(2)(d));
        validation turns each record returned here into a warning.
        """
        day = today or dt.date.today()
        return tuple(r for r in self.authorities(country, role) if r.is_stale(max_age=max_age, today=day))

    def with_authorities(self, records: Iterable[AuthorityRecord]) -> Registry:
        """A registry with *records* merged over the directory: a record replaces the one with its id."""
        state = self._s()
        merged = {**state.authorities, **{r.id: r for r in records}}
        return Registry._of(state.evolve(authorities=merged.values()))

    def with_directory(self, path: str | Path, *, lenient: bool = False) -> Registry:
        """A registry with the authorities directory file *path* (JSON, TOML or CSV) merged over this one.

        Records replace those with the same id. Every record of the file is checked; by default
        a file with any bad record raises :class:`~budapest_coop.errors.DirectoryError` listing
        every problem (file, line or record, field, value) and nothing is loaded. With
        *lenient*, the good records are merged and the problems of the others are kept in
        :attr:`rejected`.
        """
        loaded = load_directory(path, lenient=lenient)
        state = self._s()
        merged = {**state.authorities, **{r.id: r for r in loaded.records}}
        return Registry._of(
            state.evolve(
                authorities=merged.values(),
                rejected=state.rejected + loaded.problems,
                directories=(*state.directories, loaded.path),
            )
        )

    # Routing -----------------------------------------------------------------------------

    def route(self, request: Request, *, today: dt.date | None = None) -> tuple[RouteOption, ...]:
        """The channels by which *request* can travel to the requested Party, best first.

        Advice, not a legal judgment: each :class:`~budapest_coop.registry.RouteOption` names its recipients (when the
        directory knows them), the article it rests on, its conditions, and the facts it relies
        on with how far each was verified. Empty when either State is not a Party to ETS 185 on
        *today*.
        """
        from budapest_coop.registry._routing import route

        return route(self, request, today=today or dt.date.today())


def _rebuild(fields: dict[str, Any]) -> Registry:
    return Registry._of(_State(**fields))


def _role(value: Role | str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise InvalidValueError("role", value, f"must be one of {', '.join(r.value for r in Role)}") from None
