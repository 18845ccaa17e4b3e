"""How a field of /api/v1/ goes: announced in the schema and in the answers' headers, kept
at least six months, then removed. A partner's client is never broken without warning.

    @going(organiser=Going(announced=date(2027, 1, 15), sunset=date(2027, 7, 15),
                           instead="organisers"))
    class EventSerializer(...): ...

marks the field `deprecated` in the schema, and every answer made with the serializer
carries `Deprecation` (RFC 9745: since when), `Sunset` (RFC 8594: until when) and a `Link`
to the policy on the documentation page.
"""

import dataclasses
import datetime

from django.utils.http import http_date
from drf_spectacular.utils import extend_schema_serializer

NOTICE = datetime.timedelta(days=183)
POLICY = "/api/docs/#deprecation"


@dataclasses.dataclass(frozen=True)
class Going:
    announced: datetime.date
    sunset: datetime.date
    instead: str = ""

    def __post_init__(self):
        if self.sunset - self.announced < NOTICE:
            raise ValueError("A field is kept at least six months after it is announced to go.")


def going(**fields):
    """A class decorator for a serializer: these of its fields are going."""

    def mark(serializer_class):
        serializer_class.going = {**getattr(serializer_class, "going", {}), **fields}
        return extend_schema_serializer(deprecate_fields=list(serializer_class.going))(
            serializer_class
        )

    return mark


def _midnight(day):
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC).timestamp()


def deprecation_headers(serializer_class):
    """The headers of an answer made with `serializer_class`: none while nothing goes."""
    fields = getattr(serializer_class, "going", {}).values()
    if not fields:
        return {}
    return {
        "Deprecation": f"@{int(_midnight(min(field.announced for field in fields)))}",
        "Sunset": http_date(_midnight(min(field.sunset for field in fields))),
        "Link": f'<{POLICY}>; rel="deprecation"',
    }
