"""Helpers for people who extend budapest_coop: plugin authors and integrators.

Each helper lives in a private module of this package and is re-exported here.

- :class:`FakeRegistry` and :class:`FakeParty`: a registry of Parties held in memory, to test
  party-aware rules without the shipped data.
"""

from budapest_coop.testing._registry import FakeParty, FakeRegistry

__all__: list[str] = ["FakeParty", "FakeRegistry"]
