"""Protocols for the pieces other code plugs into budapest_coop.

Plugins and alternative implementations need only satisfy these structural types; they do
not inherit from anything in this package.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from budapest_coop.model import Role
    from budapest_coop.model.citation import Citation
    from budapest_coop.render.document import Document, LocalizedDocument
    from budapest_coop.treaty import Status
    from budapest_coop.validation import Context, Finding, Severity
    from budapest_coop.wire import WireObject

__all__ = [
    "AuthorityDirectory",
    "AuthorityInfo",
    "DocumentPreparer",
    "MessageSource",
    "PartyInfo",
    "PartyRegistry",
    "Renderer",
    "Rule",
]


@runtime_checkable
class PartyInfo(Protocol):
    """What the library needs to know about one State to check and route a request.

    Instruments are named by key: ``"ETS185"``, ``"ETS189"``, ``"CETS224"``.
    Reservation and declaration codes are ``"<instrument>:<provision>"``, for example
    ``"ETS185:29(4)"``, ``"ETS185:27(9)(e)"``, ``"CETS224:7(9)(a)"``.
    """

    @property
    def code(self) -> str:
        """ISO 3166-1 alpha-2 code of the State."""
        ...

    @property
    def languages(self) -> tuple[str, ...] | None:
        """BCP 47 tags of the languages the State accepts requests in; None when unknown."""
        ...

    def status(self, instrument: str, on: dt.date | None = None) -> str:
        """The State's status for *instrument* on date *on* (today's data when None).

        One of ``"party"`` (in force for the State on that date), ``"ratified"`` (instrument
        deposited, not yet in force), ``"signatory"``, ``"invited"``, ``"none"`` or
        ``"unknown"``.
        """
        ...

    def is_party(self, instrument: str, on: dt.date) -> bool:
        """True when *instrument* is in force for the State on *on*."""
        ...

    def has_reservation(self, code: str) -> bool:
        """True when the State made the reservation *code* (e.g. ``"ETS185:29(4)"``)."""
        ...

    def has_declaration(self, code: str) -> bool:
        """True when the State made the declaration *code* (e.g. ``"ETS185:27(9)(e)"``)."""
        ...


@runtime_checkable
class PartyRegistry(Protocol):
    """A source of :class:`PartyInfo`, such as :class:`budapest_coop.registry.Registry`."""

    def party(self, code: str) -> PartyInfo:
        """The State with ISO code *code*; raises :class:`~budapest_coop.errors.UnknownPartyError`."""
        ...


@runtime_checkable
class Renderer(Protocol):
    """Lays a :class:`~budapest_coop.render.LocalizedDocument` out as a file.

    Renderers are found through the entry point group ``budapest_coop.renderers`` or
    registered explicitly. ``name`` is the format name users pass (``"pdf"``), ``media_type``
    the MIME type and ``extension`` the file suffix with its dot (``".pdf"``).

    Two optional methods let a renderer (typically a national one) change what is laid
    out without writing a builder of its own; :func:`budapest_coop.render.render` calls
    them when they exist:

    - ``prepare(document, obj) -> Document`` (:class:`DocumentPreparer`) receives the
      language-neutral document the builder made from *obj* and returns the one to lay
      out: sections added, removed or reordered, a national reference number, ...
    - ``messages(language) -> Mapping[str, str]`` (:class:`MessageSource`) gives the
      labels, in *language*, of the message ids ``prepare`` introduced.
    """

    @property
    def name(self) -> str: ...

    @property
    def media_type(self) -> str: ...

    @property
    def extension(self) -> str: ...

    def render(self, document: LocalizedDocument, **options: Any) -> bytes:
        """The file's bytes. Unknown options raise TypeError; bad option values ValueError."""


@runtime_checkable
class AuthorityInfo(Protocol):
    """What validation needs to know about one authority of the directory (e.g. for rule GEN-18)."""

    @property
    def id(self) -> str:
        """The record's id in the directory."""
        ...

    @property
    def country(self) -> str:
        """ISO 3166-1 alpha-2 code of the State the authority belongs to."""
        ...

    @property
    def roles(self) -> tuple[Role, ...]:
        """The functions the authority is designated for (central authority, 24/7 point of contact, ...)."""
        ...

    @property
    def source(self) -> tuple[str, ...]:
        """Where the record comes from (source keys or a directory's own references)."""
        ...

    @property
    def last_verified(self) -> dt.date | None:
        """When the record was last checked against its source; None when never."""
        ...


@runtime_checkable
class AuthorityDirectory(Protocol):
    """A directory of authorities, such as :class:`budapest_coop.registry.Registry`."""

    def authorities(
        self, country: str | None = None, role: Role | str | None = None, *, on: dt.date | None = None
    ) -> tuple[AuthorityInfo, ...]:
        """The records of *country* (all when None), optionally only those with *role*."""
        ...

    def stale_authorities(
        self,
        country: str | None = None,
        *,
        role: Role | str | None = None,
        max_age: dt.timedelta = ...,
        today: dt.date | None = None,
    ) -> tuple[AuthorityInfo, ...]:
        """The records never verified, or last verified more than *max_age* before *today*."""
        ...


@runtime_checkable
class Rule(Protocol):
    """A validation rule: a check of one or more request kinds, with its metadata.

    :func:`budapest_coop.validation.rule` turns a plain function into one. National packages
    publish rules through the entry point group ``budapest_coop.rules`` (a rule or an iterable
    of rules) or pass them explicitly with ``RuleSet.with_rules``.

    ``kinds`` are request kinds (``"preservation-request"``, ``"subscriber-information-request"``,
    ``"preservation-order"``); ``severity`` is what the rule reports (an unverified basis
    reports warnings at most); ``citation`` is the main provision it rests on, None for a rule
    of practice; ``status`` is the verification status of its basis.
    """

    @property
    def code(self) -> str: ...

    @property
    def kinds(self) -> tuple[str, ...]: ...

    @property
    def severity(self) -> Severity: ...

    @property
    def citation(self) -> Citation | None: ...

    @property
    def status(self) -> Status: ...

    @property
    def summary(self) -> str:
        """What triggers the rule, in plain words."""
        ...

    @property
    def fix(self) -> str:
        """How to fix what the rule reports."""
        ...

    def check(self, request: Any, context: Context) -> Iterable[Finding]:
        """The findings about *request* (an empty sequence when there are none); must not raise."""
        ...


@runtime_checkable
class DocumentPreparer(Protocol):
    """A renderer that adapts the built document before localisation (optional ``prepare`` hook)."""

    def prepare(self, document: Document, obj: WireObject) -> Document:
        """The document to lay out, made from the builder's *document* for the request *obj*."""
        ...


@runtime_checkable
class MessageSource(Protocol):
    """A renderer that brings labels for its own message ids (optional ``messages`` hook)."""

    def messages(self, language: str) -> Mapping[str, str]:
        """msgid -> text in *language*; an empty mapping for a language it does not know."""
        ...
