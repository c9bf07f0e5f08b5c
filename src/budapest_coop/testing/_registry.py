"""Registries made up for tests: Parties with exactly the status and entries a test needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from budapest_coop.registry import (
    INSTRUMENT_KEYS,
    AuthorityRecord,
    Confidence,
    Coverage,
    Entry,
    EntryKind,
    InstrumentRecord,
    PartialDate,
    Party,
    Registry,
    Status,
)

__all__ = ["make_party", "make_registry"]

_AS_OF = dt.date(2026, 2, 5)


def make_party(
    code: str,
    *,
    ets185: str = "party",
    entry_into_force: dt.date | None = dt.date(2010, 1, 1),
    reservations: Iterable[str] = (),
    declarations: Iterable[str] = (),
    complete: bool = True,
    languages: Iterable[str] | None = None,
    confidence: str = "verified",
    as_of: dt.date = _AS_OF,
) -> Party:
    """A Party record for tests, every value graded *confidence*.

    *reservations* and *declarations* are entry codes (``"ETS185:29(4)"``); a declaration
    code under ETS 185 Arts. 24(7), 27(2) or 35(1) or a CETS 224 designation paragraph is
    recorded as a designation. With *complete* (the default) the records of the State's
    entries are complete, so an entry not listed is known not to have been made.

    >>> party = make_party("NO", declarations=["ETS185:27(9)(e)"], languages=["nb"])
    >>> party.has_declaration("ETS185:27(9)(e)"), party.reservation_status("ETS185:29(4)")
    (True, 'not-made')
    """
    grade = Confidence(confidence)
    coverage = Coverage.COMPLETE if complete else Coverage.PARTIAL
    status = Status(ets185)
    records = []
    for instrument in INSTRUMENT_KEYS:
        if instrument == "ETS185":
            eif = entry_into_force if status is Status.PARTY else None
            deposit = _deposit_before(eif) if eif is not None else None
            record = InstrumentRecord(
                instrument=instrument,
                status=status,
                deposit=deposit,
                deposit_kind="ratification" if deposit else None,
                entry_into_force=eif,
                read_in_source=(("status", None), *((("entry_into_force", None),) if eif else ())),
                confidences=(("status", grade), *((("deposit", grade), ("entry_into_force", grade)) if eif else ())),
                reservations_recorded=coverage,
                declarations_recorded=coverage,
            )
        else:
            record = InstrumentRecord(
                instrument=instrument,
                status=Status.NONE,
                confidences=(("status", grade),),
                reservations_recorded=coverage,
                declarations_recorded=coverage,
            )
        records.append(record)
    entries = [_entry(code_, EntryKind.RESERVATION, grade) for code_ in reservations]
    entries += [_entry(code_, _declaration_kind(code_), grade) for code_ in declarations]
    return Party(
        code=code,
        recorded_name=code,
        coe_member=None,
        instruments=records,
        entries=entries,
        languages=None if languages is None else list(languages),
        source=("test",),
        confidence=grade,
        as_of=as_of,
    )


def make_registry(*parties: Party, authorities: Iterable[AuthorityRecord] = (), as_of: dt.date = _AS_OF) -> Registry:
    """A registry holding exactly *parties* and *authorities*."""
    return Registry(parties, as_of=as_of, authorities=authorities)


_DESIGNATIONS = ("ETS185:24(7)", "ETS185:27(2)", "ETS185:35", "CETS224:6(6)", "CETS224:8(10)", "CETS224:14(")


def _declaration_kind(code: str) -> EntryKind:
    return EntryKind.DESIGNATION if code.startswith(_DESIGNATIONS) else EntryKind.DECLARATION


def _entry(code: str, kind: EntryKind, grade: Confidence) -> Entry:
    return Entry(kind=kind, code=code, note=f"test {kind.value}", source=("test",), confidence=grade)


def _deposit_before(eif: dt.date) -> PartialDate:
    month_index = eif.year * 12 + eif.month - 1 - 4
    return PartialDate(year=month_index // 12, month=month_index % 12 + 1, day=15)
