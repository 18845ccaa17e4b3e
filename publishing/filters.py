"""Filters the public outputs share, strict about what they read: a day is YYYY-MM-DD and a
moment RFC 3339, as the API's schema describes them, never one of the many spellings that
Django's forms also take (day first, no seconds, no offset). The patterns below are both the
check and what the schema says; the years stay where every time zone can hold them."""

import datetime

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

FIRST_YEAR, LAST_YEAR = 1000, 2999
YEAR = r"[12][0-9]{3}"
DAY = rf"{YEAR}-[0-9]{{2}}-[0-9]{{2}}"
MOMENT = rf"{DAY}T[0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}(\.[0-9]{{1,6}})?(Z|[+-][0-9]{{2}}:[0-9]{{2}})"


class StrictlyWritten:
    """A form field that reads its value in the one spelling its pattern gives."""

    parse = None  # the text to the value, ValueError if there is no such value
    nonexistent = ""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.run_validators(value)
        try:
            return self.parse(value)
        except ValueError:
            raise forms.ValidationError(self.nonexistent, code="invalid") from None

    def validate(self, value):
        forms.Field.validate(self, value)

    def run_validators(self, value):
        if isinstance(value, str):  # the pattern is the text's; the value passed it
            super().run_validators(value)


class DayField(StrictlyWritten, forms.DateField):
    default_validators = [
        RegexValidator(rf"^{DAY}$", _("A day as YYYY-MM-DD, such as 2025-01-24."))
    ]
    parse = staticmethod(datetime.date.fromisoformat)
    nonexistent = _("There is no such day.")


class MomentField(StrictlyWritten, forms.DateTimeField):
    default_validators = [
        RegexValidator(
            rf"^{MOMENT}$",
            _("A time as RFC 3339 gives it, with its offset: 2025-01-24T15:00:00+04:00."),
        )
    ]
    parse = staticmethod(datetime.datetime.fromisoformat)
    nonexistent = _("There is no such time.")


class DayFilter(django_filters.DateFilter):
    field_class = DayField


class MomentFilter(django_filters.DateTimeFilter):
    field_class = MomentField


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(**kwargs)


class SlugFilter(django_filters.CharFilter):
    """A record by the slug of its address: letters, digits, hyphens and underscores."""

    field_class = forms.SlugField
