"""Parties to the instruments, their reservations and declarations, authorities, and routing advice.

The data ships with the package (``registry/data/``, see its README) and is read on first
use, once. Every value carries its provenance: the keys of the sources it was read in, a
confidence grade (verified, secondary, unverified) and the date the data describes.

>>> import datetime as dt
>>> from budapest_coop.registry import Registry
>>> registry = Registry.default()
>>> nz = registry.party("NZ")
>>> nz.status("ETS185", on=dt.date(2025, 11, 1)), nz.status("ETS185", on=dt.date(2025, 12, 1))
('ratified', 'party')
>>> registry.party("US").has_declaration("ETS185:27(9)(e)")
True
"""

from budapest_coop.registry._authorities import (
    DEFAULT_MAX_AGE,
    DIRECTORY_COLUMNS,
    DIRECTORY_FORMAT,
    AuthorityRecord,
    DirectoryLoad,
    load_directory,
)
from budapest_coop.registry._dates import ETS185_IN_FORCE, PartialDate, ets185_entry_into_force
from budapest_coop.registry._parties import (
    FIELDS,
    Confidence,
    Coverage,
    Entry,
    InstrumentRecord,
    Party,
    Source,
    Status,
)
from budapest_coop.registry._provisions import INSTRUMENT_KEYS, PERMITTED, EntryKind, Permission, permission
from budapest_coop.registry._registry import Registry
from budapest_coop.registry._routing import Basis, RouteOption

__all__ = [
    "DEFAULT_MAX_AGE",
    "DIRECTORY_COLUMNS",
    "DIRECTORY_FORMAT",
    "ETS185_IN_FORCE",
    "FIELDS",
    "INSTRUMENT_KEYS",
    "PERMITTED",
    "AuthorityRecord",
    "Basis",
    "Confidence",
    "Coverage",
    "DirectoryLoad",
    "Entry",
    "EntryKind",
    "InstrumentRecord",
    "PartialDate",
    "Party",
    "Permission",
    "Registry",
    "RouteOption",
    "Source",
    "Status",
    "ets185_entry_into_force",
    "load_directory",
    "permission",
]
