"""The life of a case: deadlines, extensions and follow-ups, responses, duplicates.

The case file itself (:class:`~budapest_coop.CaseFile`) is a domain value in
``budapest_coop.model``; this package computes what follows from it.
"""

from budapest_coop.lifecycle.calendar import to_data, to_ical
from budapest_coop.lifecycle.checks import CaseReport, Duplicate, check_case, check_responses, duplicates
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
    "CaseReport",
    "CustomPeriod",
    "Deadline",
    "DeadlineKind",
    "DeadlinePolicy",
    "DeadlineStatus",
    "DisclosureProposal",
    "Duplicate",
    "check_case",
    "check_responses",
    "deadlines",
    "disclosure_proposals",
    "duplicates",
    "to_data",
    "to_ical",
]
