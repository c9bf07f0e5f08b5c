"""Helpers for people who extend budapest_coop: plugin authors and integrators.

Each helper lives in a private module of this package and is re-exported here.
"""

from budapest_coop.testing._render import INJECTION, check_renderer, injection_request

__all__: list[str] = ["INJECTION", "check_renderer", "injection_request"]
