"""The document builder: template order, citations, gaps shown, optional parts left out."""

from __future__ import annotations

import doctest
import importlib

import attrs
import pytest
from hypothesis import given, settings

import budapest_coop as bc
from budapest_coop import examples
from budapest_coop.render import Document, Field, Group, Message, build
from budapest_coop.render._messages import MESSAGES
from budapest_coop.render.builder import NOT_PROVIDED
from budapest_coop.render.document import Check, ItemList, Value
from budapest_coop.wire import digest
from tests import strategies

PRESERVATION_KEYS = [
    "date",
    "reference",
    "status",
    "requested_authority",
    "requesting_authority",
    "confirmation_contact",
    "operational_authority",
    "offences",
    "legal_basis",
    "data",
    "custodian",
    "necessity",
    "mla_intent",
    "art30",
    "preservation_period",
    "confidentiality",
    "urgency",
    "transmission",
    "signature",
]
SUBSCRIBER_KEYS = [
    "date",
    "reference",
    "status",
    "requested_authority",
    "requesting_authority",
    "confirmation_contact",
    "operational_authority",
    "judicial_authorities",
    "previous_mla",
    "previous_preservation",
    "domestic_legal_basis",
    "offences",
    "legal_basis",
    "identifiers",
    "subscriber_information",
    "service_provider",
    "relationship",
    "measures",
    "expedition",
    "requested_procedures",
    "confidentiality",
    "use_limitation",
    "urgency",
    "transmission",
    "signature",
]


def _sections(document: Document) -> dict[str, tuple[str, str | None]]:
    return {s.key: (s.title, None if s.citation is None else str(s.citation)) for s in document.sections}


def _msgids(value: Value) -> set[str]:
    if isinstance(value, Message):
        return {value.msgid}
    if isinstance(value, Check):
        return {value.msgid}
    if isinstance(value, ItemList):
        return set().union(*(_msgids(v) for v in value.items))
    if isinstance(value, Group):
        return set().union(*({f.label} | _msgids(f.value) for f in value.fields))
    return set()


def document_msgids(document: Document) -> set[str]:
    """Every message id a document uses: title, section titles, labels and message values."""
    ids = {document.title, f"document.basis.{document.kind}"}
    for section in document.sections:
        ids.add(section.title)
        for field in section.fields:
            ids |= {field.label} | _msgids(field.value)
    return ids


def test_preservation_request_follows_template_t_cy_2018_11() -> None:
    """Sections 1-7 are the template's, then the Art. 29 elements, each citing its provision."""
    document = build(examples.load("preservation-request"))
    assert [s.key for s in document.sections] == PRESERVATION_KEYS
    assert [s.number for s in document.sections] == [str(n) for n in range(1, 20)]
    sections = _sections(document)
    for key, number in [("date", 1), ("reference", 2), ("status", 3), ("requested_authority", 4)]:
        assert sections[key][1] == f"T-CY(2018)11 §{number}"
    assert sections["confirmation_contact"][1] == "T-CY(2018)11 §6"
    assert sections["operational_authority"][1] == "T-CY(2018)11 §7"
    assert sections["requesting_authority"][1] == "ETS 185 Art. 29(2)(a)"
    assert sections["offences"][1] == "ETS 185 Art. 29(2)(b)"
    assert sections["data"][1] == "ETS 185 Art. 29(2)(c)"
    assert sections["custodian"][1] == "ETS 185 Art. 29(2)(d)"
    assert sections["necessity"][1] == "ETS 185 Art. 29(2)(e)"
    assert sections["mla_intent"][1] == "ETS 185 Art. 29(2)(f)"
    assert sections["art30"][1] == "ETS 185 Art. 30(1)"
    assert sections["preservation_period"][1] == "ETS 185 Art. 29(7)"
    assert sections["confidentiality"][1] == "ETS 185 Art. 27(8)"
    assert document.template == "T-CY(2018)11"
    assert document.title == "document.title.preservation-request"


