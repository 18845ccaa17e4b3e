"""A country found by any name people write it by, in Azerbaijani, English or Russian.

Councils and embassies write "UK", "Great Britain", "Russian Federation", "США" or "ABŞ" where
the site says "United Kingdom", "Russia" and "United States". A name is looked up among:

- the names the site itself shows (django-countries with the project's catalogue);
- CLDR's names (through Babel), as operating systems and browsers write them;
- iso-codes' short, official and common names and their Azerbaijani and Russian
  translations (through pycountry), "Korea, Republic of" also as "Republic of Korea";
- `CUSTOMARY`, a short table of what neither source has.

A name that more than one country answers to ("Korea", "Congo") finds none: the staff member
is told the candidates and writes which one is meant.
"""

import functools
import gettext
import re
import unicodedata

import pycountry
from babel import Locale
from django.utils import translation
from django_countries import countries

LANGUAGES = ("az", "en", "ru")

# Names in common use that neither CLDR nor iso-codes gives, by the countries they may mean;
# more than one code makes the name ambiguous. Add a name here when a spreadsheet brings one.
CUSTOMARY = {
    # English
    "America": ("US",),
    "USA": ("US",),
    "U.S.": ("US",),
    "UK": ("GB",),
    "Great Britain": ("GB",),
    "Britain": ("GB",),
    "England": ("GB",),
    "Scotland": ("GB",),
    "Wales": ("GB",),
    "Northern Ireland": ("GB",),
    "Holland": ("NL",),
    "Turkey": ("TR",),
    "Russia": ("RU",),
    "UAE": ("AE",),
    "Czech Republic": ("CZ",),
    "Macedonia": ("MK",),
    "Swaziland": ("SZ",),
    "Burma": ("MM",),
    "Ivory Coast": ("CI",),
    "Cape Verde": ("CV",),
    "Vatican": ("VA",),
    "Korea": ("KR", "KP"),
    "Congo": ("CG", "CD"),
    # Names in the countries' own languages, as embassies write them
    "Deutschland": ("DE",),
    "Österreich": ("AT",),
    "Schweiz": ("CH",),
    "Nederland": ("NL",),
    "España": ("ES",),
    "Italia": ("IT",),
    "Polska": ("PL",),
    "Sverige": ("SE",),
    "Türkiye Cumhuriyeti": ("TR",),
    "Україна": ("UA",),
    "Sakartvelo": ("GE",),
    "Қазақстан": ("KZ",),
    "O‘zbekiston": ("UZ",),
    # Azerbaijani
    "ABŞ": ("US",),
    "Amerika": ("US",),
    "Böyük Britaniya": ("GB",),
    "İngiltərə": ("GB",),
    "Hollandiya": ("NL",),
    "Türkiyə Cümhuriyyəti": ("TR",),
    "BƏƏ": ("AE",),
    "Koreya": ("KR", "KP"),
    "Konqo": ("CG", "CD"),
    # Russian
    "США": ("US",),
    "Америка": ("US",),
    "РФ": ("RU",),
    "Англия": ("GB",),
    "Британия": ("GB",),
    "Голландия": ("NL",),
    "ОАЭ": ("AE",),
    "Чехия": ("CZ",),
    "Белоруссия": ("BY",),
    "Киргизия": ("KG",),
    "Молдавия": ("MD",),
    "Корея": ("KR", "KP"),
    "Конго": ("CG", "CD"),
}

_PUNCTUATION = re.compile(r"[\s,;:()\[\]'’‘\"“”«»\-–—/]+")


class UnknownCountry(ValueError):
    """No country goes by the name."""


class AmbiguousCountry(ValueError):
    """More than one country goes by the name; `codes` are the candidates."""

    def __init__(self, name, codes):
        super().__init__(name)
        self.codes = codes


def country_key(name):
    """A country's name as it is compared: case, accents, punctuation and spacing aside
    ("U.S.A." is "usa", "Côte d’Ivoire" is "cote d ivoire", "İTALİYA" is "italiya")."""
    folded = _PUNCTUATION.sub(" ", str(name or "").replace(".", "")).casefold()
    decomposed = unicodedata.normalize("NFKD", folded.replace("ı", "i"))
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(folded.split()).removeprefix("the ")


def find_country(name):
    """The ISO 3166 alpha-2 code of the country `name` means: a code (DE, DEU) or a name.

    Raises `UnknownCountry`, or `AmbiguousCountry` with the candidates.
    """
    value = str(name or "").strip()
    if len(value) in {2, 3} and value.isascii() and value.isalpha():
        code = countries.alpha2(value.upper())
        if code:
            return code
    codes = _codes_by_name().get(country_key(value), ())
    if not codes:
        raise UnknownCountry(value)
    if len(codes) > 1:
        raise AmbiguousCountry(value, codes)
    return codes[0]


@functools.cache
def _codes_by_name():
    """Every name of every country -> the codes of the countries it names, in order."""
    found = {}

    def add(name, code):
        key = country_key(name)
        if key and code not in found.setdefault(key, []):
            found[key].append(code)

    known = {code for code, _name in countries}
    for language in LANGUAGES:
        with translation.override(language):
            for code, name in countries:
                add(name, code)
        for code, name in Locale.parse(language).territories.items():
            if code in known:
                add(name, code)
        for code, name in _iso_codes_names(language):
            if code in known:
                add(name, code)
    for name, codes in CUSTOMARY.items():
        for code in codes:
            add(name, code)
    return {key: tuple(codes) for key, codes in found.items()}


def _iso_codes_names(language):
    """(code, name) for each of iso-codes' names of each country in `language`, "Korea,
    Republic of" also turned round."""
    catalogue = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )
    for country in pycountry.countries:
        for field in ("name", "official_name", "common_name"):
            english = getattr(country, field, None)
            if not english:
                continue
            name = english if language == "en" else catalogue.gettext(english)
            if language != "en" and name == english:
                continue  # not translated: the English name is listed already
            yield country.alpha_2, name
            head, comma, tail = name.partition(", ")
            if comma:
                yield country.alpha_2, f"{tail} {head}"
