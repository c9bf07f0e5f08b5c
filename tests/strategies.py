"""Hypothesis strategies for every domain type, shared by the property tests."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import phonenumbers
import pycountry
from hypothesis import strategies as st

import budapest_coop as bc
from budapest_coop.testing import FakeParty, FakeRegistry

ZONES = sorted(
    {
        "UTC",
        "Europe/Paris",
        "Europe/Vienna",
        "Europe/Oslo",
        "Europe/Kyiv",
        "Asia/Tokyo",
        "Asia/Kolkata",
        "Asia/Kathmandu",
        "Pacific/Auckland",
        "Pacific/Chatham",
        "America/New_York",
        "America/St_Johns",
        "America/Sao_Paulo",
        "Australia/Lord_Howe",
        "Africa/Casablanca",
        "Asia/Tbilisi",
    }
)
LANGUAGES = [
    "en",
    "fr",
    "de",
    "es",
    "pt-BR",
    "it",
    "nl",
    "pl",
    "ro",
    "uk",
    "tr",
    "ka",
    "ja",
    "ar",
    "he",
    "zh-Hant",
    "sr-Latn",
]
COUNTRIES = sorted(c.alpha_2 for c in pycountry.countries)
DOMAINS = ["example.org", "example.net", "mail.example", "hosting.example", "xn--bcher-kva.example", "bücher.example"]

#: Any Unicode text a user may type: every code point but surrogates, never blank.
texts = st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60).filter(
    lambda s: bool(s.strip())
)
short_texts = texts.filter(lambda s: len(s) <= 30)
time_zones = st.one_of(
    st.sampled_from(ZONES).map(zoneinfo.ZoneInfo),
    st.integers(min_value=-14 * 4, max_value=14 * 4).map(lambda q: dt.timezone(dt.timedelta(minutes=15 * q))),
)
aware_datetimes = st.datetimes(
    min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=time_zones, allow_imaginary=False
)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
countries = st.sampled_from(COUNTRIES)
languages = st.sampled_from(LANGUAGES)
zone_names = st.one_of(st.sampled_from(ZONES), st.sampled_from(["UTC+01:00", "UTC-03:30", "UTC+14:00"]))
emails = st.builds(
    lambda local, domain: f"{local}@{domain}",
    st.from_regex(r"[a-z0-9]([a-z0-9._-]{0,20}[a-z0-9])?", fullmatch=True).filter(lambda s: ".." not in s),
    st.sampled_from(DOMAINS),
)
_REGIONS = sorted(r for r in phonenumbers.SUPPORTED_REGIONS if phonenumbers.example_number(r) is not None)
phones = st.sampled_from(_REGIONS).map(
    lambda r: phonenumbers.format_number(phonenumbers.example_number(r), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
)
localized = st.dictionaries(languages, texts, min_size=1, max_size=3).map(bc.LocalizedText)


def optional(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.none() | strategy


periods = st.builds(bc.TimePeriod, start=aware_datetimes, end=aware_datetimes)
contacts = st.builds(
    bc.Contact,
    name=optional(short_texts),
    job_title=optional(short_texts),
    function=optional(short_texts),
    organisation=optional(short_texts),
    address=optional(texts),
    phone=optional(phones),
    mobile=optional(phones),
    email=optional(emails),
    fax=optional(phones),
)
authorities = st.builds(
    bc.Authority,
    name=texts,
    country=optional(countries),
    person_in_charge=optional(short_texts),
    address=optional(texts),
    phone=optional(phones),
    mobile=optional(phones),
    email=optional(emails),
    fax=optional(phones),
    office_hours=optional(short_texts),
    time_zone=optional(zone_names),
    roles=st.lists(st.sampled_from(bc.Role), max_size=2),
)
providers = st.builds(
    bc.ServiceProvider,
    name=texts,
    country=optional(countries),
    address=optional(texts),
    services=st.lists(short_texts, max_size=2),
    email=optional(emails),
    website=optional(short_texts),
)
offences = st.builds(
    bc.Offence,
    name=optional(localized),
    legal_provisions=st.lists(short_texts, max_size=3),
    maximum_penalty=optional(localized),
    conduct=optional(localized),
    convention_articles=st.lists(st.integers(2, 11), max_size=3, unique=True),
)
previous = st.builds(
    bc.PreviousRequest,
    reference=optional(short_texts),
    date=optional(dates),
    requesting_authority=optional(short_texts),
    executing_authority=optional(short_texts),
    channel=optional(short_texts),
)
_notes = {"service_name": optional(short_texts), "note": optional(texts)}
_ip_at_instant = st.builds(
    bc.IPAddressIdentifier,
    address=st.ip_addresses(),
    observed_at=optional(aware_datetimes),
    port=optional(st.integers(0, 65535)),
    protocol=optional(st.sampled_from(bc.TransportProtocol)),
    destination_address=optional(st.ip_addresses()),
    destination_port=optional(st.integers(0, 65535)),
    dynamic=optional(st.booleans()),
    justification=optional(texts),
    **_notes,
)
ip_identifiers = st.one_of(
    _ip_at_instant,
    st.builds(bc.IPAddressIdentifier, address=st.ip_addresses(), period=periods, **_notes),
)
identifiers = st.one_of(
    ip_identifiers,
    st.builds(bc.EmailIdentifier, address=emails, period=optional(periods), **_notes),
    st.builds(bc.PhoneIdentifier, number=phones, period=optional(periods), **_notes),
    st.builds(bc.AccountIdentifier, account=texts, period=optional(periods), **_notes),
    st.builds(
        bc.URLIdentifier,
        url=st.builds(
            lambda d, p: f"https://{d}/{p}",
            st.sampled_from(DOMAINS),
            st.from_regex(r"[a-z0-9/_-]{0,20}", fullmatch=True),
        ),
        period=optional(periods),
        **_notes,
    ),
    st.builds(bc.DomainIdentifier, domain=st.sampled_from(DOMAINS), period=optional(periods), **_notes),
)
transmissions = st.builds(
    bc.Transmission,
    channel=optional(st.sampled_from(bc.TransmissionChannel)),
    means=optional(st.sampled_from(bc.TransmissionMeans)),
    security_measures=optional(texts),
    formal_confirmation_to_follow=optional(st.booleans()),
    copy_to_central_authority=optional(st.booleans()),
    coercive_action=optional(st.booleans()),
)
signatories = st.builds(
    bc.Signatory,
    name=optional(short_texts),
    position=optional(short_texts),
    place=optional(short_texts),
    date=optional(dates),
)
_common = {
    "date": optional(dates),
    "reference": optional(short_texts),
    "requesting_party": optional(countries),
    "requested_party": optional(countries),
    "requested_authority": optional(authorities),
    "requesting_authority": optional(authorities),
    "response_preference": optional(
        st.builds(bc.ResponsePreference, expedited=st.booleans(), other_means=optional(short_texts))
    ),
    "confirmation_contact": optional(contacts),
    "operational_authority": optional(authorities),
    "scope_basis": optional(st.sampled_from(bc.ScopeBasis)),
    "legal_basis": st.lists(short_texts, max_size=2),
    "offences": st.lists(offences, max_size=2),
    "facts": optional(localized),
    "identifiers": st.lists(identifiers, max_size=4),
    "data_categories": st.lists(st.sampled_from(bc.DataCategory), max_size=4, unique=True),
    "period": optional(periods),
    "custodian": optional(providers),
    "relationship_to_offence": optional(localized),
    "urgency": st.sampled_from(bc.Urgency),
    "urgency_reasons": optional(localized),
    "keep_confidential": st.booleans(),
    "do_not_notify_subscriber": st.booleans(),
    "transmission": optional(transmissions),
    "languages": st.lists(languages, max_size=2, unique=True),
    "additional_information": optional(localized),
    "signatory": optional(signatories),
}


@st.composite
def _custodian_fields(draw: st.DrawFn) -> dict[str, object]:
    if draw(st.booleans()):
        return {"no_custodian_information": True, "custodian": None, "system_location": None}
    return {
        "no_custodian_information": False,
        "custodian": draw(optional(providers)),
        "system_location": draw(optional(texts)),
    }


preservation_requests = st.builds(
    lambda fields, custodian: bc.PreservationRequest(**{**fields, **custodian}),
    st.fixed_dictionaries(
        {
            **_common,
            "status": st.sampled_from(bc.PreservationStatus),
            "previous_request": optional(previous),
            "data_description": optional(localized),
            "system_location_country": optional(countries),
            "necessity": optional(localized),
            "intent_to_submit_mla": optional(st.booleans()),
            "intended_measures": st.lists(st.sampled_from(bc.Measure), max_size=3, unique=True),
            "art30_disclosure_requested": st.booleans(),
            "preservation_days": optional(st.integers(1, 400)),
        }
    ),
    _custodian_fields(),
)
subscriber_requests = st.builds(
    lambda fields: bc.SubscriberInformationRequest(**fields),
    st.fixed_dictionaries(
        {
            **_common,
            "status": st.sampled_from(bc.MLAStatus),
            "previous_mla": optional(previous),
            "previous_preservation": optional(previous),
            "prosecution_office": optional(st.builds(bc.CaseReference, name=texts, case_number=optional(short_texts))),
            "court": optional(st.builds(bc.CaseReference, name=texts, case_number=optional(short_texts))),
            "judicial_decisions": optional(localized),
            "domestic_legal_basis": optional(localized),
            "subscriber_information": st.lists(st.sampled_from(bc.SubscriberInformationItem), max_size=8, unique=True),
            "source_is_service_agreement": optional(st.booleans()),
            "measures": st.lists(st.sampled_from(bc.Measure), max_size=3, unique=True),
            "expedite_reason": optional(st.sampled_from(bc.ExpediteReason)),
            "expedite_justification": optional(localized),
            "requested_procedures": optional(localized),
            "purpose": optional(localized),
        }
    ),
)
preservation_orders = st.builds(
    bc.PreservationOrder,
    reference=optional(short_texts),
    request_reference=optional(short_texts),
    requesting_party=optional(countries),
    issuing_authority=authorities,
    custodian=providers,
    issued_at=aware_datetimes,
    days=st.integers(1, 400),
    identifiers=st.lists(identifiers, max_size=3),
    data_categories=st.lists(st.sampled_from(bc.DataCategory), max_size=4, unique=True),
    period=optional(periods),
    keep_confidential=st.booleans(),
    art30_disclosure_requested=st.booleans(),
)
requests = st.one_of(preservation_requests, subscriber_requests)
_entry_ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,12}", fullmatch=True)


@st.composite
def case_files(draw: st.DrawFn) -> bc.CaseFile:
    """A case file with unique entry ids, events and links that name its entries."""
    ids = draw(st.lists(_entry_ids, min_size=0, max_size=3, unique=True))
    documents = st.one_of(preservation_requests, subscriber_requests, preservation_orders)
    entries = [bc.CaseEntry(id=i, direction=draw(st.sampled_from(bc.Direction)), request=draw(documents)) for i in ids]
    events = []
    links = []
    if ids:
        for _ in range(draw(st.integers(0, 4))):
            events.append(
                bc.Event(
                    entry=draw(st.sampled_from(ids)),
                    kind=draw(st.sampled_from(bc.EventKind)),
                    at=draw(aware_datetimes),
                    channel=draw(optional(st.sampled_from(bc.TransmissionChannel))),
                    ground=draw(optional(st.sampled_from(bc.RefusalGround))),
                    order_days=draw(optional(st.integers(1, 120))),
                    disclosure=draw(
                        optional(
                            st.builds(
                                bc.PathDisclosure, providers=st.lists(providers, max_size=2), path=optional(texts)
                            )
                        )
                    ),
                    concerns_disclosure=draw(st.booleans()),
                    note=draw(optional(texts)),
                )
            )
    if len(ids) >= 2:
        for _ in range(draw(st.integers(0, 2))):
            source, target = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
            links.append(bc.Link(kind=draw(st.sampled_from(bc.LinkKind)), source=source, target=target))
    return bc.CaseFile(
        reference=draw(optional(short_texts)), title=draw(optional(texts)), entries=entries, events=events, links=links
    )


#: Requests and orders: what `validate` and `render` accept.
documents = st.one_of(preservation_requests, subscriber_requests, preservation_orders)
wire_objects = st.one_of(documents, case_files())


def _authority_record(**fields: object) -> object:
    from budapest_coop.registry import AuthorityRecord

    return AuthorityRecord(**fields)


_record_ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,30}", fullmatch=True)
authority_records = st.builds(
    _authority_record,
    id=_record_ids,
    country=countries,
    name=localized,
    roles=st.lists(st.sampled_from(bc.Role), min_size=1, max_size=3),
    territory=optional(countries),
    address=optional(texts),
    person_in_charge=optional(short_texts),
    phone=optional(phones),
    mobile=optional(phones),
    email=optional(emails),
    fax=optional(phones),
    office_hours=optional(short_texts),
    time_zone=optional(zone_names),
    languages=st.lists(languages, max_size=3),
    channels=st.lists(st.sampled_from(bc.TransmissionChannel), max_size=2),
    means=st.lists(st.sampled_from(bc.TransmissionMeans), max_size=2),
    notes=optional(texts),
    valid_from=optional(dates),
    source=st.lists(short_texts, max_size=2),
    last_verified=optional(dates),
    confidence=st.sampled_from(["verified", "secondary", "unverified"]),
)
# --- Fake registries for party-aware validation rules ------------------------------------

PARTY_STATUSES = ["party", "ratified", "signatory", "invited", "none", "unknown"]


def fake_parties(code: str) -> st.SearchStrategy[FakeParty]:
    """A FakeParty for *code* with any status, reservation, declaration and languages."""
    return st.builds(
        FakeParty,
        code=st.just(code),
        statuses=st.fixed_dictionaries({"ETS185": st.sampled_from(PARTY_STATUSES)}),
        parties_from=st.one_of(st.just({}), st.fixed_dictionaries({"ETS185": dates})),
        reservations=st.sets(st.sampled_from(["ETS185:29(4)", "CETS224:7(9)(a)"])),
        declarations=st.sets(st.sampled_from(["ETS185:27(9)(e)", "CETS224:8(11)"])),
        languages=st.none() | st.lists(languages, max_size=3),
    )


@st.composite
def fake_registries(draw: st.DrawFn, codes: tuple[str | None, ...]) -> FakeRegistry:
    """A registry knowing some of *codes* (others are unknown to it)."""
    known = [code for code in dict.fromkeys(codes) if code is not None and draw(st.booleans())]
    return FakeRegistry([draw(fake_parties(code)) for code in known])
