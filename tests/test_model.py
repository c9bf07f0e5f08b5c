"""Type invariants of the domain model: malformed values fail at construction, drafts do not."""

from __future__ import annotations

import datetime as dt
import ipaddress
import pickle
from zoneinfo import ZoneInfo

import attrs
import pytest

import budapest_coop as bc
from budapest_coop.errors import InvalidValueError

VIENNA = ZoneInfo("Europe/Vienna")
AWARE = dt.datetime(2026, 3, 2, 23, 41, 7, tzinfo=VIENNA)


def test_empty_drafts_are_representable() -> None:
    """A draft with no field filled in can be created for every request kind."""
    assert bc.PreservationRequest().status is bc.PreservationStatus.NEW
    assert bc.SubscriberInformationRequest().status is bc.MLAStatus.NEW


def test_classes_are_frozen_slotted_and_keyword_only() -> None:
    """Domain values are immutable and must be built with keywords."""
    request = bc.PreservationRequest(reference="A-1")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        request.reference = "B"  # type: ignore[misc]
    assert not hasattr(request, "__dict__")
    with pytest.raises(TypeError):
        bc.Authority("Name")  # type: ignore[misc]


@pytest.mark.parametrize(
    ("build", "field", "fragment"),
    [
        (
            lambda: bc.IPAddressIdentifier(address="198.51.100.7", observed_at=dt.datetime(2026, 1, 1)),
            "observed_at",
            "naive datetime",
        ),
        (lambda: bc.TimePeriod(start=AWARE, end=dt.datetime(2026, 1, 1)), "end", "time zone is required"),
        (lambda: bc.IPAddressIdentifier(address="198.51.100.300"), "address", "IPv4 or IPv6"),
        (lambda: bc.IPAddressIdentifier(address=" 198.51.100.7"), "address", "IPv4 or IPv6"),
        (lambda: bc.IPAddressIdentifier(address="198.51.100.7", port=70000), "port", "0 to 65535"),
        (lambda: bc.Authority(name="X", country="XX"), "country", "ISO 3166-1"),
        (lambda: bc.Authority(name="X", country="at"), "country", "upper case"),
        (lambda: bc.Authority(name="X", time_zone="Mars/Olympus"), "time_zone", "IANA"),
        (lambda: bc.Authority(name="X", phone="01 23 45 67"), "phone", "international"),
        (lambda: bc.Contact(email="not-an-address"), "email", "e-mail"),
        (lambda: bc.PreservationRequest(reference=""), "reference", "empty"),
        (lambda: bc.PreservationRequest(reference="   "), "reference", "white space"),
        (lambda: bc.PreservationRequest(reference="bad \ud800"), "reference", "surrogate"),
        (lambda: bc.PreservationRequest(languages=["en", "xx-!!"]), "languages[1]", "BCP 47"),
        (lambda: bc.LocalizedText({"klingon!": "text"}), "klingon!", "BCP 47"),
        (lambda: bc.LocalizedText({"en": ""}), "en", "empty"),
        (lambda: bc.LocalizedText({}), "text", "at least one language"),
        (lambda: bc.PreservationRequest(preservation_days=0), "preservation_days", "1 or more"),
        (lambda: bc.PreservationRequest(urgency="soon"), "urgency", "'routine', 'urgent'"),
        (lambda: bc.PreservationRequest(status="follow-up-mla"), "status", "'new', 'extension'"),
        (lambda: bc.Offence(convention_articles=[12]), "convention_articles[0]", "2 to 11"),
        (lambda: bc.PhoneIdentifier(number="0123 456"), "number", "international"),
        (lambda: bc.EmailIdentifier(address="a@b@c"), "address", "e-mail"),
        (lambda: bc.URLIdentifier(url="example.org/path"), "url", "absolute URL"),
        (lambda: bc.DomainIdentifier(domain="-bad-.example"), "domain", "domain name"),
        (lambda: bc.PreservationRequest(identifiers=["198.51.100.7"]), "identifiers[0]", "must be a"),
        (lambda: bc.PreservationRequest(facts="plain string"), "facts", "LocalizedText"),
        (lambda: bc.Signatory(date=AWARE), "date", "calendar date"),
        (lambda: bc.Transmission(coercive_action="yes"), "coercive_action", "true or false"),
    ],
)
def test_malformed_values_fail_naming_field_and_value(build, field: str, fragment: str) -> None:
    """Each malformed value raises InvalidValueError naming the field, the rule and the value."""
    with pytest.raises(InvalidValueError) as info:
        build()
    assert info.value.field == field
    assert fragment in str(info.value)
    assert str(info.value).startswith(f"{field}: ")
    assert isinstance(info.value, ValueError)


