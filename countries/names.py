"""Country names in Azerbaijani (and the few Russian ones django-countries lacks).

django-countries ships no Azerbaijani catalogue. The names come from the iso-codes
translations that `pycountry` ships, completed and corrected here where they are missing,
long-form where django-countries uses the short name, or not the spelling Azerbaijani
official usage has ("Amerika Birləşmiş Ştatları", not "Birləşmiş Ştatlar"). They are written
into the project's own catalogue, `locale/countries/`, which Django reads beside
django-countries' own; `manage.py write_country_names` writes it again, and a test checks
that the committed file is what it writes.
"""

import gettext
from pathlib import Path

import django_countries
from django.conf import settings
from django.utils import translation
from django_countries import countries

CATALOGUE_LANGUAGES = ("az", "ru")

# By ISO 3166 code: the name in Azerbaijani where iso-codes has none, a long form, or another
# spelling than the one in use.
AZERBAIJANI = {
    "AS": "Amerika Samoası",
    "AD": "Andorra",
    "AG": "Antiqua və Barbuda",
    "AR": "Argentina",
    "AW": "Aruba",
    "AX": "Aland adaları",
    "BA": "Bosniya və Herseqovina",
    "BB": "Barbados",
    "BF": "Burkina-Faso",
    "BI": "Burundi",
    "BJ": "Benin",
    "BL": "Sen-Bartelemi",
    "BM": "Bermud adaları",
    "BN": "Bruney",
    "BO": "Boliviya",
    "BQ": "Bonayre, Sint-Estatius və Saba",
    "BS": "Baham adaları",
    "BY": "Belarus",
    "CC": "Kokos (Kilinq) adaları",
    "CD": "Konqo Demokratik Respublikası",
    "CI": "Kot-d’İvuar",
    "CK": "Kuk adaları",
    "CR": "Kosta-Rika",
    "CV": "Kabo-Verde",
    "CW": "Kurasao",
    "CX": "Milad adası",
    "CZ": "Çexiya",
    "DM": "Dominika",
    "ER": "Eritreya",
    "FK": "Folklend (Malvin) adaları",
    "FM": "Mikroneziya",
    "FO": "Farer adaları",
    "GB": "Birləşmiş Krallıq",
    "GF": "Fransa Qvianası",
    "GG": "Gernsi",
    "GI": "Cəbəllüttariq",
    "GL": "Qrenlandiya",
    "GP": "Qvadelupa",
    "GS": "Cənubi Corciya və Cənubi Sendviç adaları",
    "GT": "Qvatemala",
    "GW": "Qvineya-Bisau",
    "GY": "Qayana",
    "HK": "Honkonq",
    "HM": "Herd adası və Makdonald adaları",
    "HN": "Honduras",
    "HT": "Haiti",
    "IM": "Men adası",
    "IO": "Britaniyanın Hind okeanı ərazisi",
    "IR": "İran",
    "JE": "Cersi",
    "KE": "Keniya",
    "KH": "Kamboca",
    "KI": "Kiribati",
    "KM": "Komor adaları",
    "KN": "Sent-Kits və Nevis",
    "KP": "Şimali Koreya",
    "KR": "Cənubi Koreya",
    "LA": "Laos",
    "LC": "Sent-Lüsiya",
    "LK": "Şri-Lanka",
    "LY": "Liviya",
    "MD": "Moldova",
    "ME": "Monteneqro",
    "MF": "Sen-Marten (Fransa hissəsi)",
    "MH": "Marşall adaları",
    "MK": "Şimali Makedoniya",
    "ML": "Mali",
    "MM": "Myanma",
    "MP": "Şimali Mariana adaları",
    "MS": "Montserrat",
    "MT": "Malta",
    "MU": "Mavriki",
    "MV": "Maldiv adaları",
    "NE": "Niger",
    "NF": "Norfolk adası",
    "NL": "Niderland",
    "NP": "Nepal",
    "NR": "Nauru",
    "NU": "Niue",
    "NZ": "Yeni Zelandiya",
    "OM": "Oman",
    "PA": "Panama",
    "PE": "Peru",
    "PF": "Fransa Polineziyası",
    "PG": "Papua-Yeni Qvineya",
    "PK": "Pakistan",
    "PM": "Sen-Pyer və Mikelon",
    "PN": "Pitkern adaları",
    "PR": "Puerto-Riko",
    "PS": "Fələstin",
    "PW": "Palau",
    "QA": "Qətər",
    "RE": "Reyunyon",
    "RO": "Rumıniya",
    "RS": "Serbiya",
    "RU": "Rusiya",
    "SA": "Səudiyyə Ərəbistanı",
    "SC": "Seyşel adaları",
    "SD": "Sudan",
    "SH": "Müqəddəs Yelena adası",
    "SL": "Syerra-Leone",
    "SM": "San-Marino",
    "SS": "Cənubi Sudan",
    "ST": "San-Tome və Prinsipi",
    "SV": "Salvador",
    "SX": "Sint-Marten (Niderland hissəsi)",
    "SY": "Suriya",
    "SZ": "Esvatini",
    "TC": "Terks və Kaykos adaları",
    "TF": "Fransanın Cənub əraziləri",
    "TK": "Tokelau",
    "TL": "Şərqi Timor",
    "TV": "Tuvalu",
    "TW": "Tayvan",
    "TZ": "Tanzaniya",
    "UM": "ABŞ-ın Kiçik Xarici adaları",
    "US": "Amerika Birləşmiş Ştatları",
    "VA": "Vatikan",
    "VC": "Sent-Vinsent və Qrenadinlər",
    "VE": "Venesuela",
    "VG": "Britaniya Virgin adaları",
    "VI": "ABŞ Virgin adaları",
    "VN": "Vyetnam",
    "VU": "Vanuatu",
    "WF": "Uollis və Futuna",
    "WS": "Samoa",
    "YT": "Mayotta",
    "ZA": "Cənubi Afrika Respublikası",
}


