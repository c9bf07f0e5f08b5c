"""Sets of rules: the built-in ones, plugins found through entry points, and explicit additions."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from importlib import metadata
from typing import Any

import attrs

from budapest_coop.typing import Rule
from budapest_coop.validation._report import PluginError
from budapest_coop.validation._rule import KINDS

__all__ = ["ENTRY_POINT_GROUP", "RuleSet", "default_rules"]

#: The entry point group through which installed packages add rules.
ENTRY_POINT_GROUP = "budapest_coop.rules"

_REQUIRED = ("code", "kinds", "severity", "citation", "status", "summary", "fix", "check")


def rule_problem(candidate: Any) -> str | None:
    """Why *candidate* is not a usable rule, or None if it is one."""
    missing = [name for name in _REQUIRED if not hasattr(candidate, name)]
    if missing:
        return f"{type(candidate).__name__} object is not a rule (lacks {', '.join(missing)})"
    code = candidate.code
    if not isinstance(code, str) or not code:
        return f"rule code must be a non-empty string, got {code!r}"
    kinds = candidate.kinds
    if not isinstance(kinds, tuple) or not kinds or not all(k in KINDS for k in kinds):
        return f"rule {code}: kinds must be a non-empty tuple of {', '.join(KINDS)}; got {kinds!r}"
    if not callable(candidate.check):
        return f"rule {code}: check is not callable"
    return None


def _as_rules(loaded: object) -> list[Any]:
    """A loaded entry point is a rule or an iterable of rules."""
    if rule_problem(loaded) is None:
        return [loaded]
    if isinstance(loaded, str | bytes) or not isinstance(loaded, Iterable):
        problem = rule_problem(loaded)
        raise TypeError(problem or "not a rule")
    return list(loaded)


def _plugin_rules(point: metadata.EntryPoint, codes: set[str]) -> list[Rule]:
    """The rules of one entry point, checked; raises on any problem."""
    candidates = _as_rules(point.load())
    for candidate in candidates:
        problem = rule_problem(candidate)
        if problem is not None:
            raise TypeError(problem)
    clash = [c.code for c in candidates if c.code in codes]
    if clash or len({c.code for c in candidates}) != len(candidates):
        raise ValueError(f"rule code already registered: {', '.join(clash) or 'duplicate within plugin'}")
    return candidates


@attrs.frozen(kw_only=True)
class RuleSet:
    """An immutable set of rules, with a precomputed table of the rules of each request kind.

    Build one with :meth:`builtin` (the rules of budapest_coop), :meth:`discover` (those plus
    every plugin of the entry point group ``budapest_coop.rules``), and extend it with
    :meth:`with_rules` (explicit registration, for systems that forbid discovery) or
    :meth:`without` (to drop or replace a rule). Pass it to ``validate(..., rules=...)``.

    >>> from budapest_coop.validation import RuleSet
    >>> rules = RuleSet.builtin()
    >>> "PRES-08" in rules.codes and "GEN-14" not in rules.codes
    True
    >>> len(rules.without("GEN-02").codes) == len(rules.codes) - 1
    True
    """

    rules: tuple[Rule, ...] = ()
    plugin_errors: tuple[PluginError, ...] = ()
    _tables: Mapping[str, tuple[Rule, ...]] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        codes: set[str] = set()
        for candidate in self.rules:
            problem = rule_problem(candidate)
            if problem is not None:
                raise TypeError(problem)
            if candidate.code in codes:
                raise ValueError(f"two rules have the code {candidate.code!r}; use without() to replace a rule")
            codes.add(candidate.code)
        tables = {kind: tuple(r for r in self.rules if kind in r.kinds) for kind in KINDS}
        object.__setattr__(self, "_tables", tables)

    @classmethod
    def builtin(cls) -> RuleSet:
        """The rules shipped with budapest_coop."""
        from budapest_coop.validation.rules import BUILTIN

        return cls(rules=BUILTIN)

    @classmethod
    def discover(
        cls,
        base: RuleSet | None = None,
        *,
        group: str = ENTRY_POINT_GROUP,
        entry_points: Callable[..., Iterable[metadata.EntryPoint]] | None = None,
    ) -> RuleSet:
        """*base* (default: the built-in rules) plus the rules of every installed plugin.

        Each entry point of *group* names a rule or an iterable of rules. Each plugin is
        loaded on its own: one that fails to import, is not a rule, or reuses a known code is
        recorded in ``plugin_errors`` and skipped; the others are kept. *entry_points* stands
        in for :func:`importlib.metadata.entry_points` (called with ``group=``), for tests.
        """
        start = base if base is not None else cls.builtin()
        rules: list[Rule] = list(start.rules)
        codes = {r.code for r in rules}
        errors = list(start.plugin_errors)
        try:
            found = list((entry_points or metadata.entry_points)(group=group))
        except Exception as exc:  # a broken installation must not stop validation
            return cls(
                rules=tuple(rules), plugin_errors=(*errors, PluginError(plugin="*", target=group, error=repr(exc)))
            )
        for point in sorted(found, key=lambda p: p.name):
            try:
                candidates = _plugin_rules(point, codes)
            except Exception as exc:
                errors.append(PluginError(plugin=point.name, target=point.value, error=f"{type(exc).__name__}: {exc}"))
                continue
            rules.extend(candidates)
            codes.update(c.code for c in candidates)
        return cls(rules=tuple(rules), plugin_errors=tuple(errors))

    def with_rules(self, *rules: Rule) -> RuleSet:
        """A copy with *rules* added after the existing ones (explicit registration)."""
        return attrs.evolve(self, rules=(*self.rules, *rules))

    def without(self, *codes: str) -> RuleSet:
        """A copy without the rules of these codes."""
        drop = set(codes)
        return attrs.evolve(self, rules=tuple(r for r in self.rules if r.code not in drop))

    def for_kind(self, kind: str) -> tuple[Rule, ...]:
        """The rules that apply to requests of *kind*, in order."""
        return self._tables.get(kind, ())

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the rules, in order."""
        return tuple(r.code for r in self.rules)

    def rule(self, code: str) -> Rule:
        """The rule with *code*; :class:`KeyError` if there is none."""
        for candidate in self.rules:
            if candidate.code == code:
                return candidate
        raise KeyError(f"no rule {code!r}")


_LOCK = threading.Lock()
_DEFAULT: list[RuleSet] = []


def default_rules() -> RuleSet:
    """The built-in rules plus installed plugins, discovered once per process."""
    if _DEFAULT:
        return _DEFAULT[0]
    with _LOCK:
        if not _DEFAULT:
            _DEFAULT.append(RuleSet.discover())
        return _DEFAULT[0]
