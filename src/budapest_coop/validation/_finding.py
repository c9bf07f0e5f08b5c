"""Findings: what a rule reports, with a message formatted (and translated) only when read."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

from budapest_coop import i18n
from budapest_coop.model.citation import Citation

__all__ = ["DOMAIN", "Finding", "Severity", "Term"]

#: The gettext domain of validation messages.
DOMAIN = "validation"


class Severity(enum.StrEnum):
    """How serious a finding is. An error blocks the request; a warning and an info do not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for an error, 1 for a warning, 0 for an info."""
        return _RANK[self]

    def at_most(self, ceiling: Severity) -> Severity:
        """This severity, lowered to *ceiling* if it is more serious."""
        return self if _RANK[self] <= _RANK[ceiling] else ceiling


_RANK = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}


class Term(str):
    """A message argument that is itself a message id, translated with the message.

    >>> Term("traffic data")
    Term('traffic data')
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Term({str.__repr__(self)})"


def _localize(value: object, locale: str, domain: str = DOMAIN) -> object:
    if isinstance(value, Term):
        return i18n.gettext(domain, locale, value) if locale != "en" else str(value)
    return value


def format_message(template: str, args: Mapping[str, object], locale: str, domain: str = DOMAIN) -> str:
    """*template* (an English message id) translated into *locale* and filled with *args*.

    Translations come from the gettext *domain* (``validation`` unless a finding says
    otherwise). A translation whose placeholders do not match falls back to the English text.
    """
    text = template if locale == "en" else i18n.gettext(domain, locale, template)
    if not args:
        return text
    values = {key: _localize(value, locale, domain) for key, value in args.items()}
    try:
        return text % values
    except (KeyError, ValueError, TypeError):
        english = {key: _localize(value, "en") for key, value in args.items()}
        try:
            return template % english
        except (KeyError, ValueError, TypeError):
            return template


@attrs.frozen(kw_only=True)
class Finding:
    """One problem (or remark) about a request, tied to a field and, where one applies, an article.

    ``message`` is built when read: the English message id, translated into ``locale`` through
    the ``validation`` gettext catalog, with ``args`` filled in. Construct a finding with the
    English text (or a ``%(name)s`` template and ``args``)::

        Finding(code="XX-01", severity=Severity.WARNING, citation=None, path="reference",
                message="The reference does not follow the national format.")

    :ivar code: the stable code of the rule, e.g. ``"PRES-05"``.
    :ivar severity: :class:`Severity`.
    :ivar citation: the provision that requires what is missing (a :class:`~budapest_coop.Citation`),
        or None for rules of practice with no treaty basis.
    :ivar path: the field, e.g. ``"identifiers[2].observed_at"`` (``""`` for the whole request).
    :ivar args: the values filled into the message.
    :ivar locale: the language of ``message`` (BCP 47 tag; English when no catalog has it).
    :ivar domain: the gettext domain that translates the message (``"validation"``; checks
        outside validation, such as those on case files, bring their own).
    """

    code: str
    severity: Severity
    citation: Citation | None
    path: str
    _message: str = attrs.field(alias="message")
    args: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    locale: str = "en"
    domain: str = DOMAIN

    @property
    def message(self) -> str:
        """The message in ``locale``, with its arguments filled in."""
        return format_message(self._message, self.args, self.locale, self.domain)

    @property
    def message_id(self) -> str:
        """The English message id (the template before translation and formatting)."""
        return self._message

    def localized(self, locale: str) -> Finding:
        """The same finding with its message in *locale*."""
        return attrs.evolve(self, locale=locale)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: code, severity, citation (text or null), path, message."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "citation": None if self.citation is None else str(self.citation),
            "path": self.path,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = f" [{self.citation}]" if self.citation is not None else ""
        return f"{self.severity.value} {self.code} {self.path or '(request)'}: {self.message}{where}"
