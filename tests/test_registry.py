"""The Registry and Party API: lookups, status on a date, entries, names, protocols, lazy loading."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import budapest_coop as bc
from budapest_coop.errors import InvalidValueError, UnknownAuthorityError, UnknownPartyError
from budapest_coop.registry import Party, Registry, Status
from budapest_coop.typing import AuthorityDirectory, AuthorityInfo, PartyInfo, PartyRegistry

REGISTRY = Registry.default()
_ORDER = {Status.NONE: 0, Status.INVITED: 0, Status.SIGNATORY: 1, Status.RATIFIED: 2, Status.PARTY: 3}


def test_registry_and_party_satisfy_the_protocols() -> None:
    """The shipped registry is a PartyRegistry and AuthorityDirectory; its records are PartyInfo and AuthorityInfo."""
    assert isinstance(Registry.default(), PartyRegistry)
    assert isinstance(Registry.default(), AuthorityDirectory)
    assert isinstance(REGISTRY.party("JP"), PartyInfo)
    assert isinstance(REGISTRY.authority("no-kripos"), AuthorityInfo)


def test_default_is_one_object() -> None:
    """Registry.default() returns the same registry every time."""
    assert Registry.default() is Registry.default()


def test_top_level_lazy_exports() -> None:
    """Registry, Party, AuthorityRecord and RouteOption are importable from budapest_coop."""
    assert bc.Registry is Registry
    assert bc.Party is Party
    assert bc.AuthorityRecord.__name__ == "AuthorityRecord"
    assert bc.RouteOption.__name__ == "RouteOption"
    assert {"Registry", "Party", "AuthorityRecord", "RouteOption"} <= set(dir(bc))


def test_import_does_not_load_data_and_first_lookup_loads_once() -> None:
    """`import budapest_coop` reads no registry data; the first party() reads it once, even from many threads."""
    script = textwrap.dedent(
        """
        import sys, threading
        import budapest_coop
        assert "budapest_coop.registry" not in sys.modules, "import loaded the registry"
        from budapest_coop.registry import _data
        calls = []
        original = _data.read_shipped
        def counting():
            calls.append(1)
            return original()
        _data.read_shipped = counting
        registry = budapest_coop.Registry.default()
        assert calls == [], "default() read the data before any lookup"
        barrier = threading.Barrier(8)
        def look():
            barrier.wait()
            registry.party("JP")
        threads = [threading.Thread(target=look) for _ in range(8)]
        for t in threads: t.start()
        for t in threads: t.join()
        registry.party("NZ"); budapest_coop.Registry.default().parties()
        assert calls == [1], calls
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_unknown_party_names_the_code() -> None:
    """An unknown code raises UnknownPartyError (a KeyError) whose message names the code."""
    with pytest.raises(UnknownPartyError, match="'XK'") as info:
        REGISTRY.party("XK")
    assert isinstance(info.value, KeyError)


def test_party_lookup_accepts_lower_case() -> None:
    """A code in lower case finds the same State."""
    assert REGISTRY.party("jp") is REGISTRY.party("JP")


def test_new_zealand_becomes_a_party_on_1_december_2025() -> None:
    """NZ deposited on 2025-08-28: ratified in November 2025, a Party from 2025-12-01."""
    assert REGISTRY.is_party("NZ", "ETS185", on=dt.date(2025, 11, 1)) is False
    assert REGISTRY.status("NZ", "ETS185", on=dt.date(2025, 11, 1)) == "ratified"
    assert REGISTRY.is_party("NZ", "ETS185", on=dt.date(2025, 12, 1)) is True
    assert REGISTRY.status("NZ", "ETS185", on=dt.date(2025, 8, 27)) == "unknown"
    nz_on_nov = [p.code for p in REGISTRY.parties(instrument="ETS185", status="party", on=dt.date(2025, 11, 1))]
    assert "NZ" not in nz_on_nov
    assert "NZ" in [p.code for p in REGISTRY.parties(instrument="ETS185", status="party", on=dt.date(2025, 12, 1))]


def test_party_with_unknown_entry_into_force_counts_as_party_with_its_confidence() -> None:
    """Ecuador: a Party as of the data's date, though no deposit or entry-into-force date is recorded."""
    ec = REGISTRY.party("EC")
    assert ec.status("ETS185") == "party"
    assert ec.is_party("ETS185", REGISTRY.as_of)
    assert ec.status("ETS185", on=dt.date(2025, 1, 1)) == "unknown"
    assert ec.record("ETS185").entry_into_force is None
    assert ec.field_confidence("ETS185", "status") == "verified"
    assert "EC" in [p.code for p in REGISTRY.parties(status="party")]