def test_nonexistent_local_time_is_rejected() -> None:
    """A wall-clock time skipped by a daylight-saving change names no instant and is refused."""
    with pytest.raises(InvalidValueError, match="does not exist in Europe/Vienna"):
        bc.IPAddressIdentifier(address="198.51.100.7", observed_at=dt.datetime(2026, 3, 29, 2, 30, tzinfo=VIENNA))


def test_ip_identifier_keeps_original_zone_and_converts_to_utc() -> None:
    """The observed time keeps its zone; the UTC view is derived from it."""
    ip = bc.IPAddressIdentifier(address="2001:db8::1", observed_at=AWARE, port=443, protocol="tcp")
    assert ip.address == ipaddress.IPv6Address("2001:db8::1")
    assert ip.observed_at.tzinfo is VIENNA
    assert ip.observed_at_utc == dt.datetime(2026, 3, 2, 22, 41, 7, tzinfo=dt.UTC)
    assert ip.protocol is bc.TransportProtocol.TCP


def test_ip_identifier_refuses_both_instant_and_period() -> None:
    """An IP identifier names one instant or one period, not both."""
    with pytest.raises(InvalidValueError, match="either observed_at"):
        bc.IPAddressIdentifier(address="198.51.100.7", observed_at=AWARE, period=bc.TimePeriod(start=AWARE, end=AWARE))


def test_phone_identifier_is_normalised_to_e164() -> None:
    """Phone numbers are stored in E.164 form."""
    assert bc.PhoneIdentifier(number="+44 20 7946 0321").number == "+442079460321"


def test_language_tags_are_standardised() -> None:
    """Language tags are normalised to their standard BCP 47 form."""
    text = bc.LocalizedText({"EN-gb": "colour", "pt-br": "cor"})
    assert text.languages == ("en-GB", "pt-BR")
    assert text["en-gb"] == "colour"
    assert bc.PreservationRequest(languages=["FR", "fr"]).languages == ("fr",)


def test_localized_text_rejects_the_same_language_twice() -> None:
    """Two spellings of one tag are the same language and cannot both be given."""
    with pytest.raises(InvalidValueError, match="twice"):
        bc.LocalizedText({"en": "a", "EN": "b"})


def test_localized_text_is_an_immutable_hashable_mapping() -> None:
    """LocalizedText behaves as a read-only mapping, hashes and pickles."""
    text = bc.LocalizedText(en="a", fr="b")
    assert dict(text) == {"en": "a", "fr": "b"}
    assert text.original == "a"
    assert hash(text) == hash(bc.LocalizedText({"en": "a", "fr": "b"}))
    assert text != bc.LocalizedText({"fr": "b", "en": "a"})
    with pytest.raises(AttributeError):
        text._items = {}  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(text)) == text
    assert text.with_translation("de", "c").languages == ("en", "fr", "de")


def test_contradictory_custodian_fields_are_rejected() -> None:
    """Saying 'no custodian information' while naming a custodian is a contradiction."""
    with pytest.raises(InvalidValueError, match=r"29\(2\)\(d\)"):
        bc.PreservationRequest(no_custodian_information=True, custodian=bc.ServiceProvider(name="P"))


def test_text_languages_are_collected_from_free_text() -> None:
    """Without explicit languages, a request's languages are those of its free text, in order."""
    request = bc.PreservationRequest(
        facts=bc.LocalizedText(en="x", fr="y"),
        offences=[bc.Offence(name=bc.LocalizedText(de="z"))],
    )
    assert request.text_languages == ("en", "fr", "de")
    assert bc.PreservationRequest(languages=["uk"], facts=bc.LocalizedText(en="x")).text_languages == ("uk",)


def test_subscriber_information_items_map_to_article_18_3() -> None:
    """Every Art. 18(3) item names its letter and citation."""
    item = bc.SubscriberInformationItem
    assert item.SERVICE_PERIOD.citation == "ETS 185 Art. 18(3)(a)"
    assert item.BILLING_AND_PAYMENT_INFORMATION.letter == "b"
    assert item.EQUIPMENT_INSTALLATION_SITE.letter == "c"
    assert {i.letter for i in item} == {"a", "b", "c"}


