"""The backup's JSON: Django's own, with times to the microsecond.

Django's JSON encoder cuts times to the millisecond, so that a restored archive would not be
the one backed up (records saved in the same millisecond would lose their order). Its own
deserializer reads the longer times; `manage.py restore` loads them as any JSON fixture.
"""

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder


class ExactTimesEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactTimesEncoder


Deserializer = django_json.Deserializer
