"""Complete example documents of every kind, with fictional case data (a ransomware case).

>>> from budapest_coop import examples
>>> examples.load("preservation-request").reference
'PL-CYBER-2026-00417'
"""

from __future__ import annotations

from importlib import resources

from budapest_coop.wire import KINDS, WireObject, loads

__all__ = ["KINDS", "load", "text"]


def text(kind: str) -> str:
    """The example document of *kind* in the wire format, indented (as ``budapest-coop example`` prints it)."""
    if kind not in KINDS:
        raise KeyError(f"no example of kind {kind!r}; kinds: {', '.join(KINDS)}")
    return (resources.files(__name__) / f"{kind}.json").read_text(encoding="utf-8")


def load(kind: str) -> WireObject:
    """The example document of *kind* as a domain object."""
    return loads(text(kind), source=f"example {kind}")
