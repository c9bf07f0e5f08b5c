"""Helpers for people who extend budapest_coop: plugin authors and integrators.

Each helper lives in a private module of this package and is re-exported here.
"""

from budapest_coop.testing._registry import make_party, make_registry

__all__: list[str] = ["make_party", "make_registry"]
