"""validate(): run the rules of a request's kind and collect the findings."""

from __future__ import annotations

import datetime as dt
import importlib
import threading
from collections.abc import Sequence
from typing import Any

from budapest_coop.errors import UnknownPartyError
from budapest_coop.typing import PartyInfo, PartyRegistry
from budapest_coop.validation._finding import Finding
from budapest_coop.validation._report import RuleError, ValidationReport
from budapest_coop.validation._rule import Context
from budapest_coop.validation._ruleset import RuleSet, default_rules

__all__ = ["default_registry", "validate"]

_LOCK = threading.Lock()
_REGISTRY: list[PartyRegistry | None] = []


def _registry_module() -> Any:
    return importlib.import_module("budapest_coop.registry")


def default_registry() -> PartyRegistry | None:
    """The registry shipped with budapest_coop (``budapest_coop.registry.Registry.default()``).

    None when this installation has no registry package; party-aware rules are then skipped.
    Looked up once per process.
    """
    if _REGISTRY:
        return _REGISTRY[0]
    with _LOCK:
        if not _REGISTRY:
            try:
                module = _registry_module()
            except ModuleNotFoundError as exc:
                if exc.name not in ("budapest_coop.registry", "budapest_coop"):
                    raise
                _REGISTRY.append(None)
            else:
                _REGISTRY.append(module.Registry.default())
        return _REGISTRY[0]


def _lookup(registry: PartyRegistry, code: str | None) -> tuple[PartyInfo | None, bool]:
    if code is None:
        return None, False
    try:
        return registry.party(code), False
    except UnknownPartyError:
        return None, True


def _checked(found: Any) -> Sequence[Finding]:
    """The findings a rule returned, refusing anything that is not a Finding."""
    items: Sequence[Any] = found if isinstance(found, list | tuple) else tuple(found)
    for finding in items:
        if type(finding) is not Finding:
            raise TypeError(f"returned {type(finding).__name__}, not a Finding")
    return items


def validate(
    request: Any,
    *,
    registry: PartyRegistry | None = None,
    today: dt.date | None = None,
    locale: str = "en",
    rules: RuleSet | None = None,
    authority_max_age: dt.timedelta = dt.timedelta(days=365),
) -> ValidationReport:
    """Check *request* against the rules of its kind and report every finding at once.

    :param request: a :class:`~budapest_coop.PreservationRequest`,
        :class:`~budapest_coop.SubscriberInformationRequest` or
        :class:`~budapest_coop.PreservationOrder`; drafts are welcome.
    :param registry: the registry of Parties for the party-aware rules (treaty status on the
        request's date, the Art. 29(4) reservation, the Art. 27(9)(e) declaration,
        accepted languages). None uses the registry shipped with budapest_coop; without
        one, party-aware checks are skipped.
    :param today: the day of validation (default: :meth:`datetime.date.today`); a request may
        not be dated after it, nor ask for data after it.
    :param locale: the language of the messages (``"en"``, ``"fr"``; others fall back to English).
    :param rules: the rules to run (default: the built-in rules and installed plugins).
    :param authority_max_age: directory records of the requested Party's authorities last
        verified longer ago than this produce a staleness warning (GEN-18).

    Never raises for a request of a known kind, however incomplete: a rule that fails is
    reported in ``report.rule_errors`` and makes the report not ``ok``.

    >>> import budapest_coop as bc
    >>> report = bc.validate(bc.PreservationRequest(preservation_days=30), locale="fr")
    >>> finding = next(f for f in report.errors if f.code == "PRES-05")
    >>> str(finding.citation), finding.path
    ('ETS 185 Art. 29(2)(e)', 'necessity')
    >>> finding.message
    "La demande n'explique pas pourquoi la conservation est nécessaire."
    """
    kind = getattr(type(request), "KIND", None)
    ruleset = rules if rules is not None else default_rules()
    table = ruleset.for_kind(kind) if isinstance(kind, str) else ()
    if not table and kind not in ("preservation-request", "subscriber-information-request", "preservation-order"):
        raise TypeError(f"cannot validate {type(request).__name__}; expected a request or a preservation order")
    day = today if today is not None else dt.date.today()
    rule_errors: list[RuleError] = []
    context = Context(
        today=day, on=getattr(request, "date", None) or day, locale=locale, authority_max_age=authority_max_age
    )
    if kind != "preservation-order":
        try:
            party_registry = registry if registry is not None else default_registry()
            if party_registry is not None:
                context.registry = party_registry
                requested = request.requested_party or (
                    request.requested_authority.country if request.requested_authority else None
                )
                requesting = request.requesting_party or (
                    request.requesting_authority.country if request.requesting_authority else None
                )
                context.requested, context.requested_unknown = _lookup(party_registry, requested)
                context.requesting, context.requesting_unknown = _lookup(party_registry, requesting)
        except Exception as exc:  # a broken registry disables party-aware rules, visibly
            context.registry = context.requested = context.requesting = None
            rule_errors.append(RuleError(code="registry", error=f"{type(exc).__name__}: {exc}"))
    findings: list[Finding] = []
    for rule in table:
        try:
            found = rule.check(request, context)
            if found:
                findings.extend(_checked(found))
        except Exception as exc:
            rule_errors.append(RuleError(code=rule.code, error=f"{type(exc).__name__}: {exc}"))
    return ValidationReport(
        kind=kind,  # type: ignore[arg-type]
        reference=getattr(request, "reference", None),
        findings=tuple(findings),
        locale=locale,
        plugin_errors=ruleset.plugin_errors,
        rule_errors=tuple(rule_errors),
    )
