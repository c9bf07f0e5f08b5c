"""Which provisions of which instrument allow a reservation, a declaration or a designation.

A Party entry is written ``"<instrument>:<provision>"``, for example ``"ETS185:29(4)"``. The
provision must be one the instrument lets a Party make that kind of entry under (or a part
of one, such as ``14(3)(a)`` under ``14(3)``); anything else is refused when a record is
built, so a typo in a data file cannot invent a reservation.
"""

from __future__ import annotations

import enum
import functools
import re

from budapest_coop.errors import InvalidValueError
from budapest_coop.model import Citation

__all__ = [
    "INSTRUMENT_KEYS",
    "PERMITTED",
    "EntryKind",
    "Permission",
    "parse_code",
    "permission",
]

#: The instruments the registry holds a status for. ``UNCC`` (the United Nations Convention
#: against Cybercrime) is kept as data; the library's rules do not use it yet.
INSTRUMENT_KEYS: tuple[str, ...] = ("ETS185", "ETS189", "CETS224", "UNCC")

_CODE = re.compile(r"^(?P<instrument>ETS185|ETS189|CETS224):(?P<article>\d+)(?P<subs>(?:\([0-9a-z]+\))*)$")
_SUB = re.compile(r"\(([0-9a-z]+)\)")


class EntryKind(enum.StrEnum):
    """What a Party's entry for an instrument is."""

    RESERVATION = "reservation"
    DECLARATION = "declaration"
    #: The naming of an authority (ETS 185 Arts. 24(7), 27(2), 35; CETS 224 Arts. 6(6), 8(10), 14(7), 14(10)).
    DESIGNATION = "designation"


class Permission:
    """A provision under which an entry of one kind may be made, with the status of that fact."""

    __slots__ = ("basis", "citation", "kind", "verification")

    def __init__(self, code: str, kind: EntryKind, basis: str, verification: str) -> None:
        self.citation = parse_code(code)
        self.kind = kind
        #: The article that grants the option, e.g. ``"ETS 185 Art. 42"``.
        self.basis = basis
        #: ``"verified"`` or ``"unverified (recalled)"``, as the treaty reference marks it.
        self.verification = verification

    def __repr__(self) -> str:
        return f"Permission({code_of(self.citation)!r}, {self.kind.value!r}, {self.basis!r})"


def code_of(citation: Citation) -> str:
    """The entry code of a citation: ``Citation.of("ETS185", 29, 4)`` -> ``"ETS185:29(4)"``."""
    return f"{citation.instrument}:{citation.article}" + "".join(f"({s})" for s in citation.subdivisions)


@functools.lru_cache(maxsize=1024)
def parse_code(code: str) -> Citation:
    """The citation an entry code names (results are cached: a citation is immutable).

    >>> str(parse_code("ETS185:27(9)(e)"))
    'ETS 185 Art. 27(9)(e)'
    """
    match = _CODE.match(code) if isinstance(code, str) else None
    if match is None:
        raise InvalidValueError(
            "code", code, "must be '<instrument>:<article>(<paragraph>)...', e.g. 'ETS185:29(4)' or 'CETS224:7(9)(a)'"
        )
    return Citation(
        instrument=match["instrument"],
        article=match["article"],
        subdivisions=tuple(_SUB.findall(match["subs"])),
    )


_V = "verified"
_R = "unverified (recalled)"

#: Every provision under which the registry accepts an entry, by kind.
PERMITTED: tuple[Permission, ...] = (
    # ETS 185 Art. 42: the exhaustive list of reservations (41(1) is the federal clause).
    *(
        Permission(f"ETS185:{p}", EntryKind.RESERVATION, "ETS 185 Art. 42", _V)
        for p in ("4(2)", "6(3)", "9(4)", "10(3)", "11(3)", "14(3)", "22(2)", "29(4)", "41(1)")
    ),
    # ETS 185 Art. 40: the declarations allowed.
    *(
        Permission(f"ETS185:{p}", EntryKind.DECLARATION, "ETS 185 Art. 40", _V)
        for p in ("2", "3", "6(1)(b)", "7", "9(3)", "27(9)(e)")
    ),
    # ETS 185 Chapter III communications naming authorities.
    Permission("ETS185:24(7)", EntryKind.DESIGNATION, "ETS 185 Art. 24(7)(a)", _V),
    Permission("ETS185:27(2)", EntryKind.DESIGNATION, "ETS 185 Art. 27(2)(a), (c)", _V),
    Permission("ETS185:35(1)", EntryKind.DESIGNATION, "ETS 185 Art. 35(1)", _V),
    # CETS 224: reservations through Art. 19(1), declarations through Art. 19(2).
    Permission("CETS224:7(9)(a)", EntryKind.RESERVATION, "CETS 224 Art. 19(1)", _V),
    Permission("CETS224:7(9)(b)", EntryKind.RESERVATION, "CETS 224 Art. 19(1)", _R),
    Permission("CETS224:8(13)", EntryKind.RESERVATION, "CETS 224 Art. 19(1)", _R),
    Permission("CETS224:8(11)", EntryKind.DECLARATION, "CETS 224 Art. 19(2)", _V),
    *(
        Permission(f"CETS224:{p}", EntryKind.DECLARATION, "CETS 224 Art. 19(2)", _R)
        for p in ("7(2)(b)", "7(5)(a)", "7(8)", "8(4)", "9(1)(b)", "9(5)", "10(9)")
    ),
    Permission("CETS224:6(6)", EntryKind.DESIGNATION, "CETS 224 Art. 6(6)", _V),
    Permission("CETS224:8(10)(a)", EntryKind.DESIGNATION, "CETS 224 Art. 8(10)(a)", _V),
    Permission("CETS224:8(10)(b)", EntryKind.DESIGNATION, "CETS 224 Art. 8(10)(b)", _R),
    Permission("CETS224:14(7)(c)", EntryKind.DESIGNATION, "CETS 224 Art. 14(7)(c)", _V),
    Permission("CETS224:14(10)(b)", EntryKind.DESIGNATION, "CETS 224 Art. 14(10)(b)", _V),
)


def permission(code: str, kind: EntryKind) -> Permission | None:
    """The permission an entry of *kind* under *code* rests on, or None if no provision allows it.

    >>> permission("ETS185:14(3)(a)", EntryKind.RESERVATION).basis
    'ETS 185 Art. 42'
    >>> permission("ETS185:27(9)(e)", EntryKind.RESERVATION) is None
    True
    """
    citation = parse_code(code)
    for allowed in PERMITTED:
        if allowed.kind is kind and allowed.citation.contains(citation):
            return allowed
    return None