def test_subscriber_request_follows_template_t_cy_2018_10() -> None:
    """Sections 1-11 are the template's, then the Art. 31 elements with their citations."""
    document = build(examples.load("subscriber-information-request"))
    assert [s.key for s in document.sections] == SUBSCRIBER_KEYS
    sections = _sections(document)
    for number, key in enumerate(SUBSCRIBER_KEYS[:11], 1):
        assert sections[key][1] == f"T-CY(2018)10 §{number}", key
    assert sections["subscriber_information"][1] == "ETS 185 Art. 18(3)"
    assert sections["service_provider"][1] == "ETS 185 Art. 31(1)"
    assert sections["measures"][1] == "ETS 185 Art. 31(1)"
    assert sections["expedition"][1] == "ETS 185 Art. 31(3)"
    assert sections["requested_procedures"][1] == "ETS 185 Art. 27(3)"
    assert sections["confidentiality"][1] == "ETS 185 Art. 27(8)"
    assert sections["use_limitation"][1] == "ETS 185 Art. 28(2)(b)"


def test_subscriber_items_are_grouped_by_letter_of_article_18_3() -> None:
    """Art. 18(3) items are three checkbox lists, (a), (b) and (c), each citing its letter."""
    document = build(examples.load("subscriber-information-request"))
    section = next(s for s in document.sections if s.key == "subscriber_information")
    by_letter = {str(f.citation): f for f in section.fields if f.label.startswith("field.subscriber_items_")}
    assert list(by_letter) == ["ETS 185 Art. 18(3)(a)", "ETS 185 Art. 18(3)(b)", "ETS 185 Art. 18(3)(c)"]
    b = by_letter["ETS 185 Art. 18(3)(b)"].value
    assert isinstance(b, ItemList)
    assert [(c.msgid, c.checked) for c in b.items if isinstance(c, Check)] == [
        ("enum.subscriber_item.subscriber-identity", True),
        ("enum.subscriber_item.postal-or-geographic-address", True),
        ("enum.subscriber_item.telephone-or-access-number", True),
        ("enum.subscriber_item.billing-and-payment-information", True),
    ]


def test_preservation_order_sections() -> None:
    """An order shows its authority, custodian, request, data, period (29(7)), confidentiality (16(3))."""
    document = build(examples.load("preservation-order"))
    sections = _sections(document)
    assert list(sections) == [
        "order",
        "issuing_authority",
        "custodian",
        "request",
        "data",
        "preservation_period",
        "confidentiality",
        "art30",
    ]
    assert sections["preservation_period"][1] == "ETS 185 Art. 29(7)"
    assert sections["confidentiality"][1] == "ETS 185 Art. 16(3)"
    assert document.template == ""


def test_empty_draft_shows_every_required_gap_and_omits_optional_parts() -> None:
    """A draft without content shows "not provided" for each Art. 29(2) element and leaves out the rest."""
    document = build(bc.PreservationRequest())
    gaps = {
        (s.key, f.label, str(f.citation or s.citation))
        for s in document.sections
        for f in s.fields
        if f.value == NOT_PROVIDED
    }
    assert ("requesting_authority", "field.organisation", "ETS 185 Art. 29(2)(a)") in gaps
    assert ("offences", "field.offence", "ETS 185 Art. 29(2)(b)") in gaps
    assert ("offences", "field.facts", "ETS 185 Art. 29(2)(b)") in gaps
    assert ("data", "field.data_description", "ETS 185 Art. 29(2)(c)") in gaps
    assert ("data", "field.relationship", "ETS 185 Art. 29(2)(c)") in gaps
    assert ("custodian", "field.custodian", "ETS 185 Art. 29(2)(d)") in gaps
    assert ("necessity", "field.necessity", "ETS 185 Art. 29(2)(e)") in gaps
    assert ("mla_intent", "field.mla_intent", "ETS 185 Art. 29(2)(f)") in gaps
    assert ("date", "field.date", "T-CY(2018)11 §1") in gaps
    keys = [s.key for s in document.sections]
    for optional in ("legal_basis", "transmission", "additional_information"):
        assert optional not in keys
    operational = next(s for s in document.sections if s.key == "operational_authority")
    assert operational.fields[0].value == Message(msgid="value.same_as_requesting_authority")