def test_signatory_and_ratified_statuses() -> None:
    """Ireland signed ETS 185 only; Japan ratified CETS 224, which is not in force."""
    assert REGISTRY.status("IE", "ETS185") == "signatory"
    assert REGISTRY.status("IE", "ETS185", on=dt.date(2002, 2, 27)) == "none"
    assert REGISTRY.status("JP", "CETS224", on=dt.date(2023, 8, 10)) == "ratified"
    assert REGISTRY.status("JP", "CETS224", on=dt.date(2023, 8, 9)) == "signatory"
    assert REGISTRY.is_party("JP", "CETS224", dt.date(2030, 1, 1)) is False
    assert REGISTRY.status("KE", "ETS185", on=dt.date(2024, 10, 9)) == "invited"
    assert REGISTRY.status("KE", "ETS185", on=dt.date(2024, 10, 8)) == "none"


def test_partial_dates_make_the_status_unknown_inside_the_month() -> None:
    """Inside a month whose day is unknown the status cannot be told; before and after it can."""
    assert REGISTRY.status("GB", "UNCC", on=dt.date(2025, 10, 15)) == "unknown"
    assert REGISTRY.status("GB", "UNCC", on=dt.date(2025, 11, 1)) == "signatory"
    assert REGISTRY.status("GB", "UNCC", on=dt.date(2025, 9, 30)) == "none"


@given(st.sampled_from(list(REGISTRY)), st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2035, 1, 1)))
def test_status_never_goes_backwards(party: Party, day: dt.date) -> None:
    """A later date never gives an earlier treaty stage (unknown aside)."""
    for instrument in ("ETS185", "CETS224", "UNCC"):
        first = party.status(instrument, day)
        later = party.status(instrument, day + dt.timedelta(days=200))
        if Status.UNKNOWN not in (first, later):
            assert _ORDER[Status(first)] <= _ORDER[Status(later)], (party.code, instrument, day)


def test_parties_filter_rejects_unknown_values() -> None:
    """An unknown instrument or status is a clear error naming the allowed values."""
    with pytest.raises(InvalidValueError, match="ETS185"):
        REGISTRY.parties(instrument="ETS999")
    with pytest.raises(InvalidValueError, match="party"):
        REGISTRY.parties(status="member")
    with pytest.raises(InvalidValueError, match="instrument"):
        REGISTRY.party("JP").status("ETS 185")


def test_reservations_and_declarations() -> None:
    """Recorded entries answer yes; withdrawn ones answer no; unrecorded ones stay unknown."""
    assert REGISTRY.party("PL").has_reservation("ETS185:29(4)")
    assert REGISTRY.party("AT").has_reservation("ETS185:29(4)")
    assert REGISTRY.party("US").has_declaration("ETS185:27(9)(e)")
    cz = REGISTRY.party("CZ")
    assert not cz.has_reservation("ETS185:29(4)")
    assert cz.reservation_status("ETS185:29(4)") == "withdrawn"
    assert cz.has_reservation("ETS185:29(4)", on=dt.date(2015, 1, 1))
    fr = REGISTRY.party("FR")
    assert not fr.has_reservation("ETS185:29(4)")
    assert fr.reservation_status("ETS185:29(4)") == "unknown"
    assert REGISTRY.party("AL").reservation_status("ETS185:29(4)") == "not-made"
    assert REGISTRY.party("CI").declaration_status("ETS185:27(9)(e)") == "not-made"
    assert REGISTRY.party("NZ").has_reservation("ETS185:14(3)")
    assert REGISTRY.party("NO").has_declaration("ETS185:27(2)", on=dt.date(2026, 1, 1))
    assert not REGISTRY.party("NO").has_declaration("ETS185:27(2)", on=dt.date(2025, 12, 31))


def test_entry_codes_are_checked() -> None:
    """A malformed code is refused with the expected form in the message."""
    with pytest.raises(InvalidValueError, match="ETS185:29"):
        REGISTRY.party("PL").has_reservation("29(4)")


def test_languages_are_unknown_not_guessed() -> None:
    """No source gives accepted languages, so every State's languages are None (unknown)."""
    assert all(p.languages is None for p in REGISTRY)


