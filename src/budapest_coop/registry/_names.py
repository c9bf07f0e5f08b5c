"""Country names in any language: Babel first, then pycountry's translations."""

from __future__ import annotations

import functools
import gettext

from budapest_coop.errors import InvalidValueError
from budapest_coop.model._checks import language_tag

__all__ = ["country_name"]


@functools.lru_cache(maxsize=256)
def _babel_territories(locale: str) -> dict[str, str] | None:
    import babel

    try:
        parsed = babel.Locale.parse(locale, sep="-")
    except (ValueError, babel.UnknownLocaleError):
        return None
    return dict(parsed.territories)


@functools.lru_cache(maxsize=128)
def _pycountry_translation(locale: str) -> gettext.NullTranslations | None:
    import pycountry

    candidates = [locale.replace("-", "_"), locale.split("-", 1)[0]]
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=candidates)
    except OSError:
        return None


@functools.lru_cache(maxsize=4096)
def country_name(code: str, locale: str = "en", fallback: str | None = None) -> str:
    """The name of the country or territory *code* in *locale* (a BCP 47 tag).

    Babel's CLDR names come first; pycountry's translations (ISO 3166 names) fill gaps; the
    English ISO name, then *fallback*, then the code itself come last.

    >>> country_name("NZ", "fr")
    'Nouvelle-Zélande'
    >>> country_name("EU", "de")
    'Europäische Union'
    """
    tag = language_tag(locale, "locale")
    territories = _babel_territories(tag)
    if territories is None and _pycountry_translation(tag) is None:
        raise InvalidValueError("locale", locale, "names no language Babel or pycountry knows")
    if territories is not None and code in territories:
        return territories[code]
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is not None:
        translation = _pycountry_translation(tag)
        english = str(country.name)
        if translation is not None:
            return translation.gettext(english)
        return str(getattr(country, "common_name", english))
    return fallback or code
