"""Free text in one or more languages."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from budapest_coop.errors import InvalidValueError
from budapest_coop.model._checks import language_tag, text_problem

__all__ = ["LocalizedText"]


class LocalizedText(Mapping[str, str]):
    """The same free text in one or more languages, keyed by BCP 47 tag.

    The first language given is the original; the others are translations supplied by the
    user (the library never machine-translates). Tags are standardised with langcodes, and
    every text must contain more than white space. The text itself is kept exactly as given.

    >>> facts = LocalizedText({"en": "Files were encrypted.", "FR": "Des fichiers ont été chiffrés."})
    >>> facts.languages
    ('en', 'fr')
    >>> facts["fr"]
    'Des fichiers ont été chiffrés.'
    >>> LocalizedText.of("Only English.").original
    'Only English.'
    >>> facts.get_in(("de", "en"))
    'Files were encrypted.'
    """

    __slots__ = ("_hash", "_items")

    _items: dict[str, str]
    _hash: int | None

    def __init__(self, texts: Mapping[str, str] | None = None, /, **by_language: str) -> None:
        items: dict[str, str] = {}
        if texts is not None and texts.__class__ is not dict and not isinstance(texts, Mapping):
            raise InvalidValueError("text", texts, "must be a mapping of language tag to text")
        source: Mapping[str, str] = (texts or {}) if not by_language else {**(texts or {}), **by_language}
        if not source:
            raise InvalidValueError("text", texts, "needs at least one language (use null for no text)")
        for key, value in source.items():
            tag = language_tag(key, key)
            if value.__class__ is not str and not isinstance(value, str):
                raise InvalidValueError(tag, value, "must be a string")
            problem = text_problem(value)
            if problem is not None:
                raise InvalidValueError(tag, value, problem)
            if tag in items:
                raise InvalidValueError(tag, key, "the same language is given twice")
            items[tag] = value
        object.__setattr__(self, "_items", items)
        object.__setattr__(self, "_hash", None)

    @classmethod
    def of(cls, text: str, language: str = "en") -> LocalizedText:
        """Text in a single language (English unless *language* is given)."""
        return cls({language: text})

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("LocalizedText is immutable")

    def __getitem__(self, language: str) -> str:
        try:
            return self._items[language]
        except KeyError:
            return self._items[language_tag(language)]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, language: object) -> bool:
        if language in self._items:
            return True
        try:
            return isinstance(language, str) and language_tag(language) in self._items
        except InvalidValueError:
            return False

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LocalizedText):
            return self._items == other._items and list(self._items) == list(other._items)
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(tuple(self._items.items())))
        return self._hash  # type: ignore[return-value]

    def __repr__(self) -> str:
        return f"LocalizedText({self._items!r})"

    def __reduce__(self) -> tuple[type[LocalizedText], tuple[dict[str, str]]]:
        return (LocalizedText, (dict(self._items),))

    @property
    def languages(self) -> tuple[str, ...]:
        """The language tags, the original first."""
        return tuple(self._items)

    @property
    def original(self) -> str:
        """The text in the first language given."""
        return next(iter(self._items.values()))

    def get_in(self, languages: tuple[str, ...] | list[str]) -> str | None:
        """The text in the first of *languages* that is available, else None."""
        for language in languages:
            if language in self:
                return self[language]
        return None

    def with_translation(self, language: str, text: str) -> LocalizedText:
        """A copy with *text* added (or replaced) for *language*."""
        items = dict(self._items)
        items[language_tag(language)] = text
        return LocalizedText(items)

    def to_dict(self) -> dict[str, str]:
        """A plain dict, original language first."""
        return dict(self._items)
