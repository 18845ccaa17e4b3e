"""The time zones an event can be held in: every IANA zone the machine knows."""

import zoneinfo
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from countries.zones import zone_name


@cache
def known_time_zones():
    """Read once a process: `available_timezones()` walks the zone files on disk each call
    (14 ms), which validating an event's zone did with every save and every imported row."""
    return frozenset(zoneinfo.available_timezones())


def time_zone_choices():
    """Every zone by its identifier and its name in the staff member's language:
    "Europe/Berlin — Mərkəzi Avropa Vaxtı"."""
    return _named_choices(get_language() or settings.LANGUAGE_CODE)


@cache
def _named_choices(language):
    with override(language):
        return [(name, _named(name)) for name in sorted(known_time_zones())]


def _named(name):
    if "/" not in name or name.startswith("Etc/"):
        return name  # an alias ("Factory", "Etc/GMT+4") whose CLDR name says less than it
    try:
        return f"{name.replace('_', ' ')} — {zone_name(name)}"
    except (LookupError, ValueError):
        return name.replace("_", " ")


def validate_time_zone(value):
    if value not in known_time_zones():
        raise ValidationError(
            _("%(value)s is not a known time zone; choose one such as Europe/Vienna."),
            params={"value": value},
            code="invalid_time_zone",
        )
