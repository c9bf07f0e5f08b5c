"""Parties: treaty status, reservations, declarations and designations, with provenance."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from budapest_coop.errors import InvalidValueError
from budapest_coop.model import Citation
from budapest_coop.model import _checks as c
from budapest_coop.registry._dates import PartialDate
from budapest_coop.registry._names import country_name
from budapest_coop.registry._provisions import INSTRUMENT_KEYS, EntryKind, Permission, parse_code, permission

__all__ = [
    "FIELDS",
    "Confidence",
    "Coverage",
    "Entry",
    "InstrumentRecord",
    "Party",
    "Source",
    "Status",
]


class _Value(enum.StrEnum):
    """A string enumeration whose repr is its value, so that results read as the strings they equal."""

    def __repr__(self) -> str:
        return repr(self.value)


class Confidence(_Value):
    """How far a value was checked (the scale of the reference data).

    ``verified``: read in an official or primary source (or derived from such a value by a
    treaty rule); ``secondary``: read only in secondary sources such as press or copies;
    ``unverified``: recalled, inferred or only partly legible, not read in any source.
    Only verified values may back a rule that blocks; the others warn.
    """

    VERIFIED = "verified"
    SECONDARY = "secondary"
    UNVERIFIED = "unverified"

    @property
    def rank(self) -> int:
        """0 for verified, 1 for secondary, 2 for unverified: higher is weaker."""
        return _CONFIDENCE_ORDER.index(self)

    @classmethod
    def weakest(cls, values: Iterable[Confidence]) -> Confidence:
        """The weakest of *values* (verified when there are none)."""
        return max(values, key=lambda v: v.rank, default=cls.VERIFIED)


_CONFIDENCE_ORDER = (Confidence.VERIFIED, Confidence.SECONDARY, Confidence.UNVERIFIED)


class Coverage(_Value):
    """How completely a State's reservations (or declarations) for an instrument are recorded.

    An empty record never means "none made": it means nothing was recorded. Only a
    ``complete`` record lets the registry say that a State did *not* make an entry.
    """

    NOT_RECORDED = "not-recorded"
    PARTIAL = "partial"
    COMPLETE = "complete"


class Status(_Value):
    """A State's status for an instrument on a date."""

    #: The instrument is in force for the State.
    PARTY = "party"
    #: The instrument of ratification, acceptance or accession is deposited; not yet in force.
    RATIFIED = "ratified"
    SIGNATORY = "signatory"
    #: Invited to accede (ETS 185 Art. 37).
    INVITED = "invited"
    NONE = "none"
    #: The data cannot tell (for example a date before an undated accession).
    UNKNOWN = "unknown"


#: The fields of an :class:`InstrumentRecord` that carry their own provenance.
FIELDS: tuple[str, ...] = ("status", "signature", "deposit", "entry_into_force", "invitation")

_DEPOSIT_KINDS = frozenset({"ratification", "accession", "acceptance"})
_CODE = re.compile(r"^[A-Z]{2}$")


