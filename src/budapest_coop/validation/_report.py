"""The result of validating one request."""

from __future__ import annotations

from typing import Any

import attrs

from budapest_coop.validation._finding import Finding, Severity

__all__ = ["PluginError", "RuleError", "ValidationReport"]


@attrs.frozen(kw_only=True)
class PluginError:
    """A rule plugin (entry point of group ``budapest_coop.rules``) that could not be loaded.

    Its rules did not run; the other rules did.
    """

    plugin: str
    target: str
    error: str

    def to_dict(self) -> dict[str, str]:
        return {"plugin": self.plugin, "target": self.target, "error": self.error}

    def __str__(self) -> str:
        return f"rule plugin {self.plugin!r} ({self.target}) not loaded: {self.error}"


@attrs.frozen(kw_only=True)
class RuleError:
    """A rule that raised instead of returning findings, or returned something else than findings.

    The check it stands for did not happen, so a report with rule errors is not ``ok``.
    """

    code: str
    error: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "error": self.error}

    def __str__(self) -> str:
        return f"rule {self.code} failed: {self.error}"


@attrs.frozen(kw_only=True)
class ValidationReport:
    """Every finding about one request, and whether it may be sent.

    ``ok`` is true when no finding is an error and every rule ran. Findings keep the order
    of the rules (roughly the order of the template sections).

    >>> import budapest_coop as bc
    >>> report = bc.validate(bc.PreservationRequest(reference="CC-2026-0042", preservation_days=30))
    >>> report.ok
    False
    >>> [(f.code, f.path, str(f.citation)) for f in report.errors if f.code == "PRES-08"]
    [('PRES-08', 'preservation_days', 'ETS 185 Art. 29(7)')]
    """

    kind: str
    reference: str | None
    findings: tuple[Finding, ...]
    locale: str = "en"
    plugin_errors: tuple[PluginError, ...] = ()
    rule_errors: tuple[RuleError, ...] = ()

    @property
    def ok(self) -> bool:
        """True when there is no error finding and no rule failed."""
        return not self.rule_errors and all(f.severity is not Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings that block the request."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings worth fixing that do not block the request."""
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        """Remarks and reminders."""
        return tuple(f for f in self.findings if f.severity is Severity.INFO)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the findings, in order (a code appears once per finding)."""
        return tuple(f.code for f in self.findings)

    def localized(self, locale: str) -> ValidationReport:
        """The same report with every message in *locale*."""
        return attrs.evolve(self, locale=locale, findings=tuple(f.localized(locale) for f in self.findings))

    def to_text(self, *, source: str | None = None, width: int = 100) -> str:
        """The report as text for people, findings grouped by template section (see the CLI)."""
        from budapest_coop.validation._text import format_report

        return format_report(self, source=source, width=width)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with a stable layout.

        The keys::

            {"kind", "reference", "ok", "locale",
             "counts": {"error", "warning", "info"},
             "findings": [{"code", "severity", "citation", "path", "message"}, ...],
             "plugin_errors": [{"plugin", "target", "error"}], "rule_errors": [{"code", "error"}]}
        """
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return {
            "kind": self.kind,
            "reference": self.reference,
            "ok": self.ok,
            "locale": self.locale,
            "counts": counts,
            "findings": [f.to_dict() for f in self.findings],
            "plugin_errors": [e.to_dict() for e in self.plugin_errors],
            "rule_errors": [e.to_dict() for e in self.rule_errors],
        }