class TestPreservationOrder:
    """The requested Party's order computes the preservation period (Art. 29(7))."""

    provider = bc.ServiceProvider(name="Example Hosting Norge AS", country="NO")
    authority = bc.Authority(name="Oslo Police District", country="NO")
    oslo = ZoneInfo("Europe/Oslo")

    def order(self, request: bc.PreservationRequest, **kw: object) -> bc.PreservationOrder:
        issued = kw.pop("issued_at", dt.datetime(2026, 3, 4, 16, 30, tzinfo=self.oslo))
        return bc.PreservationOrder.from_request(
            request,
            issuing_authority=self.authority,
            custodian=self.provider,
            issued_at=issued,
            **kw,  # type: ignore[arg-type]
        )

    def test_defaults_to_sixty_days(self) -> None:
        """Without a requested period the order lasts the 60-day minimum."""
        order = self.order(bc.PreservationRequest(reference="R-1", requesting_party="FR"))
        assert order.days == 60
        assert order.ends_at == dt.datetime(2026, 5, 3, 16, 30, tzinfo=self.oslo)
        assert order.request_reference == "R-1"
        assert order.requesting_party == "FR"

    def test_never_below_sixty_days(self) -> None:
        """A request asking for fewer than 60 days still gets 60."""
        assert self.order(bc.PreservationRequest(preservation_days=30)).days == 60

    def test_takes_a_longer_requested_period(self) -> None:
        """A request asking for more than 60 days gets what it asks."""
        assert self.order(bc.PreservationRequest(preservation_days=90)).days == 90

    def test_explicit_days_below_minimum_is_an_error_citing_29_7(self) -> None:
        """An explicit period under 60 days is refused with the article."""
        with pytest.raises(InvalidValueError, match=r"ETS 185 Art\. 29\(7\)"):
            self.order(bc.PreservationRequest(), days=59)

    def test_end_is_counted_on_the_wall_clock_across_a_clock_change(self) -> None:
        """A period crossing the spring clock change ends at the same local time of day."""
        order = self.order(bc.PreservationRequest(), issued_at=dt.datetime(2026, 3, 1, 9, 0, tzinfo=self.oslo))
        assert order.ends_at == dt.datetime(2026, 4, 30, 9, 0, tzinfo=self.oslo)
        assert order.ends_at.utcoffset() == dt.timedelta(hours=2)

    def test_end_across_leap_day(self) -> None:
        """Calendar days count 29 February in a leap year."""
        order = self.order(bc.PreservationRequest(), issued_at=dt.datetime(2028, 1, 15, 0, 0, tzinfo=dt.UTC))
        assert order.ends_at == dt.datetime(2028, 3, 15, 0, 0, tzinfo=dt.UTC)

    def test_order_is_a_wire_kind(self) -> None:
        """An order survives the wire format."""
        order = self.order(bc.PreservationRequest(preservation_days=75))
        assert bc.loads(bc.dumps(order)) == order


def test_citation_parse_and_str() -> None:
    """Citations parse from and print to the form practitioners write."""
    c = bc.Citation.parse("ETS 185 Art. 29(2)(f)")
    assert (c.instrument, c.article, c.subdivisions) == ("ETS185", "29", ("2", "f"))
    assert str(c) == "ETS 185 Art. 29(2)(f)"
    assert str(bc.Citation.parse("cets 224 art 7(9)(a)")) == "CETS 224 Art. 7(9)(a)"
    assert str(bc.Citation.parse("T-CY(2018)10 §5")) == "T-CY(2018)10 §5"
    assert bc.Citation.parse("ETS 185 Art. 29").contains(c)
    assert not c.contains(bc.Citation.parse("ETS 185 Art. 29"))
    assert sorted([bc.Citation.parse("ETS 185 Art. 29(7)"), bc.Citation.parse("ETS 185 Art. 29(2)(f)")])[0] == c
    with pytest.raises(InvalidValueError, match="citation"):
        bc.Citation.parse("Article twenty-nine")
    with pytest.raises(InvalidValueError, match="instrument"):
        bc.Citation.parse("ETS 999 Art. 1")