def _instrument(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if value not in INSTRUMENT_KEYS:
        c.fail(attribute, value, f"must be one of {', '.join(INSTRUMENT_KEYS)}")


def _key_values(kind: type | tuple[type, ...]) -> Any:
    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            c.fail(attribute, value, "must be a tuple of (field, value) pairs")
        for pair in value:
            if not (isinstance(pair, tuple) and len(pair) == 2 and pair[0] in FIELDS):
                c.fail(attribute, pair, f"must be a pair (field, value) with a field among {', '.join(FIELDS)}")
            if not isinstance(pair[1], kind):
                c.fail(attribute, pair, f"the value must be a {getattr(kind, '__name__', kind)}")

    return attrs.field(default=(), converter=_pairs, validator=check)


def _pairs(value: object) -> tuple[tuple[str, Any], ...]:
    if isinstance(value, Mapping):
        return tuple((str(k), v) for k, v in value.items())
    return c.to_tuple(value)


def _partial(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, PartialDate):
        c.fail(attribute, value, "must be a PartialDate")


@attrs.frozen(kw_only=True)
class Source:
    """A source the data was read in, with its public address."""

    key: str = attrs.field(validator=c.non_blank)
    #: ``official`` (treaty office, official treaty database or gazette, government page),
    #: ``secondary`` (press, NGO, blog, commercial reproduction) or ``none`` (recalled).
    type: str = attrs.field(validator=attrs.validators.in_(("official", "secondary", "none")))
    #: A qualification of the type, e.g. "one secondary copy".
    type_note: str | None = c.optional_str()
    title: str = attrs.field(validator=c.non_blank)
    urls: tuple[str, ...] = attrs.field(default=(), converter=c.to_tuple, validator=c.tuple_of(str))
    #: What is known of the address beyond the URLs, e.g. "page address not recorded".
    address_note: str | None = c.optional_str()
    #: The instruments whose data the source supports.
    instruments: tuple[str, ...] = attrs.field(default=(), converter=c.to_tuple, validator=c.tuple_of(str))

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON data."""
        return {
            "type": self.type,
            "type_note": self.type_note,
            "title": self.title,
            "urls": list(self.urls),
            "address_note": self.address_note,
            "instruments": list(self.instruments),
        }

    @classmethod
    def from_dict(cls, key: str, data: Mapping[str, Any]) -> Source:
        """Read a record written by :meth:`to_dict`."""
        return cls(key=key, **data)


@attrs.frozen(kw_only=True)
class InstrumentRecord:
    """A State's recorded status for one instrument, with dates and per-field provenance.

    ``status`` is the status *as of* the data set's date. ``read_in_source`` lists the fields
    whose value was read in a cited source, each with the qualifier the source table gives
    (e.g. ``"inferred:CETS224-signatory"``); ``confidences`` grades every field that has a
    value. Dates whose day is not known are :class:`PartialDate` without a day.
    """

    instrument: str = attrs.field(validator=_instrument)
    status: Status = c.enum_field(Status, Status.NONE)
    signature: PartialDate | None = attrs.field(default=None, validator=_partial)
    deposit: PartialDate | None = attrs.field(default=None, validator=_partial)
    deposit_kind: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.in_(_DEPOSIT_KINDS))
    )
    entry_into_force: dt.date | None = attrs.field(default=None, validator=c.a_date)
    #: True when the entry-into-force date was computed from the deposit by the treaty's rule.
    entry_into_force_computed: bool = attrs.field(default=False, validator=c.a_bool)
    invitation: dt.date | None = attrs.field(default=None, validator=c.a_date)
    read_in_source: tuple[tuple[str, str | None], ...] = _key_values((str, type(None)))
    confidences: tuple[tuple[str, Confidence], ...] = _key_values(Confidence)
    reservations_recorded: Coverage = c.enum_field(Coverage, Coverage.NOT_RECORDED)
    declarations_recorded: Coverage = c.enum_field(Coverage, Coverage.NOT_RECORDED)

    def was_read(self, field: str) -> bool:
        """True when the value of *field* was read in a cited source (not recalled or computed)."""
        return any(name == field for name, _ in self.read_in_source)

    def qualifier(self, field: str) -> str | None:
        """The qualifier limiting how *field* was read, if any (e.g. ``"inferred:CETS224-signatory"``)."""
        return next((q for name, q in self.read_in_source if name == field), None)

    def confidence(self, field: str) -> Confidence | None:
        """How far the value of *field* was checked; None when the field has no value."""
        if field not in FIELDS:
            raise InvalidValueError("field", field, f"must be one of {', '.join(FIELDS)}")
        return next((v for name, v in self.confidences if name == field), None)

    def status_on(self, on: dt.date | None, as_of: dt.date) -> Status:
        """The status on date *on*; *as_of* is the date of the data (the recorded status holds from it).

        Only recorded dates move the status; where they cannot tell (an undated accession, a
        date inside a month whose day is unknown, a Party whose entry into force is not
        recorded before the data's date) the answer is ``unknown``.
        """
        recorded = self.status
        if on is None or recorded is Status.NONE:
            return recorded
        eif = self.entry_into_force
        if not any((self.signature, self.deposit, eif, self.invitation)):
            return recorded if on >= as_of else Status.UNKNOWN
        if eif is not None and on >= eif:
            return Status.PARTY
        if recorded is Status.PARTY and eif is None and on >= as_of:
            return Status.PARTY
        if self.deposit is not None:
            if on >= self.deposit.latest:
                return Status.RATIFIED if (eif is not None or recorded is Status.RATIFIED) else Status.UNKNOWN
            if on >= self.deposit.earliest:
                return Status.UNKNOWN
        elif recorded in (Status.PARTY, Status.RATIFIED):
            return Status.UNKNOWN
        if self.signature is not None:
            if on >= self.signature.latest:
                return Status.SIGNATORY
            if on >= self.signature.earliest:
                return Status.UNKNOWN
            return Status.NONE
        if self.invitation is not None:
            return Status.INVITED if on >= self.invitation else Status.NONE
        if recorded in (Status.INVITED, Status.SIGNATORY) and on >= as_of:
            return recorded
        return Status.UNKNOWN

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON data (the instrument key is the key of the enclosing object)."""
        return {
            "status": self.status.value,
            "signature": _str_or_none(self.signature),
            "deposit": _str_or_none(self.deposit),
            "deposit_kind": self.deposit_kind,
            "entry_into_force": _str_or_none(self.entry_into_force),
            "entry_into_force_computed": self.entry_into_force_computed,
            "invitation": _str_or_none(self.invitation),
            "read_in_source": dict(self.read_in_source),
            "confidence": {k: v.value for k, v in self.confidences},
            "reservations_recorded": self.reservations_recorded.value,
            "declarations_recorded": self.declarations_recorded.value,
        }

    @classmethod
    def from_dict(cls, instrument: str, data: Mapping[str, Any]) -> InstrumentRecord:
        """Read a record written by :meth:`to_dict`."""
        _no_extra(data, _INSTRUMENT_KEYS, f"instruments.{instrument}")
        return cls(
            instrument=instrument,
            status=data["status"],
            signature=_partial_or_none(data.get("signature"), "signature"),
            deposit=_partial_or_none(data.get("deposit"), "deposit"),
            deposit_kind=data.get("deposit_kind"),
            entry_into_force=_date_or_none(data.get("entry_into_force"), "entry_into_force"),
            entry_into_force_computed=data.get("entry_into_force_computed", False),
            invitation=_date_or_none(data.get("invitation"), "invitation"),
            read_in_source=tuple(data.get("read_in_source", {}).items()),
            confidences=tuple((k, Confidence(v)) for k, v in data.get("confidence", {}).items()),
            reservations_recorded=data.get("reservations_recorded", Coverage.NOT_RECORDED),
            declarations_recorded=data.get("declarations_recorded", Coverage.NOT_RECORDED),
        )


_INSTRUMENT_KEYS = frozenset(
    (
        "status",
        "signature",
        "deposit",
        "deposit_kind",
        "entry_into_force",
        "entry_into_force_computed",
        "invitation",
        "read_in_source",
        "confidence",
        "reservations_recorded",
        "declarations_recorded",
    )
)


def _check_code(instance: Entry, attribute: attrs.Attribute[Any], value: str) -> None:
    parse_code(value)
    if permission(value, instance.kind) is None:
        c.fail(attribute, value, f"no provision allows a {instance.kind.value} under it")


@attrs.frozen(kw_only=True)
class Entry:
    """A reservation, declaration or designation a State made for an instrument.

    ``code`` names the provision (``"ETS185:29(4)"``); it must be one the instrument lets a
    Party make such an entry under. ``recorded_as`` keeps the words of the source record the
    entry was read from; ``note`` says in short what the entry does. ``authorities`` lists
    the ids of the authority records a designation names.
    """

    kind: EntryKind = c.enum_field(EntryKind)
    code: str = attrs.field(validator=_check_code)
    note: str = attrs.field(validator=c.non_blank)
    recorded_as: str | None = c.optional_str()
    made_on: dt.date | None = attrs.field(default=None, validator=c.a_date)
    valid_from: dt.date | None = attrs.field(default=None, validator=c.a_date)
    withdrawn_on: dt.date | None = attrs.field(default=None, validator=c.a_date)
    authorities: tuple[str, ...] = attrs.field(default=(), converter=c.to_tuple, validator=c.tuple_of(str))
    source: tuple[str, ...] = attrs.field(default=(), converter=c.to_tuple, validator=c.tuple_of(str))
    confidence: Confidence = c.enum_field(Confidence, Confidence.UNVERIFIED)

    @property
    def citation(self) -> Citation:
        """The provision as a citation, e.g. ``ETS 185 Art. 29(4)``."""
        return parse_code(self.code)

    @property
    def instrument(self) -> str:
        """The instrument key, e.g. ``"ETS185"``."""
        return self.code.split(":", 1)[0]

    @property
    def permission(self) -> Permission:
        """The treaty provision that allows this entry."""
        allowed = permission(self.code, self.kind)
        assert allowed is not None  # checked at construction
        return allowed

    def in_effect(self, on: dt.date | None = None) -> bool:
        """True when the entry applies on *on* (as of the data's date when None)."""
        if on is None:
            return self.withdrawn_on is None
        if self.withdrawn_on is not None and on >= self.withdrawn_on:
            return False
        start = self.valid_from or self.made_on
        return start is None or on >= start

    def to_dict(self) -> dict[str, Any]:
        """The entry as JSON data."""
        return {
            "kind": self.kind.value,
            "code": self.code,
            "note": self.note,
            "recorded_as": self.recorded_as,
            "made_on": _str_or_none(self.made_on),
            "valid_from": _str_or_none(self.valid_from),
            "withdrawn_on": _str_or_none(self.withdrawn_on),
            "authorities": list(self.authorities),
            "source": list(self.source),
            "confidence": self.confidence.value,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entry:
        """Read an entry written by :meth:`to_dict`."""
        _no_extra(data, _ENTRY_KEYS, "entries[]")
        return cls(
            kind=data["kind"],
            code=data["code"],
            note=data["note"],
            recorded_as=data.get("recorded_as"),
            made_on=_date_or_none(data.get("made_on"), "made_on"),
            valid_from=_date_or_none(data.get("valid_from"), "valid_from"),
            withdrawn_on=_date_or_none(data.get("withdrawn_on"), "withdrawn_on"),
            authorities=list(data.get("authorities", ())),
            source=list(data.get("source", ())),
            confidence=data.get("confidence", Confidence.UNVERIFIED),
        )


_ENTRY_KEYS = frozenset(
    (
        "kind",
        "code",
        "note",
        "recorded_as",
        "made_on",
        "valid_from",
        "withdrawn_on",
        "authorities",
        "source",
        "confidence",
    )
)


def _check_party_code(instance: Party, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not _CODE.match(value):
        c.fail(attribute, value, "must be an ISO 3166-1 alpha-2 code in upper case, e.g. 'JP'")
    if instance.is_state:
        c.country(instance, attribute, value)


def _check_instruments(_instance: Party, attribute: attrs.Attribute[Any], value: object) -> None:
    c.tuple_of(InstrumentRecord)(_instance, attribute, value)
    assert isinstance(value, tuple)
    keys = tuple(record.instrument for record in value)
    if keys != INSTRUMENT_KEYS:
        c.fail(attribute, keys, f"must hold one record per instrument, in the order {', '.join(INSTRUMENT_KEYS)}")


def _optional_languages(value: object) -> tuple[str, ...] | None:
    return None if value is None else c.language_tags(value)


@attrs.frozen(kw_only=True, repr=False)
class Party:
    """A State (or the European Union) and what the registry knows of its treaty relations.

    Satisfies :class:`budapest_coop.typing.PartyInfo`. Everything not recorded stays unknown:
    ``languages`` is None when no source gives the languages a State accepts, and
    :meth:`reservation_status` answers ``"unknown"`` unless the record of the State's
    reservations for that instrument is complete.

    >>> from budapest_coop.registry import Registry
    >>> jp = Registry.default().party("JP")
    >>> jp.has_reservation("CETS224:7(9)(a)"), jp.has_declaration("CETS224:8(11)")
    (True, True)
    >>> jp.reservation_status("CETS224:8(13)"), jp.reservation_status("ETS185:29(4)")
    ('not-made', 'unknown')
    >>> jp.name(locale="fr"), jp.languages
    ('Japon', None)
    """

    is_state: bool = attrs.field(default=True, validator=c.a_bool)
    code: str = attrs.field(validator=_check_party_code)
    #: The short English name the source data uses.
    recorded_name: str = attrs.field(validator=c.non_blank)
    #: Member of the Council of Europe; None where the question does not apply (the EU).
    coe_member: bool | None = attrs.field(default=None, validator=c.a_bool)
    coe_expelled_on: dt.date | None = attrs.field(default=None, validator=c.a_date)
    instruments: tuple[InstrumentRecord, ...] = attrs.field(converter=c.to_tuple, validator=_check_instruments)
    entries: tuple[Entry, ...] = attrs.field(default=(), converter=c.to_tuple, validator=c.tuple_of(Entry))
    languages: tuple[str, ...] | None = attrs.field(default=None, converter=_optional_languages)
    #: Keys of the sources the record was compiled from (see :attr:`~budapest_coop.registry.Registry.sources`).
    source: tuple[str, ...] = attrs.field(default=(), converter=c.to_tuple, validator=c.tuple_of(str))
    #: The source data's own list of values read in a source, verbatim.
    verified_fields: str | None = c.optional_str()
    #: The record's overall grade (for ETS 185 fields, or the fact that places a non-Party in the data).
    confidence: Confidence = c.enum_field(Confidence, Confidence.UNVERIFIED)
    notes: str | None = c.optional_str()
    #: The source data's text on reservations, declarations and designations, verbatim.
    cooperation_text: str | None = c.optional_str()
    #: The date the data describes.
    as_of: dt.date = attrs.field(validator=c.a_date)

    def __repr__(self) -> str:
        return (
            f"Party(code={self.code!r}, name={self.recorded_name!r}, ETS185={self.status('ETS185')!s}, "
            f"confidence={self.confidence!s}, as_of={self.as_of.isoformat()})"
        )

    # PartyInfo -------------------------------------------------------------------------

    def record(self, instrument: str) -> InstrumentRecord:
        """The record for *instrument* (``"ETS185"``, ``"ETS189"``, ``"CETS224"`` or ``"UNCC"``)."""
        for record in self.instruments:
            if record.instrument == instrument:
                return record
        raise InvalidValueError("instrument", instrument, f"must be one of {', '.join(INSTRUMENT_KEYS)}")

    def status(self, instrument: str, on: dt.date | None = None) -> str:
        """The status for *instrument* on *on*: party, ratified, signatory, invited, none or unknown.

        Without a date, the status recorded as of :attr:`as_of`.
        """
        return self.record(instrument).status_on(on, self.as_of)

    def is_party(self, instrument: str, on: dt.date | None = None) -> bool:
        """True when *instrument* is in force for the State on *on* (as of :attr:`as_of` when None)."""
        return self.status(instrument, on) == Status.PARTY

    def has_reservation(self, code: str, on: dt.date | None = None) -> bool:
        """True when a reservation under *code* (or a part of it) is recorded and in effect.

        False also when nothing is recorded: see :meth:`reservation_status` to tell the two apart.
        """
        return self.reservation_status(code, on) == "made"

    def has_declaration(self, code: str, on: dt.date | None = None) -> bool:
        """True when a declaration or designation under *code* (or a part of it) is recorded and in effect."""
        return self.declaration_status(code, on) == "made"

    # Beyond the protocol -----------------------------------------------------------------

    @property
    def reservations(self) -> tuple[Entry, ...]:
        """The recorded reservations, withdrawn ones included (see :meth:`~budapest_coop.registry.Entry.in_effect`)."""
        return tuple(e for e in self.entries if e.kind is EntryKind.RESERVATION)

    @property
    def declarations(self) -> tuple[Entry, ...]:
        """The recorded declarations and designations."""
        return tuple(e for e in self.entries if e.kind is not EntryKind.RESERVATION)

    def reservation_status(self, code: str, on: dt.date | None = None) -> str:
        """``"made"``, ``"withdrawn"``, ``"not-made"`` (the record is complete) or ``"unknown"``."""
        return self._entry_status(code, on, reservation=True)

    def declaration_status(self, code: str, on: dt.date | None = None) -> str:
        """``"made"``, ``"withdrawn"``, ``"not-made"`` (the record is complete) or ``"unknown"``."""
        return self._entry_status(code, on, reservation=False)

    def entries_under(self, code: str) -> tuple[Entry, ...]:
        """Every entry whose provision is *code* or a part of it."""
        query = parse_code(code)
        return tuple(e for e in self.entries if query.contains(e.citation))

    def _entry_status(self, code: str, on: dt.date | None, *, reservation: bool) -> str:
        found = [e for e in self.entries_under(code) if (e.kind is EntryKind.RESERVATION) == reservation]
        if any(e.in_effect(on) for e in found):
            return "made"
        if any(e.withdrawn_on is not None for e in found):
            return "withdrawn"
        record = self.record(parse_code(code).instrument)
        coverage = record.reservations_recorded if reservation else record.declarations_recorded
        return "not-made" if coverage is Coverage.COMPLETE and not found else "unknown"

    def field_confidence(self, instrument: str, field: str) -> Confidence | None:
        """How far the value of *field* for *instrument* was checked; None when it has no value."""
        return self.record(instrument).confidence(field)

    def name(self, locale: str = "en") -> str:
        """The country's name in *locale* (a BCP 47 tag), from Babel, else pycountry.

        >>> from budapest_coop.registry import Registry
        >>> Registry.default().party("NZ").name(locale="de")
        'Neuseeland'
        """
        return country_name(self.code, locale, self.recorded_name)

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON data (the format of ``registry/data/parties.json``)."""
        return {
            "code": self.code,
            "name": self.recorded_name,
            "state": self.is_state,
            "coe_member": self.coe_member,
            "coe_expelled_on": _str_or_none(self.coe_expelled_on),
            "instruments": {r.instrument: r.to_dict() for r in self.instruments},
            "entries": [e.to_dict() for e in self.entries],
            "languages": None if self.languages is None else list(self.languages),
            "source": list(self.source),
            "verified_fields": self.verified_fields,
            "confidence": self.confidence.value,
            "notes": self.notes,
            "cooperation_text": self.cooperation_text,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], as_of: dt.date) -> Party:
        """Read a record written by :meth:`to_dict`; *as_of* is the date of the data set."""
        _no_extra(data, _PARTY_KEYS, f"parties[{data.get('code')!r}]")
        instruments = data["instruments"]
        _no_extra(instruments, frozenset(INSTRUMENT_KEYS), "instruments")
        return cls(
            code=data["code"],
            recorded_name=data["name"],
            is_state=data.get("state", True),
            coe_member=data.get("coe_member"),
            coe_expelled_on=_date_or_none(data.get("coe_expelled_on"), "coe_expelled_on"),
            instruments=[InstrumentRecord.from_dict(key, instruments[key]) for key in INSTRUMENT_KEYS],
            entries=[Entry.from_dict(e) for e in data.get("entries", ())],
            languages=data.get("languages"),
            source=list(data.get("source", ())),
            verified_fields=data.get("verified_fields"),
            confidence=data.get("confidence", Confidence.UNVERIFIED),
            notes=data.get("notes"),
            cooperation_text=data.get("cooperation_text"),
            as_of=as_of,
        )


_PARTY_KEYS = frozenset(
    (
        "code",
        "name",
        "state",
        "coe_member",
        "coe_expelled_on",
        "instruments",
        "entries",
        "languages",
        "source",
        "verified_fields",
        "confidence",
        "notes",
        "cooperation_text",
    )
)


def _no_extra(data: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
    if not isinstance(data, Mapping):
        raise InvalidValueError(where, data, "must be a JSON object")
    extra = sorted(set(data) - allowed)
    if extra:
        raise InvalidValueError(where, extra, f"unknown keys; allowed: {', '.join(sorted(allowed))}")


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _date_or_none(value: object, field: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise InvalidValueError(field, value, "must be a date written YYYY-MM-DD") from exc


def _partial_or_none(value: object, field: str) -> PartialDate | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidValueError(field, value, "must be a date written YYYY-MM-DD, or YYYY-MM when the day is unknown")
    return PartialDate.parse(value)
