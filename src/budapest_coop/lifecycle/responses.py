"""What the requested side answered: Art. 30 disclosures and the new requests they call for."""

from __future__ import annotations

import attrs

from budapest_coop.model import (
    PreservationRequest,
    PreservationStatus,
    Transmission,
    TransmissionChannel,
)
from budapest_coop.model.case import CaseFile, LinkKind

__all__ = ["DisclosureProposal", "disclosure_proposals"]


@attrs.frozen(kw_only=True)
class DisclosureProposal:
    """A new preservation request to the State of a provider revealed by an Art. 30 disclosure.

    ``prompted_by`` is the id of the case entry whose execution disclosed the provider. Add
    the request to the case with ``case.add(new_id, proposal.request)`` and link it with
    ``LinkKind.PROMPTED_BY_DISCLOSURE``.
    """

    prompted_by: str
    request: PreservationRequest


def disclosure_proposals(case: CaseFile) -> tuple[DisclosureProposal, ...]:
    """Preservation requests to propose after Art. 30 disclosures that named providers in a third State.

    ETS 185 Art. 30(1): while preserving traffic data, the requested Party discloses enough of
    it to identify a service provider in another State that took part in the transmission.
    For each such provider whose State is neither the requested nor the requesting Party,
    and that no entry of the case already addresses (a request prompted by the same
    disclosure, to the same State and provider), this proposes a new preservation request:
    the original's offences, facts, identifiers and data, addressed to the provider's State
    through its 24/7 point of contact (Art. 35(1)(b)), with the provider as custodian. It is
    a draft: date, reference, requested authority and signature are left for the user.
    """
    proposals: list[DisclosureProposal] = []
    for entry in case.entries:
        original = entry.request
        if not isinstance(original, PreservationRequest):
            continue
        already = {
            (e.request.requested_party, e.request.custodian.name.casefold() if e.request.custodian else None)
            for e in case.linked_to(entry.id, LinkKind.PROMPTED_BY_DISCLOSURE)
            if isinstance(e.request, PreservationRequest)
        }
        for event in case.events_of(entry.id):
            if event.disclosure is None:
                continue
            for provider in event.disclosure.providers:
                country = provider.country
                if country is None or country in (original.requested_party, original.requesting_party):
                    continue
                key = (country, provider.name.casefold())
                if key in already:
                    continue
                already.add(key)
                transmission = (
                    attrs.evolve(original.transmission, channel=TransmissionChannel.POINT_OF_CONTACT_24_7)
                    if original.transmission
                    else Transmission(channel=TransmissionChannel.POINT_OF_CONTACT_24_7)
                )
                request = attrs.evolve(
                    original,
                    status=PreservationStatus.NEW,
                    previous_request=None,
                    date=None,
                    requested_party=country,
                    requested_authority=None,
                    custodian=provider,
                    system_location=None,
                    system_location_country=country,
                    no_custodian_information=False,
                    transmission=transmission,
                    signatory=attrs.evolve(original.signatory, date=None) if original.signatory else None,
                )
                proposals.append(DisclosureProposal(prompted_by=entry.id, request=request))
    return tuple(proposals)
