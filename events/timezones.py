"""The time zones an event can be held in: every IANA zone the machine knows."""

import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@cache
def known_time_zones():
    """Read once a process: `available_timezones()` walks the zone files on disk each call
    (14 ms), which validating an event's zone did with every save and every imported row."""
    return frozenset(zoneinfo.available_timezones())


@cache
def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(known_time_zones())]


def validate_time_zone(value):
    if value not in known_time_zones():
        raise ValidationError(
            _("%(value)s is not a known time zone; choose one such as Europe/Vienna."),
            params={"value": value},
            code="invalid_time_zone",
        )
