"""Time zones named as readers of each language say them: "Bakı vaxtı", "бакинское время",
"Central European Summer Time", never "Asia/Baku".

CLDR's names through Babel, for the moment shown (summer or standard time), and a short
table where CLDR's is not what people say: Russian CLDR calls Baku's time "Азербайджан" and
Moscow's "Москва", Azerbaijani CLDR misspells Georgia ("Gurcüstan").
"""

import zoneinfo

from babel.dates import get_timezone_name
from django.conf import settings
from django.utils import translation

OWN_NAMES = {
    "Asia/Baku": {"az": "Bakı vaxtı", "en": "Baku time", "ru": "бакинское время"},
    "Europe/Moscow": {"az": "Moskva vaxtı", "en": "Moscow time", "ru": "московское время"},
    "Asia/Tbilisi": {"az": "Gürcüstan vaxtı"},
}


def zone_name(zone, moment=None):
    """`zone` (a name or a ZoneInfo) named in the active language: as at `moment` (summer or
    standard time), or by its generic name without one ("Central European Time")."""
    zone = zoneinfo.ZoneInfo(zone) if isinstance(zone, str) else zone
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    own = OWN_NAMES.get(zone.key, {}).get(language)
    if own:
        return own
    if moment is None:
        name = get_timezone_name(zone, width="long", zone_variant="generic", locale=language)
    else:
        name = get_timezone_name(moment.astimezone(zone), width="long", locale=language)
    if language == "ru" and "время" not in name:
        # CLDR's Russian names some zones by their region alone ("Персидский залив").
        name = f"время: {name}"
    return name
