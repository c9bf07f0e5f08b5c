"""The exceptions budapest_coop raises.

Every exception derives from :class:`BudapestCoopError`; each subclass also derives from
the builtin exception that fits it, so ``except ValueError`` keeps working for callers who
do not know this library.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "BudapestCoopError",
    "DirectoryError",
    "DirectoryProblem",
    "InvalidValueError",
    "MissingGlyphsError",
    "RenderError",
    "UnknownAuthorityError",
    "UnknownPartyError",
    "UnknownProvisionError",
    "WireFormatError",
    "WireProblem",
]

_MAX_VALUE_LENGTH = 80


def shorten(value: object, limit: int = _MAX_VALUE_LENGTH) -> str:
    """Return ``repr(value)`` cut to *limit* characters, for error messages."""
    text = repr(value)
    if len(text) <= limit:
        return text
    return text[: limit - 1] + "…"


class BudapestCoopError(Exception):
    """Root of every exception raised by budapest_coop."""


class InvalidValueError(BudapestCoopError, ValueError):
    """A value breaks a type invariant of the domain model.

    Raised at construction: a naive datetime, an unknown ISO 3166 code, an invalid
    language tag, a malformed IP address, an empty string where a value is given.

    :ivar field: the field name, e.g. ``"observed_at"``.
    :ivar value: the offending value.
    :ivar rule: what the value must be, in plain words.
    :ivar citation: the article the rule rests on, when it rests on one.
    """

    def __init__(self, field: str, value: object, rule: str, citation: str | None = None) -> None:
        self.field = field
        self.value = value
        self.rule = rule
        self.citation = citation
        where = f" ({citation})" if citation else ""
        super().__init__(f"{field}: {rule}{where}; got {shorten(value)}")


class WireProblem(tuple[str, str]):
    """One problem found while reading the wire format: a JSON path and a message."""

    __slots__ = ()

    def __new__(cls, path: str, message: str) -> WireProblem:
        return super().__new__(cls, (path, message))

    @property
    def path(self) -> str:
        """The JSON path of the offending value, e.g. ``$.data.identifiers[2].observed_at``."""
        return self[0]

    @property
    def message(self) -> str:
        """What is wrong with the value."""
        return self[1]

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class WireFormatError(BudapestCoopError, ValueError):
    """A document in the wire format could not be read.

    ``problems`` lists *every* problem found, each with its JSON path, not only the first.
    """

    def __init__(self, problems: Sequence[WireProblem], source: str | None = None) -> None:
        self.problems: tuple[WireProblem, ...] = tuple(problems)
        self.source = source
        head = f"{source}: " if source else ""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{head}{count} {noun} in budapest-coop document:\n{lines}")


class UnknownPartyError(BudapestCoopError, KeyError):
    """A country code names no State known to the registry."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown party"


class UnknownAuthorityError(BudapestCoopError, KeyError):
    """An authority id names no authority known to the registry."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown authority"


class DirectoryProblem:
    """One bad record of an authorities directory file: where it is, which field, what is wrong."""

    __slots__ = ("field", "file", "line", "location", "message", "value")

    def __init__(
        self,
        file: str,
        location: str,
        field: str | None,
        value: object,
        message: str,
        *,
        line: int | None = None,
    ) -> None:
        self.file = file
        #: ``"line 7"`` for CSV, ``"authorities[3]"`` for JSON and TOML.
        self.location = location
        #: The CSV line the record starts on, when the file is CSV.
        self.line = line
        self.field = field
        self.value = value
        self.message = message

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        value = f"; got {shorten(self.value)}" if self.value is not None else ""
        return f"{self.file}, {self.location}:{field} {self.message}{value}"

    def __repr__(self) -> str:
        return f"DirectoryProblem({str(self)!r})"


class DirectoryError(BudapestCoopError, ValueError):
    """An authorities directory file could not be loaded; ``problems`` lists *every* bad record.

    Nothing of the file is loaded when this is raised.
    """

    def __init__(self, path: str, problems: Sequence[DirectoryProblem], records: int | None = None) -> None:
        self.path = path
        self.problems: tuple[DirectoryProblem, ...] = tuple(problems)
        self.records = records
        rows = len({p.location for p in self.problems})
        of = f" of {records}" if records is not None else ""
        noun = "record" if (records if records is not None else rows) == 1 else "records"
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{path}: {rows}{of} {noun} rejected, nothing loaded:\n{lines}")


class UnknownProvisionError(BudapestCoopError, KeyError):
    """An instrument, article or paragraph is not in budapest_coop's treaty data."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown provision"


class RenderError(BudapestCoopError, RuntimeError):
    """A document could not be rendered."""


class MissingGlyphsError(RenderError):
    """No available font covers some characters of the text to render.

    Raised instead of silently dropping the characters (which reportlab would do).
    ``characters`` holds each missing character once, in order of appearance.
    """

    def __init__(self, characters: Sequence[str], fonts: Sequence[str] = ()) -> None:
        self.characters = tuple(dict.fromkeys(characters))
        self.fonts = tuple(fonts)
        shown = " ".join(f"{c!r} (U+{ord(c):04X})" for c in self.characters[:20])
        more = f" and {len(self.characters) - 20} more" if len(self.characters) > 20 else ""
        searched = f" in fonts {', '.join(self.fonts)}" if self.fonts else ""
        super().__init__(
            f"no glyph{searched} for {shown}{more}; add a font that covers them "
            "(font_dirs=... or the BUDAPEST_COOP_FONT_DIRS environment variable)"
        )
