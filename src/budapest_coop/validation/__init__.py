"""Validation: rules that say what a request lacks, where, and which article requires it.

>>> import budapest_coop as bc
>>> from budapest_coop import examples
>>> report = bc.validate(examples.load("preservation-request"))
>>> report.ok
True
>>> "ID-02" in report.codes  # the example uses documentation addresses such as 198.51.100.23
True

Rules are plain functions with metadata (:func:`rule`), registered per request kind. A
national package adds rules through the entry point group ``budapest_coop.rules``, or a
system that forbids discovery passes ``rules=RuleSet.builtin().with_rules(...)``.
"""

from __future__ import annotations

from budapest_coop.validation._finding import Finding, Severity, Term
from budapest_coop.validation._report import PluginError, RuleError, ValidationReport
from budapest_coop.validation._rule import KINDS, Context, FunctionRule, rule
from budapest_coop.validation._ruleset import ENTRY_POINT_GROUP, RuleSet, default_rules
from budapest_coop.validation._validate import default_registry, validate

__all__ = [
    "ENTRY_POINT_GROUP",
    "KINDS",
    "Context",
    "Finding",
    "FunctionRule",
    "PluginError",
    "RuleError",
    "RuleSet",
    "Severity",
    "Term",
    "ValidationReport",
    "default_registry",
    "default_rules",
    "rule",
    "validate",
]
