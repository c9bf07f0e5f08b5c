"""Reading the data files shipped in ``budapest_coop/registry/data/``."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

__all__ = ["AUTHORITIES_FILE", "PARTIES_FILE", "PARTIES_FORMAT", "read_shipped"]

PARTIES_FILE = "parties.json"
AUTHORITIES_FILE = "authorities.json"
#: The ``format`` value of the parties data file.
PARTIES_FORMAT = "budapest-coop-parties"


def read_shipped() -> tuple[dict[str, Any], dict[str, Any]]:
    """The parsed parties and authorities data files of the package."""
    folder = resources.files("budapest_coop.registry") / "data"
    parties = json.loads((folder / PARTIES_FILE).read_text(encoding="utf-8"))
    authorities = json.loads((folder / AUTHORITIES_FILE).read_text(encoding="utf-8"))
    return parties, authorities
