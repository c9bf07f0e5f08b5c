"""Protocols for the pieces other code plugs into budapest_coop.

Plugins and alternative implementations need only satisfy these structural types; they do
not inherit from anything in this package.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from budapest_coop.render.document import Document, LocalizedDocument
    from budapest_coop.wire import WireObject

__all__ = ["DocumentPreparer", "MessageSource", "PartyInfo", "PartyRegistry", "Renderer"]


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
