"""JSON Schema (draft 2020-12) generated from the attrs classes of the domain model."""

from __future__ import annotations

import datetime as dt
import enum
import ipaddress
import types
import typing
from typing import Any

import attrs

from budapest_coop.model import Identifier, LocalizedText
from budapest_coop.model import _checks as c
from budapest_coop.model.identifiers import IDENTIFIER_TYPES
from budapest_coop.wire._converter import _NESTED_BY_KIND, NestedDocument

_DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)(\[[^\[\]]+\])?$"
_VALIDATOR_KEYWORDS: dict[Any, dict[str, Any]] = {
    c.country: {"pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2 code"},
    c.email: {"format": "email"},
    c.phone: {"pattern": r"^\s*\+", "description": "international number: + and the country code"},
    c.non_blank: {"minLength": 1, "pattern": r"\S"},
    c.time_zone: {"description": "IANA time zone (Europe/Vienna) or offset (UTC+01:00)"},
    c.positive_int: {"minimum": 1},
}
_IP = ipaddress.IPv4Address | ipaddress.IPv6Address


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}
            self.defs[name] = self.class_schema(cls)
        return {"$ref": f"#/$defs/{name}"}

    def class_schema(self, cls: type, kind: str | None = None) -> dict[str, Any]:
        fields = attrs.fields(attrs.resolve_types(cls))
        properties: dict[str, Any] = {}
        required: list[str] = []
        if kind is not None:
            properties["type"] = {"const": kind}
            required.append("type")
        for field in fields:
            schema = self.type_schema(field.type)
            schema = {**schema, **_VALIDATOR_KEYWORDS.get(field.validator, {})}
            if field.default is attrs.NOTHING:
                required.append(field.name)
            properties[field.name] = schema
        out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
        if required:
            out["required"] = required
        doc = (cls.__doc__ or "").strip().split("\n\n")[0]
        if doc:
            out["description"] = " ".join(doc.split())
        return out

    def type_schema(self, t: Any) -> dict[str, Any]:
        origin = typing.get_origin(t)
        args = typing.get_args(t)
        if t == Identifier:
            for cls in IDENTIFIER_TYPES:
                name = cls.__name__
                if name not in self.defs:
                    self.defs[name] = self.class_schema(cls, kind=cls.KIND)
            return {"oneOf": [{"$ref": f"#/$defs/{cls.__name__}"} for cls in IDENTIFIER_TYPES]}
        if t == NestedDocument:
            options = []
            for kind, cls in _NESTED_BY_KIND.items():
                options.append(
                    {
                        "type": "object",
                        "properties": {"kind": {"const": kind}, "data": self.ref(cls)},
                        "required": ["kind", "data"],
                        "additionalProperties": False,
                    }
                )
            return {"oneOf": options}
        if t == _IP:
            return {"type": "string", "anyOf": [{"format": "ipv4"}, {"format": "ipv6"}]}
        if origin in (typing.Union, types.UnionType) and type(None) in args:
            rest = [a for a in args if a is not type(None)]
            inner = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
            return {"anyOf": [self.type_schema(inner), {"type": "null"}]}
        if origin is tuple:
            return {"type": "array", "items": self.type_schema(args[0])}
        if t is str:
            return {"type": "string"}
        if t is bool:
            return {"type": "boolean"}
        if t is int:
            return {"type": "integer"}
        if t is dt.datetime:
            return {"type": "string", "pattern": _DATETIME_PATTERN, "description": "ISO 8601 with offset"}
        if t is dt.date:
            return {"type": "string", "format": "date"}
        if t is LocalizedText:
            return {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"pattern": "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"},
                "additionalProperties": {"type": "string", "minLength": 1, "pattern": r"\S"},
                "description": "the same text keyed by BCP 47 language tag, original first",
            }
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return {"enum": [m.value for m in t]}
        if isinstance(t, type) and attrs.has(t):
            return self.ref(t)
        raise TypeError(f"no JSON Schema for {t!r}")


def schema_for(kind: str, cls: type, fmt: str, version: int) -> dict[str, Any]:
    builder = _Builder()
    data = builder.class_schema(cls)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:budapest-coop:schema:v{version}:{kind}",
        "title": f"budapest-coop {kind}, wire format version {version}",
        "type": "object",
        "properties": {
            "format": {"const": fmt},
            "version": {"const": version},
            "kind": {"const": kind},
            "data": data,
        },
        "required": ["format", "version", "kind", "data"],
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }
