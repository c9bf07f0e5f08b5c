"""The instruments as data: ETS 185, CETS 224 and the Council of Europe request templates.

Articles carry their official title, a one-paragraph paraphrase written for budapest_coop
(never the treaty's own sentences), their paragraphs and items, and for every fact its
verification status and source key. Also here: the elements each request kind must contain
(:func:`elements`) and the time values of the instruments (:func:`deadline`). The data files
are read on first use, once; ``import budapest_coop.treaty`` reads nothing.

>>> from budapest_coop import treaty
>>> art = treaty.article("ETS185", "29")
>>> art.title
'Expedited preservation of stored computer data'
>>> str(art.paragraph(2, "f").citation), art.paragraph(2, "f").status.value
('ETS 185 Art. 29(2)(f)', 'verified')
>>> treaty.deadline("domestic_preservation_max").days
90
>>> treaty.instrument("CETS224").article(9).title_status.value
'unverified (recalled)'
>>> str(treaty.Citation.parse("ets 185 art. 29(2)(e)"))
'ETS 185 Art. 29(2)(e)'
"""

from __future__ import annotations

import re

from budapest_coop.errors import UnknownProvisionError
from budapest_coop.model.citation import Citation
from budapest_coop.treaty import _data
from budapest_coop.treaty._types import Article, Deadline, Element, Instrument, Note, Paragraph, Source, Status

__all__ = [
    "Article",
    "Citation",
    "Deadline",
    "Element",
    "Instrument",
    "Note",
    "Paragraph",
    "Source",
    "Status",
    "article",
    "deadline",
    "deadlines",
    "elements",
    "instrument",
    "instruments",
    "resolve",
    "source",
]


def _key(name: str) -> str:
    return re.sub(r"\s+", "", name).upper()


def instruments() -> tuple[Instrument, ...]:
    """Every instrument in the data: ETS 185, CETS 224, T-CY(2018)10, T-CY(2018)11."""
    return tuple(_data.data().instruments.values())


def instrument(key: str) -> Instrument:
    """The instrument *key*: ``"ETS185"`` (or ``"ETS 185"``), ``"CETS224"``, ``"T-CY(2018)10"``..."""
    found = _data.data().instruments.get(_key(key))
    if found is None:
        known = ", ".join(_data.data().instruments)
        raise UnknownProvisionError(f"unknown instrument {key!r}; known: {known}")
    return found


def article(instrument_key: str, number: str | int) -> Article:
    """The article *number* of the instrument: ``article("ETS185", "29")``."""
    return instrument(instrument_key).article(number)


def resolve(citation: Citation | str) -> tuple[Article, tuple[Paragraph, ...]]:
    """The article a citation names and the paragraphs it designates (empty for a whole article).

    Raises :class:`~budapest_coop.errors.UnknownProvisionError` when the data lacks the
    article or, for a citation with paragraphs, every paragraph it designates.
    """
    cited = Citation.parse(citation) if isinstance(citation, str) else citation
    found = instrument(cited.instrument).article(cited.article)
    if not cited.subdivisions:
        return found, ()
    paragraphs = found.provisions(cited)
    if not paragraphs:
        raise UnknownProvisionError(f"{cited} is not in budapest_coop's data")
    return found, paragraphs


def elements(kind: str | None = None) -> tuple[Element, ...]:
    """The elements a request of *kind* must or may contain (every kind when None)."""
    every = _data.data().elements
    return every if kind is None else tuple(e for e in every if e.kind == kind)


def deadline(key: str) -> Deadline:
    """A time value by key: ``min_preservation`` (60 days, Art. 29(7)), ``domestic_preservation_max``..."""
    found = _data.data().deadlines.get(key)
    if found is None:
        raise UnknownProvisionError(f"unknown deadline {key!r}; known: {', '.join(_data.data().deadlines)}")
    return found


def deadlines() -> tuple[Deadline, ...]:
    """Every time value in the data."""
    return tuple(_data.data().deadlines.values())


def source(key: str) -> Source:
    """A source of the project's register by key, e.g. ``"ets185-text"``."""
    found = _data.data().sources.get(key)
    if found is None:
        raise UnknownProvisionError(f"unknown source key {key!r}")
    return found
