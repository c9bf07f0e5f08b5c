"""Citations of articles, paragraphs and items of the instruments."""

from __future__ import annotations

import functools
import re
from typing import ClassVar

import attrs

from budapest_coop.errors import InvalidValueError

__all__ = ["INSTRUMENTS", "Citation"]

#: Instrument keys and how they are written in a citation.
INSTRUMENTS: dict[str, str] = {
    "ETS185": "ETS 185",
    "ETS189": "ETS 189",
    "CETS224": "CETS 224",
    "T-CY(2018)10": "T-CY(2018)10",
    "T-CY(2018)11": "T-CY(2018)11",
}
_TEMPLATES = frozenset({"T-CY(2018)10", "T-CY(2018)11"})

_PATTERN = re.compile(
    r"""^\s*
    (?P<instrument>(?:C?ETS)\s*\d+|T-CY\(\d{4}\)\d+)\s*
    (?:(?:Arts?\.?|Article|§)\s*)
    (?P<article>\d+[a-z]?)
    (?P<subs>(?:\([0-9a-z]+\))*)
    \s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_SUB = re.compile(r"\(([0-9a-z]+)\)", re.IGNORECASE)


def _instrument_key(text: str) -> str:
    compact = re.sub(r"\s+", "", text).upper()
    if compact.startswith("T-CY"):
        compact = "T-CY" + compact[4:]
    if compact not in INSTRUMENTS:
        raise InvalidValueError("instrument", text, f"must be one of {', '.join(INSTRUMENTS)}")
    return compact


def _subdivisions(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        raise InvalidValueError("subdivisions", value, "must be a list such as ['2', 'f']")
    return tuple(value)  # type: ignore[arg-type]


def _check_subdivisions(_instance: object, _attribute: object, value: tuple[str, ...]) -> None:
    for part in value:
        if not isinstance(part, str) or not re.fullmatch(r"[0-9]+|[a-z]+", part):
            raise InvalidValueError("subdivisions", value, "each part must be a number or lower-case letters")


def _check_instrument(_instance: object, _attribute: object, value: str) -> None:
    if value not in INSTRUMENTS:
        raise InvalidValueError("instrument", value, f"must be one of {', '.join(INSTRUMENTS)}")


def _check_article(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not re.fullmatch(r"\d+[a-z]?", value):
        raise InvalidValueError("article", value, "must be an article number such as '29'")


@functools.total_ordering
@attrs.frozen(kw_only=True)
class Citation:
    """A citation of an article (or template section) and its paragraph and item.

    >>> c = Citation.parse("ETS 185 Art. 29(2)(f)")
    >>> c.instrument, c.article, c.subdivisions
    ('ETS185', '29', ('2', 'f'))
    >>> str(c)
    'ETS 185 Art. 29(2)(f)'
    >>> str(Citation(instrument="T-CY(2018)11", article="3"))
    'T-CY(2018)11 §3'
    >>> Citation.parse("ets185 art 29(7)") == Citation.of("ETS185", "29", "7")
    True
    """

    instrument: str = attrs.field(validator=_check_instrument)
    article: str = attrs.field(validator=_check_article)
    subdivisions: tuple[str, ...] = attrs.field(default=(), converter=_subdivisions, validator=_check_subdivisions)

    _cache: ClassVar[dict[str, Citation]] = {}

    @classmethod
    def of(cls, instrument: str, article: str | int, *subdivisions: str | int) -> Citation:
        """Build a citation from its parts: ``Citation.of("ETS185", 29, 2, "f")``."""
        return cls(
            instrument=_instrument_key(instrument),
            article=str(article),
            subdivisions=tuple(str(s) for s in subdivisions),
        )

    @classmethod
    def parse(cls, text: str) -> Citation:
        """Read a citation written as ``ETS 185 Art. 29(2)(f)`` or ``T-CY(2018)10 §5``."""
        cached = cls._cache.get(text)
        if cached is not None:
            return cached
        match = _PATTERN.match(text) if isinstance(text, str) else None
        if match is None:
            raise InvalidValueError("citation", text, "must look like 'ETS 185 Art. 29(2)(f)' or 'T-CY(2018)10 §5'")
        citation = cls(
            instrument=_instrument_key(match["instrument"]),
            article=match["article"].lower(),
            subdivisions=tuple(s.lower() for s in _SUB.findall(match["subs"])),
        )
        if len(cls._cache) < 4096:
            cls._cache[text] = citation
        return citation

    @property
    def is_template(self) -> bool:
        """True for a section of a Council of Europe template rather than a treaty article."""
        return self.instrument in _TEMPLATES

    def paragraph(self) -> Citation:
        """The citation of the article and first paragraph only: ``29(2)(f)`` -> ``29(2)``."""
        return attrs.evolve(self, subdivisions=self.subdivisions[:1])

    def article_only(self) -> Citation:
        """The citation of the whole article: ``29(2)(f)`` -> ``29``."""
        return attrs.evolve(self, subdivisions=())

    def contains(self, other: Citation) -> bool:
        """True if *other* cites this provision or a part of it."""
        return (
            other.instrument == self.instrument
            and other.article == self.article
            and other.subdivisions[: len(self.subdivisions)] == self.subdivisions
        )

    def _key(self) -> tuple[str, int, str, tuple[tuple[int, str], ...]]:
        number = int(re.match(r"\d+", self.article).group())  # type: ignore[union-attr]
        return (
            self.instrument,
            number,
            self.article,
            tuple((int(s), "") if s.isdigit() else (0, s) for s in self.subdivisions),
        )

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Citation):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        label = INSTRUMENTS[self.instrument]
        word = "§" if self.is_template else "Art. "
        subs = "".join(f"({s})" for s in self.subdivisions)
        return f"{label} {word}{self.article}{subs}"
