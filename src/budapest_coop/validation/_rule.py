"""Rules: plain typed functions with their metadata, and the context they run in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from budapest_coop.model.citation import Citation
from budapest_coop.treaty._types import Status
from budapest_coop.typing import PartyInfo, PartyRegistry
from budapest_coop.validation._finding import Finding, Severity

__all__ = ["KINDS", "Context", "FunctionRule", "RuleFunction", "rule"]

#: The request kinds rules can be registered for.
KINDS = ("preservation-request", "subscriber-information-request", "preservation-order")


class Context:
    """What a rule may consult besides the request itself.

    :ivar today: the date validation runs on (injectable for tests).
    :ivar on: the date the request speaks for: its own date when it has one, else ``today``.
        Treaty status and reservations are judged on this date.
    :ivar registry: the registry of Parties, or None when none is available.
    :ivar requested: the requested Party's record in the registry, or None (no registry, no
        requested Party, or a Party the registry does not know: see ``requested_unknown``).
    :ivar requesting: the requesting Party's record, or None.
    :ivar requested_unknown: True when the registry does not know the requested Party.
    :ivar requesting_unknown: True when the registry does not know the requesting Party.
    :ivar locale: the language of the messages.
    :ivar authority_max_age: directory records last verified longer ago than this are stale
        (rule GEN-18).
    """

    __slots__ = (
        "authority_max_age",
        "locale",
        "on",
        "registry",
        "requested",
        "requested_unknown",
        "requesting",
        "requesting_unknown",
        "today",
    )

    def __init__(
        self,
        *,
        today: dt.date,
        on: dt.date,
        locale: str = "en",
        registry: PartyRegistry | None = None,
        requested: PartyInfo | None = None,
        requesting: PartyInfo | None = None,
        requested_unknown: bool = False,
        requesting_unknown: bool = False,
        authority_max_age: dt.timedelta = dt.timedelta(days=365),
    ) -> None:
        self.authority_max_age = authority_max_age
        self.today = today
        self.on = on
        self.locale = locale
        self.registry = registry
        self.requested = requested
        self.requesting = requesting
        self.requested_unknown = requested_unknown
        self.requesting_unknown = requesting_unknown

    def __repr__(self) -> str:
        return f"Context(today={self.today!r}, on={self.on!r}, locale={self.locale!r}, registry={self.registry!r})"


RuleFunction = Callable[[Any, Context], Sequence[Finding]]
"""The signature of a rule's function: ``(request, context) -> findings`` (an empty tuple if none)."""

_DEFAULT: Any = object()


def _citations(value: Iterable[Citation | str]) -> tuple[Citation, ...]:
    return tuple(c if isinstance(c, Citation) else Citation.parse(c) for c in value)


def _kinds(value: Iterable[str] | str) -> tuple[str, ...]:
    kinds = (value,) if isinstance(value, str) else tuple(value)
    if not kinds:
        raise ValueError("a rule needs at least one request kind")
    return kinds


@attrs.frozen(kw_only=True)
class FunctionRule:
    """A rule made from a plain function by :func:`rule`; satisfies :class:`budapest_coop.typing.Rule`.

    ``target`` is the severity the rule aims at; ``severity`` is what it reports: the target,
    lowered to a warning while the rule's basis is only secondary or recalled (a rule resting
    on an unverified fact warns, never blocks). ``also`` lists the lesser severities the rule
    uses for milder cases.
    """

    code: str
    kinds: tuple[str, ...] = attrs.field(converter=_kinds)
    target: Severity
    status: Status
    summary: str
    fix: str
    check: RuleFunction
    citations: tuple[Citation, ...] = attrs.field(default=(), converter=_citations)
    messages: tuple[str, ...] = ()
    also: tuple[Severity, ...] = ()
    party_aware: bool = False
    basis: str | None = None
    severity: Severity = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        ceiling = self.target if self.status.blocking else self.target.at_most(Severity.WARNING)
        object.__setattr__(self, "severity", ceiling)

    @property
    def citation(self) -> Citation | None:
        """The main provision the rule rests on (None for a rule of practice)."""
        return self.citations[0] if self.citations else None

    @property
    def severities(self) -> tuple[Severity, ...]:
        """Every severity the rule can report, most serious first."""
        found = {self.severity, *(s.at_most(self.severity) for s in self.also)}
        return tuple(sorted(found, key=lambda s: -s.rank))

    def finding(
        self,
        context: Context,
        path: str,
        message: str,
        args: Mapping[str, Any] | None = None,
        *,
        citation: Citation | None = _DEFAULT,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule at *path*: its code, severity and main citation unless overridden.

        A *severity* above the rule's own is lowered to it.
        """
        return Finding(
            code=self.code,
            severity=self.severity if severity is None else severity.at_most(self.severity),
            citation=self.citation if citation is _DEFAULT else citation,
            path=path,
            message=message,
            args=args if args is not None else {},
            locale=context.locale,
        )


def rule(
    code: str,
    *,
    kinds: Iterable[str] | str,
    severity: Severity,
    status: Status | str,
    summary: str,
    fix: str,
    citations: Iterable[Citation | str] = (),
    messages: Iterable[str] = (),
    also: Iterable[Severity] = (),
    party_aware: bool = False,
    basis: str | None = None,
) -> Callable[[RuleFunction], FunctionRule]:
    """Turn a function ``(request, context) -> findings`` into a rule.

    *severity* is the target severity; *status* the verification status of the rule's basis
    (``verified``, ``secondary``, ``unverified (recalled)`` or ``practice``); *citations* the
    provisions it rests on, the main one first; *messages* the English message ids it uses
    (so that catalogs can be checked); *summary* says what triggers it and *fix* how to fix it.

    >>> from budapest_coop.validation import Severity, rule
    >>> @rule("XX-01", kinds="preservation-request", severity=Severity.WARNING, status="practice",
    ...       summary="The reference does not follow the national pattern.", fix="Use CC-YYYY-NNNN.")
    ... def national_reference(request, context):
    ...     if request.reference and not request.reference.startswith("CC-"):
    ...         return [national_reference.finding(context, "reference", "Use the national pattern.")]
    ...     return ()
    >>> national_reference.code, national_reference.severity.value
    ('XX-01', 'warning')
    """

    def decorate(function: RuleFunction) -> FunctionRule:
        return FunctionRule(
            code=code,
            kinds=kinds,
            target=severity,
            status=Status(status),
            summary=summary,
            fix=fix,
            check=function,
            citations=citations,
            messages=tuple(messages),
            also=tuple(also),
            party_aware=party_aware,
            basis=basis,
        )

    return decorate
