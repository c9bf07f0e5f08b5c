"""Routing advice: channels, recipients, legal basis, conditions and what each option rests on."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings

import budapest_coop as bc
from budapest_coop import examples
from budapest_coop.errors import InvalidValueError, UnknownPartyError
from budapest_coop.registry import Confidence, Registry, RouteOption
from tests.strategies import requests

REGISTRY = Registry.default()
DAY = dt.date(2026, 3, 4)
Channel = bc.TransmissionChannel


def _mla(**changes: object) -> bc.SubscriberInformationRequest:
    request = examples.load("subscriber-information-request")
    assert isinstance(request, bc.SubscriberInformationRequest)
    return attrs.evolve(request, **changes)


def _preservation(**changes: object) -> bc.PreservationRequest:
    request = examples.load("preservation-request")
    assert isinstance(request, bc.PreservationRequest)
    return attrs.evolve(request, **changes)


def test_preservation_goes_to_the_24_7_point_of_contact_first() -> None:
    """Preservation: the requested Party's 24/7 point of contact (Art. 35(1)(b)), else its central authority."""
    options = REGISTRY.route(_preservation(requested_party="NO"), today=DAY)
    assert [o.channel for o in options] == [Channel.POINT_OF_CONTACT_24_7, Channel.CENTRAL_AUTHORITY]
    contact, central = options
    assert str(contact.legal_basis) == "ETS 185 Art. 35(1)(b)"
    assert [r.id for r in contact.recipients] == ["no-kripos"]
    assert str(central.legal_basis) == "ETS 185 Art. 27(2)"
    assert [r.id for r in central.recipients] == ["no-riksadvokaten"]
    assert any("Art. 27(1)" in c for c in central.conditions)


def test_mla_goes_to_the_central_authority_with_the_treaty_caveat() -> None:
    """An Art. 31 request: central authority (Art. 27(2)), noting Art. 27 applies only absent a treaty (27(1))."""
    options = REGISTRY.route(_mla(requested_party="PL", urgency="routine"), today=DAY)
    assert [o.channel for o in options] == [Channel.CENTRAL_AUTHORITY]
    (central,) = options
    assert {r.id for r in central.recipients} == {"pl-prosecutor-general", "pl-ministry-of-justice"}
    assert any("Art. 27(1)" in c for c in central.conditions)
    assert central.rests_on[0].confidence is Confidence.VERIFIED
    assert central.rests_on[0].source == ("ets185-text",)


def test_urgent_mla_adds_direct_judicial_with_mandatory_copy_and_interpol() -> None:
    """Urgent: direct judicial transmission with a copy to the central authority (27(9)(a)), and Interpol (27(9)(b))."""
    options = REGISTRY.route(_mla(requested_party="AL", urgency="urgent"), today=DAY)
    assert [o.channel for o in options] == [Channel.CENTRAL_AUTHORITY, Channel.DIRECT_JUDICIAL, Channel.INTERPOL]
    direct = options[1]
    assert direct.copy_required is True
    assert [r.id for r in direct.copy_to] == ["al-ministry-of-justice"]
    assert str(direct.legal_basis) == "ETS 185 Art. 27(9)(a)"
    assert any("copy" in c and "Art. 27(9)(a)" in c for c in direct.conditions)
    declaration = [b for b in direct.rests_on if "27(9)(e)" in b.statement]
    assert declaration
    assert declaration[0].confidence is Confidence.UNVERIFIED
    assert direct.confidence is Confidence.UNVERIFIED
    assert [r.id for r in options[2].recipients] == ["al-interpol-ncb-tirana"]


def test_a_27_9_e_declaration_removes_the_direct_channels() -> None:
    """The US declared under Art. 27(9)(e): urgent requests go to its central authority only, and the option says so."""
    options = REGISTRY.route(_mla(requested_party="US", urgency="urgent"), today=DAY)
    assert [o.channel for o in options] == [Channel.CENTRAL_AUTHORITY]
    assert any("27(9)(e)" in c for c in options[0].conditions)
    assert any("declared under ETS 185 Art. 27(9)(e)" in b.statement for b in options[0].rests_on)