def test_no_custodian_information_is_stated_explicitly() -> None:
    """When no custodian information is available the document says so rather than showing a gap."""
    document = build(bc.PreservationRequest(no_custodian_information=True))
    custodian = next(s for s in document.sections if s.key == "custodian")
    assert [f.value for f in custodian.fields] == [Message(msgid="value.no_custodian_information")]


def test_follow_up_without_previous_request_is_a_gap() -> None:
    """A follow-up to a preservation request without its details shows the gap in section 10."""
    document = build(bc.SubscriberInformationRequest(status="follow-up-preservation"))
    section = next(s for s in document.sections if s.key == "previous_preservation")
    assert section.fields[0].value == NOT_PROVIDED
    other = next(s for s in document.sections if s.key == "previous_mla")
    assert other.fields[0].value == Message(msgid="value.not_applicable")


def test_identifiers_carry_every_detail() -> None:
    """An IP identifier lists address, port, protocol, time, destination; several are numbered."""
    document = build(examples.load("preservation-request"))
    data = next(s for s in document.sections if s.key == "data")
    identifiers = [f for f in data.fields if f.label == "field.identifier"]
    assert [f.index for f in identifiers] == [1, 2, 3]
    ip = identifiers[2].value
    assert isinstance(ip, Group)
    assert [f.label for f in ip.fields] == [
        "field.identifier_type",
        "field.ip_address",
        "field.source_port",
        "field.protocol",
        "field.observed_at",
        "field.destination_address",
        "field.destination_port",
        "field.note",
    ]


def test_digest_is_the_wire_digest() -> None:
    """The document's digest is the SHA-256 of the request's canonical JSON."""
    for kind in ("preservation-request", "subscriber-information-request", "preservation-order"):
        obj = examples.load(kind)
        assert build(obj).digest == digest(obj)


def test_build_refuses_other_objects() -> None:
    """Building a document from something that is not a request or an order is a TypeError."""
    with pytest.raises(TypeError, match="cannot build a document from Authority"):
        build(bc.Authority(name="X"))  # type: ignore[arg-type]


def test_same_valued_enums_of_different_kinds_keep_their_labels() -> None:
    """A channel and a role with the same value ("24/7-point-of-contact") keep their own labels."""
    request = examples.load("preservation-request")
    document = build(request)
    ids = document_msgids(document)
    assert "enum.role.24/7-point-of-contact" in ids
    assert "enum.channel.24/7-point-of-contact" in ids


@settings(max_examples=60, deadline=None)
@given(strategies.documents)
def test_every_message_id_the_builder_emits_is_in_the_table(obj: object) -> None:
    """Whatever the request, the builder only uses message ids the catalogs hold."""
    assert document_msgids(build(obj)) <= set(MESSAGES)  # type: ignore[arg-type]


def test_fields_are_immutable() -> None:
    """Documents are immutable values: a national renderer changes them with attrs.evolve."""
    field = Field(label="field.note", value=NOT_PROVIDED)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        field.label = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    "module",
    [
        "budapest_coop.render",
        "budapest_coop.render.builder",
        "budapest_coop.render.localization",
        "budapest_coop.render._api",
        "budapest_coop.render.text",
        "budapest_coop.render.markdown",
        "budapest_coop.render.html",
        "budapest_coop.render.json",
        "budapest_coop.testing._render",
    ],
)
def test_docstring_examples(module: str) -> None:
    """The examples in the rendering modules' documentation run as written."""
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