def _iso_codes_names(language):
    """ISO 3166 code -> the name iso-codes gives in `language`, where it translates it."""
    import pycountry

    catalogue = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )
    names = {}
    for country in pycountry.countries:
        for english in (getattr(country, "common_name", None), country.name):
            if english and catalogue.gettext(english) != english:
                names[country.alpha_2] = catalogue.gettext(english)
                break
    return names


def country_names(language):
    """(English name as django-countries has it, name in `language`) for the catalogue.

    Azerbaijani: every country. Russian: only those django-countries leaves in English.
    """
    names = _iso_codes_names(language)
    if language == "az":
        names.update(AZERBAIJANI)
    # django-countries' own catalogue, not Django's merged one, which holds ours too.
    shipped = gettext.translation(
        "django",
        Path(django_countries.__file__).parent / "locale",
        languages=[language],
        fallback=True,
    )
    with translation.override("en"):
        english = {code: str(name) for code, name in countries}
    entries = []
    for code, name in sorted(english.items(), key=lambda item: item[1]):
        if code in names and (language == "az" or shipped.gettext(name) == name):
            entries.append((name, names[code]))
    return entries


def catalogue(language):
    """The text of `locale/countries/<language>/LC_MESSAGES/django.po`."""
    lines = [
        f"# Country names in {language}, written by `manage.py write_country_names` from "
        "pycountry's iso-codes",
        "# translations and the corrections in countries/names.py. Do not edit.",
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        f'"Language: {language}\\n"',
        "",
    ]
    for english, translated in country_names(language):
        lines += [f"msgid {_quoted(english)}", f"msgstr {_quoted(translated)}", ""]
    return "\n".join(lines)


def catalogue_path(language):
    return (
        Path(settings.BASE_DIR) / "locale" / "countries" / language / "LC_MESSAGES" / "django.po"
    )


def _quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
