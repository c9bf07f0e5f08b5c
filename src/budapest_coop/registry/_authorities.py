"""The authorities directory: records, and loading a ministry's private directory file.

A directory file is JSON, TOML or CSV. Every record is checked field by field; the problems
of *all* records are reported together, and by default a file with any bad record loads
nothing. See ``docs/registry.md`` for the columns.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from budapest_coop.errors import DirectoryError, DirectoryProblem, InvalidValueError
from budapest_coop.model import Authority, LocalizedText, Role, TransmissionChannel, TransmissionMeans
from budapest_coop.model import _checks as c
from budapest_coop.registry._parties import Confidence

__all__ = [
    "DEFAULT_MAX_AGE",
    "DIRECTORY_COLUMNS",
    "DIRECTORY_FORMAT",
    "AuthorityRecord",
    "DirectoryLoad",
    "load_directory",
    "read_directory_records",
]

#: Records older than this are stale unless a caller says otherwise (ETS 185 Arts. 24(7)(b), 27(2)(d)).
DEFAULT_MAX_AGE = dt.timedelta(days=365)

#: The ``format`` value of a JSON directory file.
DIRECTORY_FORMAT = "budapest-coop-authorities"

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")


def _check_id(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not _ID.match(value):
        c.fail(attribute, value, "must be 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit")


def _check_name(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, LocalizedText):
        c.fail(attribute, value, "must be a LocalizedText (the name in one or more languages)")


def _check_roles(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    c.tuple_of(Role)(_instance, attribute, value)
    if not value:
        allowed = ", ".join(r.value for r in Role)
        c.fail(attribute, value, f"needs at least one role among {allowed}")


def _roles(value: object) -> object:
    return c.enum_tuple(Role)(value)


def _confidence(value: object) -> object:
    return c.enum_value(Confidence)(value)


@attrs.frozen(kw_only=True)
class AuthorityRecord:
    """An authority in the directory: who it is, what it is designated for, how to reach it.

    ``roles`` are the functions the authority is designated for: central authority (ETS 185
    Art. 27(2)), 24/7 point of contact (Art. 35), extradition authority (Art. 24(7)), and the
    CETS 224 authorities. ``territory`` narrows a designation to part of the State (for
    example Curaçao, ``"CW"``, for the Netherlands). ``source`` names where the record comes
    from; ``last_verified`` is the date it was last checked against that source.

    The package ships public designations only (agency names); contact details come from a
    ministry's own directory file (:meth:`~budapest_coop.registry.Registry.with_directory`).
    """

    id: str = attrs.field(validator=_check_id)
    country: str = attrs.field(validator=c.country)
    name: LocalizedText = attrs.field(validator=_check_name)
    roles: tuple[Role, ...] = attrs.field(converter=_roles, validator=_check_roles)
    territory: str | None = attrs.field(default=None, validator=c.country)
    address: str | None = c.optional_str()
    person_in_charge: str | None = c.optional_str()
    phone: str | None = attrs.field(default=None, validator=c.phone)
    mobile: str | None = attrs.field(default=None, validator=c.phone)
    email: str | None = attrs.field(default=None, validator=c.email)
    fax: str | None = attrs.field(default=None, validator=c.phone)
    office_hours: str | None = c.optional_str()
    time_zone: str | None = attrs.field(default=None, validator=c.time_zone)
    languages: tuple[str, ...] = attrs.field(default=(), converter=c.language_tags)
    #: The routes by which the authority receives requests (e.g. ``interpol`` for a National Central Bureau).
    channels: tuple[TransmissionChannel, ...] = c.enum_tuple_field(TransmissionChannel)
    #: The technical means it accepts (e-mail, fax, secure platform, post, diplomatic).
    means: tuple[TransmissionMeans, ...] = c.enum_tuple_field(TransmissionMeans)
    notes: str | None = c.optional_str()
    #: The date from which the designation applies, when the source gives one.
    valid_from: dt.date | None = attrs.field(default=None, validator=c.a_date)
    source: tuple[str, ...] = attrs.field(default=(), converter=c.to_tuple, validator=c.tuple_of(str, c.non_blank_item))
    last_verified: dt.date | None = attrs.field(default=None, validator=c.a_date)
    confidence: Confidence = attrs.field(
        default=Confidence.VERIFIED, converter=_confidence, validator=c.member_of(Confidence)
    )

    def applies_on(self, on: dt.date | None) -> bool:
        """True when the designation applies on *on* (always when *on* is None)."""
        return on is None or self.valid_from is None or on >= self.valid_from

    def age(self, today: dt.date) -> dt.timedelta | None:
        """How long ago the record was last verified; None when that is not recorded."""
        return None if self.last_verified is None else today - self.last_verified

    def is_stale(self, *, max_age: dt.timedelta = DEFAULT_MAX_AGE, today: dt.date | None = None) -> bool:
        """True when the record was never verified or was last verified more than *max_age* ago."""
        age = self.age(today or dt.date.today())
        return age is None or age > max_age

    def to_authority(self, language: str | None = None) -> Authority:
        """The record as the :class:`~budapest_coop.Authority` of a request (``directory_id`` set).

        The name is taken in *language* when the record has it, else in its original language.
        """
        name = self.name.get_in((language,)) if language else None
        return Authority(
            name=name or self.name.original,
            country=self.country,
            person_in_charge=self.person_in_charge,
            address=self.address,
            phone=self.phone,
            mobile=self.mobile,
            email=self.email,
            fax=self.fax,
            office_hours=self.office_hours,
            time_zone=self.time_zone,
            roles=self.roles,
            directory_id=self.id,
        )

    def to_dict(self) -> dict[str, Any]:
        """The record in the JSON directory format."""
        return {
            "id": self.id,
            "country": self.country,
            "territory": self.territory,
            "name": self.name.to_dict(),
            "roles": [r.value for r in self.roles],
            "address": self.address,
            "person_in_charge": self.person_in_charge,
            "phone": self.phone,
            "mobile": self.mobile,
            "email": self.email,
            "fax": self.fax,
            "office_hours": self.office_hours,
            "time_zone": self.time_zone,
            "languages": list(self.languages),
            "channels": [ch.value for ch in self.channels],
            "means": [m.value for m in self.means],
            "notes": self.notes,
            "valid_from": None if self.valid_from is None else self.valid_from.isoformat(),
            "source": list(self.source),
            "last_verified": None if self.last_verified is None else self.last_verified.isoformat(),
            "confidence": self.confidence.value,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AuthorityRecord:
        """Read a record in the JSON directory format; raises on the first problem.

        Use :func:`load_directory` to check a whole file and hear of every problem.
        """
        values, problems = _record_values(data, _JSON_READERS)
        if problems:
            field, value, message = problems[0]
            raise InvalidValueError(field or "record", value, message)
        return cls(**values)


_FIELDS = {a.name: a for a in attrs.fields(AuthorityRecord)}
_REQUIRED = ("id", "country", "name", "roles")

#: The columns of a CSV directory file, in the order a template lists them. ``name`` is the
#: name in the language given by ``name_language`` (default ``en``); ``name.<tag>`` columns add
#: translations; list columns separate values with ``;``.
DIRECTORY_COLUMNS: tuple[str, ...] = (
    "id",
    "country",
    "territory",
    "name",
    "name_language",
    "roles",
    "address",
    "person_in_charge",
    "phone",
    "mobile",
    "email",
    "fax",
    "office_hours",
    "time_zone",
    "languages",
    "channels",
    "means",
    "notes",
    "valid_from",
    "source",
    "last_verified",
    "confidence",
)
_LIST_FIELDS = frozenset(("roles", "languages", "channels", "means", "source"))
_DATE_FIELDS = frozenset(("valid_from", "last_verified"))

# A reader turns the raw value of one field into the value AuthorityRecord takes; it raises
# InvalidValueError, which becomes a problem naming the field.
_Reader = Callable[[object], object]


def _date(value: object) -> object:
    if isinstance(value, dt.datetime):
        raise InvalidValueError("date", value, "must be a calendar date (YYYY-MM-DD), not a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InvalidValueError("date", value, "must be a calendar date written YYYY-MM-DD")


def _json_list(value: object) -> object:
    if isinstance(value, list | tuple):
        return tuple(value)
    raise InvalidValueError("list", value, "must be a list")


def _json_name(value: object) -> object:
    if isinstance(value, str):
        return LocalizedText({"en": value})
    if isinstance(value, Mapping):
        return LocalizedText(value)
    raise InvalidValueError("name", value, "must be a string (English) or an object of language tag to name")


def _csv_list(value: object) -> object:
    assert isinstance(value, str)
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _enum_list(kind: type[Role] | type[TransmissionChannel] | type[TransmissionMeans], split: _Reader) -> _Reader:
    allowed = ", ".join(str(m.value) for m in kind)

    def read(value: object) -> object:
        items = split(value)
        assert isinstance(items, tuple)
        out = []
        for i, item in enumerate(items):
            try:
                out.append(kind(item))
            except ValueError:
                raise InvalidValueError(f"[{i}]", item, f"must be one of {allowed}") from None
        return tuple(out)

    return read


_ENUM_FIELDS: dict[str, type[Role] | type[TransmissionChannel] | type[TransmissionMeans]] = {
    "roles": Role,
    "channels": TransmissionChannel,
    "means": TransmissionMeans,
}

_JSON_READERS: dict[str, _Reader] = {
    **dict.fromkeys(_LIST_FIELDS, _json_list),
    **{name: _enum_list(kind, _json_list) for name, kind in _ENUM_FIELDS.items()},
    **dict.fromkeys(_DATE_FIELDS, _date),
    "name": _json_name,
}
_CSV_READERS: dict[str, _Reader] = {
    **dict.fromkeys(_LIST_FIELDS, _csv_list),
    **{name: _enum_list(kind, _csv_list) for name, kind in _ENUM_FIELDS.items()},
    **dict.fromkeys(_DATE_FIELDS, _date),
}


def _record_values(
    data: object, readers: Mapping[str, _Reader]
) -> tuple[dict[str, Any], list[tuple[str | None, object, str]]]:
    """Check each field of one raw record on its own; return the values and every problem found."""
    problems: list[tuple[str | None, object, str]] = []
    if not isinstance(data, Mapping):
        return {}, [(None, data, "must be an object (a table) of field names to values")]
    values: dict[str, Any] = {}
    for key, raw in data.items():
        if key not in _FIELDS:
            problems.append((key, raw, f"unknown field; fields are {', '.join(_FIELDS)}"))
            continue
        if raw is None:
            continue
        attribute = _FIELDS[key]
        try:
            value = readers[key](raw) if key in readers else raw
            if attribute.converter is not None:
                value = attribute.converter(value)  # type: ignore[operator]
            if attribute.validator is not None:
                attribute.validator(None, attribute, value)
        except InvalidValueError as exc:
            where = f"{key}{exc.field}" if exc.field.startswith("[") else key
            if exc.field.startswith(f"{key}["):
                where = exc.field
            problems.append((where, exc.value if where != key else raw, exc.rule))
            continue
        values[key] = value
    problems.extend((name, None, "is required") for name in _REQUIRED if data.get(name) in (None, "", [], ()))
    return values, problems


@attrs.frozen(kw_only=True)
class DirectoryLoad:
    """What was read from one directory file: the good records and the problems of the bad ones."""

    path: str
    records: tuple[AuthorityRecord, ...]
    problems: tuple[DirectoryProblem, ...]
    #: How many records (rows) the file holds, good and bad.
    total: int

    @property
    def rejected(self) -> int:
        """How many records were rejected."""
        return len({p.location for p in self.problems})


def load_directory(path: str | Path, *, lenient: bool = False) -> DirectoryLoad:
    """Read and check an authorities directory file (``.json``, ``.toml`` or ``.csv``).

    Every record is checked and every problem is collected. Unless *lenient*, any problem
    raises :class:`~budapest_coop.errors.DirectoryError` listing them all, and nothing is
    loaded; with *lenient*, the good records are returned with the problems of the others.
    A file that cannot be read at all always raises.
    """
    file = Path(path)
    name = str(path)
    suffix = file.suffix.lower()
    if suffix not in (".json", ".toml", ".csv"):
        raise DirectoryError(name, [DirectoryProblem(name, "file", None, suffix, "must end in .json, .toml or .csv")])
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise DirectoryError(
            name, [DirectoryProblem(name, "file", None, None, f"cannot be read ({exc.strerror})")]
        ) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = DirectoryProblem(name, "file", None, None, f"is not UTF-8 text (byte {exc.start})")
        raise DirectoryError(name, [problem]) from exc
    rows = _csv_rows(name, text) if suffix == ".csv" else _document_rows(name, text, suffix)
    return _check_rows(name, rows, lenient=lenient)


def read_directory_records(data: Mapping[str, Any], name: str = "<data>") -> tuple[AuthorityRecord, ...]:
    """Check the records of a parsed JSON directory document; raises DirectoryError on any problem."""
    return _check_rows(name, _object_rows(name, data), lenient=False).records


# (location, CSV line, raw record, readers, a problem found before the fields are read)
_Row = tuple[str, int | None, object, Mapping[str, _Reader], str | None]


def _check_rows(name: str, rows: Iterable[_Row], *, lenient: bool) -> DirectoryLoad:
    records: list[AuthorityRecord] = []
    problems: list[DirectoryProblem] = []
    seen: dict[str, str] = {}
    total = 0
    for location, line, data, readers, row_problem in rows:
        total += 1
        if row_problem is not None:
            problems.append(DirectoryProblem(name, location, None, None, row_problem, line=line))
            continue
        values, found = _record_values(data, readers)
        record_id = values.get("id")
        if isinstance(record_id, str) and record_id in seen:
            found.append(("id", record_id, f"is already used by the record at {seen[record_id]}"))
        row_problems = [DirectoryProblem(name, location, f, v, m, line=line) for f, v, m in found]
        if not row_problems:
            try:
                record = AuthorityRecord(**values)
            except InvalidValueError as exc:
                row_problems.append(DirectoryProblem(name, location, exc.field, exc.value, exc.rule, line=line))
            else:
                records.append(record)
                seen[record.id] = location
        problems.extend(row_problems)
    if problems and not lenient:
        raise DirectoryError(name, problems, total)
    return DirectoryLoad(path=name, records=tuple(records), problems=tuple(problems), total=total)


def _file_error(name: str, message: str, value: object = None) -> DirectoryError:
    return DirectoryError(name, [DirectoryProblem(name, "file", None, value, message)])


def _document_rows(name: str, text: str, suffix: str) -> list[_Row]:
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _file_error(name, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise _file_error(name, f"is not valid TOML ({exc})") from exc
    return _object_rows(name, data)


def _object_rows(name: str, data: object) -> list[_Row]:
    if not isinstance(data, Mapping) or not isinstance(data.get("authorities"), list):
        raise _file_error(name, "must hold a list of records under the key 'authorities'")
    extra = sorted(set(data) - {"format", "version", "as_of", "authorities"})
    if extra:
        raise _file_error(name, "has unknown top-level keys; allowed: format, version, as_of, authorities", extra)
    if data.get("format", DIRECTORY_FORMAT) != DIRECTORY_FORMAT:
        raise _file_error(name, f"'format' must be {DIRECTORY_FORMAT!r}", data.get("format"))
    if data.get("version", 1) != 1:
        raise _file_error(name, "'version' must be 1 (the only version so far)", data.get("version"))
    return [(f"authorities[{i}]", None, item, _JSON_READERS, None) for i, item in enumerate(data["authorities"])]


_NAME_COLUMN = re.compile(r"^name\.(?P<tag>.+)$")


def _csv_rows(name: str, text: str) -> Iterator[_Row]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise _file_error(name, "is empty; the first line must name the columns") from None
    except csv.Error as exc:
        raise _file_error(name, f"line 1 is not valid CSV ({exc})") from exc
    unknown = [h for h in header if h not in DIRECTORY_COLUMNS and not _NAME_COLUMN.match(h)]
    if unknown:
        raise _file_error(
            name, f"line 1 names unknown columns; columns are {', '.join(DIRECTORY_COLUMNS)}, name.<tag>", unknown
        )
    missing = [col for col in _REQUIRED if col not in header]
    if missing:
        raise _file_error(name, f"line 1 lacks the required columns {', '.join(missing)}", header)
    if len(set(header)) != len(header):
        raise _file_error(name, "line 1 names a column twice", header)
    return _csv_records(name, reader, header)


def _csv_records(name: str, reader: Any, header: list[str]) -> Iterator[_Row]:
    previous_end = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _file_error(name, f"line {previous_end + 1} is not valid CSV ({exc})") from exc
        start = previous_end + 1
        previous_end = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        location = f"line {start}"
        if len(cells) != len(header):
            problem = f"has {len(cells)} cells where the header names {len(header)} columns"
            yield location, start, {}, _CSV_READERS, problem
            continue
        yield location, start, _csv_record(dict(zip(header, cells, strict=True))), _CSV_READERS, None


def _csv_record(cells: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    translations: dict[str, str] = {}
    for column, raw in cells.items():
        value = raw.strip()
        match = _NAME_COLUMN.match(column)
        if not value or column in ("name", "name_language"):
            continue
        if match:
            translations[match["tag"]] = value
        else:
            data[column] = value
    original = cells.get("name", "").strip()
    language = cells.get("name_language", "").strip() or "en"
    names = {language: original, **translations} if original else translations
    if names:
        data["name"] = names
    return data


def _csv_name(value: object) -> object:
    assert isinstance(value, dict)
    return LocalizedText(value)


_CSV_READERS["name"] = _csv_name
