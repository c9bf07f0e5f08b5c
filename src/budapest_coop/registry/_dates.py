"""Dates of treaty events: partial dates and the ETS 185 entry-into-force rule."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import attrs

from budapest_coop.errors import InvalidValueError

__all__ = ["ETS185_IN_FORCE", "PartialDate", "ets185_entry_into_force"]

#: The date the Convention itself entered into force (ETS 185 Art. 36(3)).
ETS185_IN_FORCE = dt.date(2004, 7, 1)

_PARTIAL = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def ets185_entry_into_force(deposit: dt.date) -> dt.date:
    """The date ETS 185 enters into force for a State that deposits its instrument on *deposit*.

    The first day of the month following the expiry of three months after the deposit
    (Art. 36(4) for ratification, Art. 37(2) for accession), and never before the
    Convention itself entered into force on 2004-07-01 (Art. 36(3)).

    >>> ets185_entry_into_force(dt.date(2025, 1, 10))
    datetime.date(2025, 5, 1)
    >>> ets185_entry_into_force(dt.date(2024, 4, 19))
    datetime.date(2024, 8, 1)
    >>> ets185_entry_into_force(dt.date(2025, 8, 28))
    datetime.date(2025, 12, 1)
    >>> ets185_entry_into_force(dt.date(2002, 6, 20))
    datetime.date(2004, 7, 1)
    >>> ets185_entry_into_force(dt.date(2024, 10, 31))
    datetime.date(2025, 2, 1)
    """
    if not isinstance(deposit, dt.date) or isinstance(deposit, dt.datetime):
        raise InvalidValueError("deposit", deposit, "must be a calendar date")
    # The three-month period ends in month + 3; the Convention takes effect on the 1st of the month after.
    month_index = deposit.year * 12 + (deposit.month - 1) + 4
    first = dt.date(month_index // 12, month_index % 12 + 1, 1)
    return max(first, ETS185_IN_FORCE)


def _check_month(_instance: object, _attribute: object, value: int) -> None:
    if not 1 <= value <= 12:
        raise InvalidValueError("month", value, "must be between 1 and 12")


@attrs.frozen(kw_only=True)
class PartialDate:
    """A date of which only the year and month may be known (``2024-04``), or a full date.

    Sources sometimes give only the month of a deposit or signature; the day is then kept
    unknown rather than invented.

    >>> d = PartialDate.parse("2024-04")
    >>> str(d), d.is_complete, d.earliest, d.latest
    ('2024-04', False, datetime.date(2024, 4, 1), datetime.date(2024, 4, 30))
    >>> PartialDate.parse("2025-08-28").date
    datetime.date(2025, 8, 28)
    """

    year: int
    month: int = attrs.field(validator=_check_month)
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.day is not None:
            try:
                dt.date(self.year, self.month, self.day)
            except ValueError as exc:
                raise InvalidValueError("day", self.day, f"is not a day of {self.year}-{self.month:02d}") from exc

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``YYYY-MM-DD`` or ``YYYY-MM``."""
        match = _PARTIAL.match(text) if isinstance(text, str) else None
        if match is None:
            raise InvalidValueError(
                "date", text, "must be a date written YYYY-MM-DD, or YYYY-MM when the day is unknown"
            )
        day = int(match[3]) if match[3] else None
        return cls(year=int(match[1]), month=int(match[2]), day=day)

    @classmethod
    def of(cls, value: dt.date) -> PartialDate:
        """The complete partial date of a calendar date."""
        return cls(year=value.year, month=value.month, day=value.day)

    @property
    def is_complete(self) -> bool:
        """True when the day is known."""
        return self.day is not None

    @property
    def date(self) -> dt.date | None:
        """The calendar date when the day is known, else None."""
        return None if self.day is None else dt.date(self.year, self.month, self.day)

    @property
    def earliest(self) -> dt.date:
        """The first day the date can be."""
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day the date can be."""
        return dt.date(self.year, self.month, self.day or calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        head = f"{self.year:04d}-{self.month:02d}"
        return head if self.day is None else f"{head}-{self.day:02d}"
