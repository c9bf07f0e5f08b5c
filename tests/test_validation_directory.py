"""GEN-18: stale directory records of the requested Party's authority produce a warning."""

from __future__ import annotations

import datetime as dt

import attrs

import budapest_coop as bc
from budapest_coop import examples
from budapest_coop.registry import AuthorityRecord
from budapest_coop.testing import make_party, make_registry

TODAY = dt.date(2026, 3, 5)


def registry(last_verified: dt.date | None, role: bc.Role = bc.Role.POINT_OF_CONTACT_24_7) -> object:
    record = AuthorityRecord(
        id="no-poc",
        country="NO",
        name=bc.LocalizedText(en="National Criminal Investigation Service"),
        roles=(role,),
        source=("test",),
        last_verified=last_verified,
    )
    return make_registry(make_party("NO"), make_party("FR"), authorities=[record])


def gen18(
    request: bc.PreservationRequest | bc.SubscriberInformationRequest, reg: object, **kw: object
) -> list[bc.Finding]:
    report = bc.validate(request, registry=reg, today=TODAY, **kw)  # type: ignore[arg-type]
    return [f for f in report.findings if f.code == "GEN-18"]


def test_record_older_than_a_year_warns_with_its_date() -> None:
    """A 24/7 point-of-contact record verified 400 days ago is reported with its age and article."""
    found = gen18(examples.load("preservation-request"), registry(TODAY - dt.timedelta(days=400)))  # type: ignore[arg-type]
    assert len(found) == 1
    finding = found[0]
    assert finding.severity is bc.Severity.WARNING
    assert str(finding.citation) == "ETS 185 Art. 27(2)(d)"
    assert finding.path == "requested_authority"
    assert "no-poc" in finding.message
    assert "400 days" in finding.message
    assert "24/7 point of contact" in finding.message


def test_never_verified_record_warns() -> None:
    """A record with no verification date is stale."""
    [finding] = gen18(examples.load("preservation-request"), registry(None))  # type: ignore[arg-type]
    assert "never been verified" in finding.message


def test_recent_record_is_quiet() -> None:
    """A record verified a month ago is fine."""
    assert gen18(examples.load("preservation-request"), registry(TODAY - dt.timedelta(days=30))) == []  # type: ignore[arg-type]


def test_age_is_configurable() -> None:
    """With a 30-day limit, a record verified 60 days ago is stale."""
    reg = registry(TODAY - dt.timedelta(days=60))
    request = examples.load("preservation-request")
    assert gen18(request, reg) == []  # type: ignore[arg-type]
    assert len(gen18(request, reg, authority_max_age=dt.timedelta(days=30))) == 1  # type: ignore[arg-type]


def test_only_the_role_of_the_channel_counts() -> None:
    """A stale central-authority record does not concern a request sent to the 24/7 point of contact."""
    reg = registry(TODAY - dt.timedelta(days=400), role=bc.Role.CENTRAL_AUTHORITY)
    request = examples.load("preservation-request")
    assert isinstance(request, bc.PreservationRequest)
    assert gen18(request, reg) == []
    to_central = attrs.evolve(request, transmission=bc.Transmission(channel="central-authority"))
    assert len(gen18(to_central, reg)) == 1


def test_french_message() -> None:
    """The warning is translated, role included."""
    [finding] = gen18(examples.load("preservation-request"), registry(None), locale="fr")  # type: ignore[arg-type]
    assert "point de contact 24/7" in finding.message
    assert "jamais été vérifiée" in finding.message
