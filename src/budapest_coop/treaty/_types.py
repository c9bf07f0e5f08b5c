"""The public types of the treaty knowledge: instruments, articles, paragraphs, elements, deadlines."""

from __future__ import annotations

import enum

import attrs

from budapest_coop.errors import UnknownProvisionError
from budapest_coop.model.citation import Citation

__all__ = ["Article", "Deadline", "Element", "Instrument", "Note", "Paragraph", "Source", "Status"]


class Status(enum.StrEnum):
    """How far a fact has been checked (the verification marks of the project's reference).

    ``PRACTICE`` is not a verification mark but a basis: a rule that no treaty requires and
    that comes from templates, guidance or provider practice. Only rules and elements use it.
    """

    VERIFIED = "verified"
    SECONDARY = "secondary"
    UNVERIFIED = "unverified (recalled)"
    PRACTICE = "practice"

    @property
    def blocking(self) -> bool:
        """True when a rule resting on this basis may block a request (report an error).

        Facts read only in secondary sources or recalled warn until verified.
        """
        return self in (Status.VERIFIED, Status.PRACTICE)


#: The marks a fact of the instruments may carry.
FACT_STATUSES = frozenset({Status.VERIFIED, Status.SECONDARY, Status.UNVERIFIED})


@attrs.frozen(kw_only=True)
class Source:
    """A source the facts rest on, by its key in the project's source register."""

    key: str
    text: str
    url: str | None
    status: str


@attrs.frozen(kw_only=True)
class Note:
    """A fact about an instrument as a whole (adoption, entry into force...)."""

    text: str
    status: Status
    sources: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Paragraph:
    """A paragraph, sub-paragraph or item of an article, with our paraphrase of it."""

    citation: Citation
    text: str
    status: Status
    sources: tuple[str, ...]
    key: str | None = None
    note: str | None = None

    @property
    def ref(self) -> str:
        """The paragraph and items as written after the article number: ``"(2)(a)"``."""
        return "".join(f"({s})" for s in self.citation.subdivisions)


@attrs.frozen(kw_only=True)
class Article:
    """An article of a treaty (or a section of a template) with our paraphrase of it.

    ``title`` is the official title (a template's heading), with its own verification mark
    ``title_status``; ``summary`` is a one-paragraph paraphrase written for budapest_coop.
    """

    instrument: str
    number: str
    title: str
    title_status: Status
    title_sources: tuple[str, ...]
    summary: str
    status: Status
    sources: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...] = ()
    note: str | None = None

    @property
    def citation(self) -> Citation:
        """The citation of the whole article, e.g. ``ETS 185 Art. 29``."""
        return Citation(instrument=self.instrument, article=self.number)

    def paragraph(self, *subdivisions: str | int) -> Paragraph:
        """The paragraph or item with these subdivisions: ``article.paragraph(2, "a")``.

        Raises :class:`~budapest_coop.errors.UnknownProvisionError` (a :class:`KeyError`)
        when the data has no such paragraph.
        """
        wanted = tuple(str(s) for s in subdivisions)
        for paragraph in self.paragraphs:
            if paragraph.citation.subdivisions == wanted:
                return paragraph
        raise UnknownProvisionError(
            f"{self.citation} has no paragraph {''.join(f'({s})' for s in wanted)} in budapest_coop's data"
        )

    def provisions(self, citation: Citation) -> tuple[Paragraph, ...]:
        """The paragraphs *citation* designates: the one cited and the items below it."""
        return tuple(p for p in self.paragraphs if citation.contains(p.citation))


@attrs.frozen(kw_only=True)
class Instrument:
    """A treaty (ETS 185, CETS 224) or a Council of Europe request template.

    ``url`` links to the official text: for the treaties, the Council of Europe Treaty Office
    page (``url_label`` says so); for the templates, the Council of Europe document.
    """

    key: str
    label: str
    number: str
    kind: str
    title: str
    title_status: Status
    title_sources: tuple[str, ...]
    url: str
    url_label: str
    summary: str
    status: Status
    sources: tuple[str, ...]
    notes: tuple[Note, ...] = ()
    articles: tuple[Article, ...] = ()

    def article(self, number: str | int) -> Article:
        """The article *number* (a string or int); :class:`~budapest_coop.errors.UnknownProvisionError` if absent."""
        wanted = str(number)
        for article in self.articles:
            if article.number == wanted:
                return article
        shipped = ", ".join(a.number for a in self.articles)
        raise UnknownProvisionError(f"{self.label} Art. {wanted} is not in budapest_coop's data (shipped: {shipped})")


@attrs.frozen(kw_only=True)
class Element:
    """Something a request of a given kind must or may contain, and the provision requiring it.

    ``fields`` names the fields of the request that carry the element; ``obligation`` is
    ``shall``, ``may`` or ``cond.`` (required when a condition applies); ``basis`` is
    ``treaty``, ``template`` or ``derived`` (worked out from the treaty text).
    """

    kind: str
    key: str
    citation: Citation
    fields: tuple[str, ...]
    text: str
    obligation: str
    basis: str
    status: Status
    sources: tuple[str, ...]
    note: str | None = None


@attrs.frozen(kw_only=True)
class Deadline:
    """A time value of an instrument: a minimum or maximum number of days.

    >>> from budapest_coop import treaty
    >>> minimum = treaty.deadline("min_preservation")
    >>> minimum.days, str(minimum.citation), minimum.status.value
    (60, 'ETS 185 Art. 29(7)', 'verified')
    """

    key: str
    days: int
    bound: str
    renewable: bool
    citation: Citation
    text: str
    status: Status
    sources: tuple[str, ...]
