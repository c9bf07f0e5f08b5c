"""Helpers for people who extend budapest_coop: plugin authors and integrators.

Each helper lives in a private module of this package and is re-exported here.
"""

__all__: list[str] = []
