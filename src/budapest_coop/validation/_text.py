"""A validation report as plain text for people, grouped by the sections of the template."""

from __future__ import annotations

import textwrap

from budapest_coop import i18n
from budapest_coop.validation._finding import DOMAIN, Severity
from budapest_coop.validation._report import ValidationReport
from budapest_coop.validation.sections import Section, section_of

__all__ = ["LABELS", "format_report"]

_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
_OK = "no error"
_NOT_OK = "not ready to send"
_COUNTS = "%(errors)s error(s), %(warnings)s warning(s), %(infos)s info(s)"
_NO_FINDINGS = "No findings."
_PLUGIN = "Rule plugin not loaded: %(plugin)s (%(error)s)"
_RULE = "Rule %(code)s could not run: %(error)s"
_NO_REFERENCE = "(no reference)"

#: Message ids of the text layout (part of the ``validation`` catalog).
LABELS: tuple[str, ...] = (*_SEVERITY.values(), _OK, _NOT_OK, _COUNTS, _NO_FINDINGS, _PLUGIN, _RULE, _NO_REFERENCE)


def _t(locale: str, msgid: str) -> str:
    return msgid if locale == "en" else i18n.gettext(DOMAIN, locale, msgid)


def format_report(report: ValidationReport, *, source: str | None = None, width: int = 100) -> str:
    """*report* as text: a heading line, then the findings grouped by template section.

    Each finding shows its severity, code, field path, message and citation, in the
    report's locale.
    """
    locale = report.locale
    counts = _t(locale, _COUNTS) % {
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "infos": len(report.infos),
    }
    verdict = _t(locale, _OK) if report.ok else _t(locale, _NOT_OK)
    head = f"{source}: " if source else ""
    reference = report.reference or _t(locale, _NO_REFERENCE)
    lines = [f"{head}{report.kind} {reference}: {verdict} ({counts})"]
    for error in report.plugin_errors:
        lines.append("  " + _t(locale, _PLUGIN) % {"plugin": error.plugin, "error": error.error})
    for failure in report.rule_errors:
        lines.append("  " + _t(locale, _RULE) % {"code": failure.code, "error": failure.error})
    if not report.findings:
        lines.append("  " + _t(locale, _NO_FINDINGS))
        return "\n".join(lines) + "\n"
    grouped: dict[int, list[int]] = {}
    sections: dict[int, Section] = {}
    for index, finding in enumerate(report.findings):
        section = section_of(report.kind, finding.path)
        sections[section.order] = section
        grouped.setdefault(section.order, []).append(index)
    for order in sorted(grouped):
        lines.append(f"  {sections[order].label(locale)}")
        for index in grouped[order]:
            finding = report.findings[index]
            severity = _t(locale, _SEVERITY[finding.severity])
            lines.append(f"    {severity} {finding.code} {finding.path or '-'}")
            cited = f" [{finding.citation}]".replace(" ", "\xa0") if finding.citation is not None else ""
            wrapped = textwrap.wrap(
                finding.message + cited, width=width, initial_indent=" " * 6, subsequent_indent=" " * 6
            )
            lines += [line.replace("\xa0", " ") for line in wrapped]
    return "\n".join(lines) + "\n"
