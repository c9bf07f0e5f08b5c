"""Which section of the request a finding's field belongs to, for reports grouped like the templates.

Sections 1-7 (preservation, T-CY(2018)11) and 1-11 (subscriber information, T-CY(2018)10) are
the templates' own; the sections after them are derived from the Convention and carry no
number.

>>> from budapest_coop.validation.sections import section_of
>>> section_of("preservation-request", "requesting_authority.phone").label()
'T-CY(2018)11 §5 Requesting authority'
>>> section_of("preservation-request", "necessity").label("fr")
'Nécessité de la conservation'
"""

from __future__ import annotations

import re

import attrs

from budapest_coop import i18n
from budapest_coop.validation._finding import DOMAIN

__all__ = ["Section", "section_of", "sections"]


@attrs.frozen
class Section:
    """A section of a request: its template citation (None for derived sections) and title."""

    citation: str | None
    title: str
    fields: tuple[str, ...]
    order: int

    def label(self, locale: str = "en") -> str:
        """The section as shown to people, in *locale*: ``T-CY(2018)11 §5 Requesting authority``."""
        title = self.title if locale == "en" else i18n.gettext(DOMAIN, locale, self.title)
        return f"{self.citation} {title}" if self.citation else title


_COMMON_HEAD = (
    ("§1", "Date", ("date",)),
    ("§2", "Reference / case number", ("reference",)),
    ("§4", "Requested authority", ("requested_authority", "requested_party")),
    ("§5", "Requesting authority", ("requesting_authority", "requesting_party", "response_preference")),
    ("§6", "Contact for confirmation", ("confirmation_contact",)),
    ("§7", "Investigative or operational authority", ("operational_authority",)),
)
_TAIL = (
    (
        None,
        "Urgency, confidentiality and transmission",
        (
            "urgency",
            "urgency_reasons",
            "keep_confidential",
            "do_not_notify_subscriber",
            "transmission",
            "languages",
        ),
    ),
    (None, "Signature and other information", ("signatory", "additional_information")),
)
_LAYOUT: dict[str, tuple[tuple[str | None, str, tuple[str, ...]], ...]] = {
    "preservation-request": (
        *_COMMON_HEAD[:2],
        ("§3", "Request status", ("status", "previous_request")),
        *_COMMON_HEAD[2:],
        (None, "Offence and facts", ("scope_basis", "legal_basis", "offences", "facts")),
        (
            None,
            "Data to be preserved",
            (
                "identifiers",
                "data_categories",
                "data_description",
                "period",
                "relationship_to_offence",
                "art30_disclosure_requested",
            ),
        ),
        (
            None,
            "Custodian and location of the data",
            (
                "custodian",
                "system_location",
                "system_location_country",
                "no_custodian_information",
            ),
        ),
        (None, "Necessity of preservation", ("necessity",)),
        (None, "Mutual assistance request to follow", ("intent_to_submit_mla", "intended_measures")),
        (None, "Preservation period", ("preservation_days",)),
        *_TAIL,
    ),
    "subscriber-information-request": (
        *_COMMON_HEAD[:2],
        ("§3", "Request status", ("status",)),
        *_COMMON_HEAD[2:],
        ("§8", "Prosecution office or court in charge", ("prosecution_office", "court", "judicial_decisions")),
        ("§9", "Previous mutual assistance request", ("previous_mla",)),
        ("§10", "Previous preservation request", ("previous_preservation",)),
        ("§11", "Domestic legal basis", ("domestic_legal_basis",)),
        (None, "Offence and facts", ("scope_basis", "legal_basis", "offences", "facts")),
        (
            None,
            "Subscriber information sought",
            (
                "identifiers",
                "subscriber_information",
                "source_is_service_agreement",
                "data_categories",
                "period",
                "relationship_to_offence",
            ),
        ),
        (None, "Service provider", ("custodian",)),
        (None, "Measures and expedition", ("measures", "expedite_reason", "expedite_justification")),
        (None, "Procedures and use of the data", ("requested_procedures", "purpose")),
        *_TAIL,
    ),
    "preservation-order": (
        (
            None,
            "Preservation order",
            (
                "reference",
                "request_reference",
                "requesting_party",
                "issuing_authority",
                "custodian",
                "issued_at",
                "days",
                "identifiers",
                "data_categories",
                "period",
                "keep_confidential",
                "art30_disclosure_requested",
            ),
        ),
    ),
}
_TEMPLATE = {"preservation-request": "T-CY(2018)11", "subscriber-information-request": "T-CY(2018)10"}
_OTHER_TITLE = "Other"
_FIELD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*")


def _build() -> dict[str, tuple[tuple[Section, ...], dict[str, Section]]]:
    out = {}
    for kind, layout in _LAYOUT.items():
        template = _TEMPLATE.get(kind)
        built = tuple(
            Section(f"{template} {number}" if number and template else None, title, fields, order)
            for order, (number, title, fields) in enumerate(layout)
        )
        out[kind] = (built, {name: section for section in built for name in section.fields})
    return out


_SECTIONS = _build()


def sections(kind: str) -> tuple[Section, ...]:
    """The sections of a request of *kind*, in order."""
    return _SECTIONS[kind][0] if kind in _SECTIONS else ()


def section_of(kind: str, path: str) -> Section:
    """The section the field at *path* (``identifiers[2].port``) belongs to; "Other" if none."""
    match = _FIELD.match(path)
    by_field = _SECTIONS[kind][1] if kind in _SECTIONS else {}
    found = by_field.get(match.group()) if match else None
    return found if found is not None else Section(None, _OTHER_TITLE, (), 10_000)


#: Every section title (message ids of the ``validation`` catalog).
TITLES: tuple[str, ...] = tuple(
    dict.fromkeys([title for layout in _LAYOUT.values() for _, title, _ in layout] + [_OTHER_TITLE])
)
