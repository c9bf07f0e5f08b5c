"""The life of a case: deadlines, extensions and follow-ups, responses, duplicates.

The case file itself (:class:`~budapest_coop.CaseFile`) is a domain value in
``budapest_coop.model``; this package computes what follows from it.
"""

from budapest_coop.lifecycle.calendar import to_data, to_ical
from budapest_coop.lifecycle.deadlines import (
    CustomPeriod,
    Deadline,
    DeadlineKind,
    DeadlinePolicy,
    DeadlineStatus,
    deadlines,
)
from budapest_coop.lifecycle.responses import DisclosureProposal, disclosure_proposals

__all__ = [
    "CustomPeriod",
    "Deadline",
    "DeadlineKind",
    "DeadlinePolicy",
    "DeadlineStatus",
    "DisclosureProposal",
    "deadlines",
    "disclosure_proposals",
    "to_data",
    "to_ical",
]