def test_non_coercive_request_may_go_between_competent_authorities() -> None:
    """Without coercive action the request may go directly between competent authorities (27(9)(d))."""
    transmission = bc.Transmission(coercive_action=False)
    options = REGISTRY.route(_mla(requested_party="AL", urgency="routine", transmission=transmission), today=DAY)
    assert [o.channel for o in options] == [Channel.CENTRAL_AUTHORITY, Channel.DIRECT_COMPETENT_AUTHORITY]
    assert str(options[1].legal_basis) == "ETS 185 Art. 27(9)(d)"


def test_no_route_before_the_requested_state_is_a_party() -> None:
    """No Convention channel to New Zealand before 2025-12-01; the channels exist from that day."""
    request = _mla(requested_party="NZ")
    assert REGISTRY.route(request, today=dt.date(2025, 11, 30)) == ()
    assert REGISTRY.route(request, today=dt.date(2025, 12, 1))


def test_directory_records_become_recipients_and_their_provenance_is_shown(tmp_path: object) -> None:
    """A private directory's records are the recipients, and each is named among the facts relied on."""
    record = bc.AuthorityRecord(
        id="nz-poc",
        country="NZ",
        name=bc.LocalizedText.of("NZ Police 24/7"),
        roles=[bc.Role.POINT_OF_CONTACT_24_7],
        source=("ministry directory",),
        confidence="secondary",
    )
    registry = REGISTRY.with_authorities([record])
    contact = registry.route(_preservation(requested_party="NZ"), today=DAY)[0]
    assert contact.recipients == (record,)
    facts = [b for b in contact.rests_on if "nz-poc" in b.statement]
    assert facts[0].confidence is Confidence.SECONDARY
    assert "never verified" in facts[0].statement
    assert contact.confidence is Confidence.SECONDARY


def test_missing_recipients_say_where_to_look() -> None:
    """When the directory knows no recipient, the option says so instead of inventing one."""
    contact = REGISTRY.route(_preservation(requested_party="FR", requesting_party="NO"), today=DAY)[0]
    assert contact.recipients == ()
    assert any("24/7 directory" in c for c in contact.conditions)
    assert contact.summary.endswith("recipient not in the directory")


def test_other_legal_basis_is_flagged() -> None:
    """A legal basis other than the Convention is pointed out: its own channel may apply instead."""
    request = _mla(
        requested_party="PL", urgency="routine", legal_basis=["ETS 185 Art. 31", "Bilateral MLA treaty FR-PL 2001"]
    )
    (central,) = REGISTRY.route(request, today=DAY)
    assert any("Bilateral MLA treaty FR-PL 2001" in c for c in central.conditions)


def test_route_needs_a_known_requested_party() -> None:
    """A request without a requested Party, or with one the registry lacks, is refused clearly."""
    with pytest.raises(InvalidValueError, match="requested_party"):
        REGISTRY.route(_mla(requested_party=None), today=DAY)
    with pytest.raises(UnknownPartyError, match="'AQ'"):
        REGISTRY.route(_mla(requested_party="AQ"), today=DAY)


def test_route_option_to_dict_is_json_data() -> None:
    """Each option turns into JSON data with its channel, citation, recipients and facts."""
    data = REGISTRY.route(_preservation(requested_party="NO"), today=DAY)[0].to_dict()
    assert data["channel"] == "24/7-point-of-contact"
    assert data["legal_basis"] == "ETS 185 Art. 35(1)(b)"
    assert data["recipients"][0]["id"] == "no-kripos"
    assert {"statement", "confidence", "source"} == set(data["rests_on"][0])


@settings(max_examples=60, deadline=None)
@given(requests)
def test_route_never_crashes_on_any_request(request: bc.Request) -> None:
    """Any request with a known requested Party gets options (possibly none), each resting on a verified rule."""
    if request.requested_party not in REGISTRY or (
        request.requesting_party is not None and request.requesting_party not in REGISTRY
    ):
        return
    for option in REGISTRY.route(request, today=DAY):
        assert isinstance(option, RouteOption)
        assert option.rests_on[0].confidence is Confidence.VERIFIED
        assert option.legal_basis.instrument == "ETS185"
