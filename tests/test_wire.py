"""The versioned JSON wire format: round trips, errors with JSON paths, schemas, fixtures."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pathlib
import subprocess
import sys
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

import budapest_coop as bc
from budapest_coop import wire
from budapest_coop.examples import text as example_text
from tests import strategies

FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "wire" / "v1"
KINDS = ["preservation-request", "subscriber-information-request", "preservation-order", "case-file"]


def envelope(kind: str = "preservation-request", **data: object) -> dict[str, object]:
    return {"format": "budapest-coop", "version": 1, "kind": kind, "data": data}


def problems(doc: object) -> list[tuple[str, str]]:
    text = doc if isinstance(doc, str) else json.dumps(doc)
    with pytest.raises(bc.WireFormatError) as info:
        bc.loads(text)
    return [(p.path, p.message) for p in info.value.problems]


@pytest.mark.parametrize("kind", KINDS)
def test_examples_round_trip(kind: str) -> None:
    """Every bundled example loads and writes back to an equal object and identical JSON."""
    text = example_text(kind)
    obj = bc.loads(text)
    assert kind == type(obj).KIND
    assert bc.loads(bc.dumps(obj)) == obj
    assert bc.dumps(obj, indent=2) + "\n" == text


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.name)
def test_version_1_fixtures_still_load(path: pathlib.Path) -> None:
    """Documents written in version 1 load forever (these fixtures are never edited)."""
    obj = bc.loads(path.read_text(encoding="utf-8"), source=path.name)
    assert bc.loads(bc.dumps(obj)) == obj


def test_fixture_directory_covers_every_kind() -> None:
    """There is at least one frozen version-1 fixture of every kind."""
    kinds = {json.loads(p.read_text())["kind"] for p in FIXTURES.glob("*.json")}
    assert kinds == set(KINDS)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.wire_objects)
def test_round_trip_of_generated_objects(obj: wire.WireObject) -> None:
    """loads(dumps(x)) == x for arbitrary requests and orders, zone names included."""
    back = bc.loads(bc.dumps(obj))
    assert back == obj
    assert bc.dumps(back) == bc.dumps(obj)
    assert wire.canonical_json(back) == wire.canonical_json(obj)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.wire_objects)
def test_generated_documents_match_their_schema(obj: wire.WireObject) -> None:
    """Whatever dumps writes validates against the published JSON Schema."""
    schema = wire.json_schema(type(obj).KIND)
    jsonschema.Draft202012Validator(schema).validate(json.loads(bc.dumps(obj)))


def test_zone_name_survives_round_trip() -> None:
    """An IANA zone is kept by name, not only as an offset."""
    ip = bc.IPAddressIdentifier(
        address="198.51.100.7", observed_at=dt.datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=ZoneInfo("Europe/Vienna"))
    )
    text = bc.dumps(bc.PreservationRequest(identifiers=[ip]))
    assert "2026-10-25T02:30:00+01:00[Europe/Vienna]" in text
    back = bc.loads(text, bc.PreservationRequest).identifiers[0]
    assert isinstance(back, bc.IPAddressIdentifier)
    assert back.observed_at.tzinfo == ZoneInfo("Europe/Vienna")
    assert back.observed_at.utcoffset() == dt.timedelta(hours=1)


def test_dumps_output_is_compact_and_ordered() -> None:
    """The envelope comes first and defaults are omitted."""
    assert bc.dumps(bc.SubscriberInformationRequest()) == (
        '{"format":"budapest-coop","version":1,"kind":"subscriber-information-request","data":{}}'
    )


def test_canonical_json_and_digest_are_stable() -> None:
    """Equal objects have equal canonical bytes and digest; the digest is SHA-256 hex."""
    a = bc.PreservationRequest(reference="X", facts=bc.LocalizedText(en="é"))
    b = bc.loads(bc.dumps(a))
    assert wire.canonical_json(a) == wire.canonical_json(b)
    assert len(wire.digest(a)) == 64
    assert wire.digest(a) != wire.digest(bc.PreservationRequest(reference="Y"))


def test_expected_kind_is_enforced() -> None:
    """loads(text, Kind) refuses a document of another kind."""
    text = bc.dumps(bc.PreservationRequest())
    with pytest.raises(bc.WireFormatError, match="expected 'subscriber-information-request'"):
        bc.loads(text, bc.SubscriberInformationRequest)


class TestErrors:
    """Every malformed case is rejected with its JSON path."""

    def test_not_json(self) -> None:
        """Invalid JSON names line and column."""
        assert problems('{"format": ')[0][0] == "$"
        assert "line 1" in problems('{"format": ')[0][1]

    def test_duplicate_keys(self) -> None:
        """A key given twice in one object would silently lose a value, so it is an error."""
        assert "duplicate key 'reference'" in problems('{"reference": 1, "reference": 2}')[0][1]

    def test_envelope_not_an_object(self) -> None:
        """The top level must be an object."""
        assert problems([1, 2]) == [("$", "must be a JSON object (the envelope)")]

    def test_envelope_problems_are_all_listed(self) -> None:
        """Unknown key, wrong format, unsupported version and missing data together."""
        found = problems({"format": "other", "version": 2, "kind": "preservation-request", "extra": 1})
        paths = [p for p, _ in found]
        assert paths == ["$.extra", "$.data", "$.format", "$.version"]
        assert "not supported" in dict(found)["$.version"]

    @pytest.mark.parametrize("version", [0, "1", True, 1.0, None])
    def test_unsupported_versions(self, version: object) -> None:
        """Only integer versions this library knows are read."""
        doc = envelope()
        doc["version"] = version
        assert problems(doc)[0][0] == "$.version"

    def test_unknown_kind(self) -> None:
        """An unknown kind lists the known ones."""
        doc = envelope("extradition-request")
        [(path, message)] = problems(doc)
        assert path == "$.kind"
        assert "preservation-request" in message

    def test_unknown_key_in_data(self) -> None:
        """Unknown keys are errors at their path, however deep."""
        doc = envelope(refrence="X", requesting_authority={"name": "A", "nmae": "B"})
        assert problems(doc) == [
            ("$.data.refrence", "unknown key"),
            ("$.data.requesting_authority.nmae", "unknown key"),
        ]

    def test_missing_required_field(self) -> None:
        """A required field missing in a nested object is named."""
        doc = envelope(requesting_authority={"country": "FR"})
        assert problems(doc) == [("$.data.requesting_authority.name", "required field missing")]

    @pytest.mark.parametrize(
        ("data", "path", "fragment"),
        [
            (
                {
                    "identifiers": [
                        {"type": "ip-address", "address": "198.51.100.7", "observed_at": "2026-03-02T23:41:07"}
                    ]
                },
                "$.data.identifiers[0].observed_at",
                "naive datetime, a time zone is required",
            ),
            (
                {
                    "identifiers": [
                        {
                            "type": "ip-address",
                            "address": "198.51.100.7",
                            "observed_at": "2026-03-02T23:41:07+05:00[Europe/Vienna]",
                        }
                    ]
                },
                "$.data.identifiers[0].observed_at",
                "does not match Europe/Vienna",
            ),
            (
                {
                    "identifiers": [
                        {
                            "type": "ip-address",
                            "address": "198.51.100.7",
                            "observed_at": "2026-03-02T23:41:07+01:00[Mars/Base]",
                        }
                    ]
                },
                "$.data.identifiers[0].observed_at",
                "unknown time zone",
            ),
            (
                {"identifiers": [{"type": "ip-address", "address": "198.51.100.7", "observed_at": "yesterday"}]},
                "$.data.identifiers[0].observed_at",
                "ISO 8601",
            ),
            (
                {"identifiers": [{"type": "ip-address", "address": "999.1.1.1"}]},
                "$.data.identifiers[0].address",
                "IPv4 or IPv6",
            ),
            (
                {"identifiers": [{"type": "ip-address", "address": "198.51.100.7", "port": "443"}]},
                "$.data.identifiers[0].port",
                "whole number",
            ),
            (
                {"identifiers": [{"type": "ip-address", "address": "198.51.100.7", "port": 99999}]},
                "$.data.identifiers[0].port",
                "0 to 65535",
            ),
            (
                {
                    "identifiers": [
                        {
                            "type": "ip-address",
                            "address": "198.51.100.7",
                            "observed_at": "2026-03-02T23:41:07Z",
                            "period": {"start": "2026-03-02T23:41:07Z", "end": "2026-03-02T23:41:07Z"},
                        }
                    ]
                },
                "$.data.identifiers[0].period",
                "not both",
            ),
            ({"identifiers": [{"type": "telepathy", "value": "x"}]}, "$.data.identifiers[0]", "'type' must be one of"),
            ({"identifiers": [{"address": "a@example.org"}]}, "$.data.identifiers[0]", "'type' must be one of"),
            ({"identifiers": [{"type": "email", "address": "no-at-sign"}]}, "$.data.identifiers[0].address", "e-mail"),
            ({"identifiers": [{"type": "phone", "number": "12345"}]}, "$.data.identifiers[0].number", "international"),
            ({"identifiers": "198.51.100.7"}, "$.data.identifiers", "must be an array"),
            ({"requested_party": "ZZ"}, "$.data.requested_party", "ISO 3166-1"),
            ({"requested_party": 40}, "$.data.requested_party", "must be a string"),
            ({"languages": ["en", "??"]}, "$.data.languages[1]", "BCP 47"),
            ({"facts": {"zz-!!": "text"}}, "$.data.facts.zz-!!", "BCP 47"),
            ({"facts": {"en": "  "}}, "$.data.facts.en", "white space"),
            ({"facts": "plain"}, "$.data.facts", "language tag to text"),
            ({"reference": ""}, "$.data.reference", "empty"),
            ({"date": "04/03/2026"}, "$.data.date", "YYYY-MM-DD"),
            ({"date": "2026-02-30"}, "$.data.date", "not a valid date"),
            ({"urgency": "asap"}, "$.data.urgency", "'routine', 'urgent'"),
            ({"keep_confidential": "false"}, "$.data.keep_confidential", "true or false"),
            ({"preservation_days": 0}, "$.data.preservation_days", "1 or more"),
            ({"preservation_days": True}, "$.data.preservation_days", "whole number"),
            ({"offences": [{"convention_articles": [1]}]}, "$.data.offences[0].convention_articles[0]", "2 to 11"),
            (
                {"requesting_authority": {"name": "A", "time_zone": "CET+1"}},
                "$.data.requesting_authority.time_zone",
                "IANA",
            ),
            (
                {"no_custodian_information": True, "custodian": {"name": "P"}},
                "$.data.no_custodian_information",
                "29(2)(d)",
            ),
        ],
    )
    def test_malformed_values(self, data: dict[str, object], path: str, fragment: str) -> None:
        """Each malformed value is reported at its JSON path with a message naming the rule."""
        found = problems(envelope(**data))
        assert [p for p, _ in found] == [path], found
        assert fragment in found[0][1]

    def test_every_problem_is_reported_not_only_the_first(self) -> None:
        """A document with many problems reports all of them in one error."""
        doc = json.loads(example_text("preservation-request"))
        data = doc["data"]
        data["reference"] = ""
        data["requested_party"] = "XX"
        data["identifiers"][2]["observed_at"] = "2026-03-02T02:14:55"
        data["identifiers"][0]["address"] = "not-an-ip"
        data["requesting_authority"]["email"] = "broken"
        data["requesting_authority"]["phone"] = "0472"
        data["urgency"] = "yesterday"
        data["surplus"] = True
        found = dict(problems(doc))
        assert set(found) == {
            "$.data.reference",
            "$.data.requested_party",
            "$.data.identifiers[2].observed_at",
            "$.data.identifiers[0].address",
            "$.data.requesting_authority.email",
            "$.data.requesting_authority.phone",
            "$.data.urgency",
            "$.data.surplus",
        }

    def test_error_message_names_source_and_paths(self) -> None:
        """The exception text names the file and lists each problem on its own line."""
        with pytest.raises(bc.WireFormatError) as info:
            bc.loads(json.dumps(envelope(reference="")), source="case.json")
        assert str(info.value).startswith("case.json: 1 problem")
        assert "\n  $.data.reference: " in str(info.value)


def test_schema_validates_examples_and_rejects_unknown_keys() -> None:
    """Each kind's schema accepts its example and refuses an unknown key."""
    for kind in KINDS:
        schema = bc.json_schema(kind)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        validator = jsonschema.Draft202012Validator(schema)
        doc = json.loads(example_text(kind))
        validator.validate(doc)
        broken = copy.deepcopy(doc)
        broken["data"]["unknown"] = 1
        assert not validator.is_valid(broken)
    with pytest.raises(KeyError):
        bc.json_schema("letter")


def test_importing_the_package_stays_light() -> None:
    """import budapest_coop loads neither reportlab nor jinja2 nor click."""
    code = "import sys, budapest_coop; print(sorted(m for m in ('reportlab', 'jinja2', 'click') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.wire_objects)
def test_text_is_what_the_standard_json_module_writes(obj: wire.WireObject) -> None:
    """dumps writes exactly the text of json.dumps, compact and indented, and canonical_json sorts keys."""
    data = wire.to_data(obj)
    assert bc.dumps(obj) == json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    assert bc.dumps(obj, indent=2) == json.dumps(data, ensure_ascii=False, indent=2)
    assert wire.canonical_json(obj) == json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode("utf-8")