def test_names_in_any_language() -> None:
    """Names come from Babel in the asked language, with pycountry's ISO names as fallback."""
    jp = REGISTRY.party("JP")
    assert jp.name() == "Japan"
    assert jp.name(locale="fr") == "Japon"
    assert jp.name(locale="de") == "Japan"
    assert REGISTRY.party("CI").name(locale="fr") == "Côte d’Ivoire"
    assert REGISTRY.party("EU").name(locale="fr") == "Union européenne"
    assert REGISTRY.party("NZ").name(locale="pt-BR") == "Nova Zelândia"
    with pytest.raises(InvalidValueError, match="locale"):
        jp.name(locale="not a tag")


def test_registry_is_immutable_and_with_parties_returns_a_new_value() -> None:
    """Attributes cannot be set; with_parties() gives a new registry and leaves the original as it was."""
    with pytest.raises(AttributeError):
        REGISTRY.anything = 1  # type: ignore[attr-defined]
    norway = REGISTRY.party("NO")
    changed = REGISTRY.with_parties(attrs.evolve(norway, languages=["nb", "EN"]))
    assert changed.party("NO").languages == ("nb", "en")
    assert REGISTRY.party("NO").languages is None
    assert changed != REGISTRY
    assert REGISTRY.with_parties(norway) == REGISTRY


def test_authority_lookups() -> None:
    """Authorities are found by country and role; an unknown id names itself."""
    kripos = REGISTRY.authorities("NO", role=bc.Role.POINT_OF_CONTACT_24_7)
    assert [r.id for r in kripos] == ["no-kripos"]
    assert REGISTRY.authorities("NO", role="24/7-point-of-contact") == kripos
    assert REGISTRY.authorities("NO", role=bc.Role.POINT_OF_CONTACT_24_7, on=dt.date(2025, 6, 1)) == ()
    assert REGISTRY.authorities("AT", role=bc.Role.POINT_OF_CONTACT_24_7)[0].name.original.startswith("Federal")
    with pytest.raises(UnknownAuthorityError, match="'nope'"):
        REGISTRY.authority("nope")
    with pytest.raises(InvalidValueError, match="central-authority"):
        REGISTRY.authorities("AT", role="minister")


def test_shipped_authorities_hold_no_personal_contact_data() -> None:
    """The package ships agency names and roles only: no person, phone, e-mail, fax or address."""
    for record in REGISTRY.authorities():
        assert (record.person_in_charge, record.phone, record.mobile, record.email, record.fax, record.address) == (
            (None,) * 6
        )
        assert record.source
        assert record.last_verified == REGISTRY.as_of


def test_authority_record_becomes_a_request_authority() -> None:
    """A directory record gives the Authority of a request, keeping its directory id."""
    authority = REGISTRY.authority("at-federal-ministry-of-justice").to_authority()
    assert authority.directory_id == "at-federal-ministry-of-justice"
    assert authority.country == "AT"
    assert bc.Role.CENTRAL_AUTHORITY in authority.roles


def test_registry_pickles() -> None:
    """A registry crosses process boundaries: the shipped one as itself, a derived one with its records."""
    import pickle

    assert pickle.loads(pickle.dumps(Registry.default())) is Registry.default()
    derived = REGISTRY.with_parties(attrs.evolve(REGISTRY.party("NO"), languages=["nb"]))
    again = pickle.loads(pickle.dumps(derived))
    assert again == derived
    assert again.party("NO").languages == ("nb",)
    assert again.sources == derived.sources


def test_testing_helpers_build_parties_for_rules() -> None:
    """budapest_coop.testing makes Parties and registries with exactly the entries a test needs."""
    from budapest_coop.testing import make_party, make_registry

    party = make_party("NO", reservations=["ETS185:29(4)"], declarations=["ETS185:27(9)(e)", "ETS185:35(1)"])
    assert isinstance(party, PartyInfo)
    assert party.has_reservation("ETS185:29(4)")
    assert party.has_declaration("ETS185:27(9)(e)")
    assert party.reservation_status("ETS185:22(2)") == "not-made"
    assert make_party("NO", complete=False).reservation_status("ETS185:29(4)") == "unknown"
    assert make_party("NZ", ets185="ratified").status("ETS185") == "ratified"
    registry = make_registry(party, make_party("FR", confidence="secondary"))
    assert isinstance(registry, PartyRegistry)
    assert [p.code for p in registry.parties(status="party", on=dt.date(2026, 1, 1))] == ["FR", "NO"]
    assert registry.party("FR").field_confidence("ETS185", "status") == "secondary"
    options = registry.route(
        bc.PreservationRequest(requesting_party="FR", requested_party="NO"), today=dt.date(2026, 1, 1)
    )
    assert [o.channel for o in options] == [
        bc.TransmissionChannel.POINT_OF_CONTACT_24_7,
        bc.TransmissionChannel.CENTRAL_AUTHORITY,
    ]
