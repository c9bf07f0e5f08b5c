"""Helpers for people who extend budapest_coop: plugin authors and integrators.

Each helper lives in a private module of this package and is re-exported here.

- :class:`FakeRegistry` and :class:`FakeParty`: the smallest objects that satisfy the
  :class:`~budapest_coop.typing.PartyRegistry` protocol, held in memory, to test party-aware
  rules and plugins without the shipped data.
- :func:`make_party` and :func:`make_registry`: real :class:`~budapest_coop.registry.Party`
  and :class:`~budapest_coop.registry.Registry` values with exactly the status, reservations
  and declarations a test needs, when code uses more of the registry than the protocol.
"""

from budapest_coop.testing._fakes import FakeParty, FakeRegistry
from budapest_coop.testing._registry import make_party, make_registry
from budapest_coop.testing._render import INJECTION, check_renderer, injection_request

__all__: list[str] = [
    "INJECTION",
    "FakeParty",
    "FakeRegistry",
    "check_renderer",
    "injection_request",
    "make_party",
    "make_registry",
]
