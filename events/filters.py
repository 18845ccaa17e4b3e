"""The one filter of public events, which the list page, the embed and the API all read.

django-filter reads it from the query string and drf-spectacular lists it in the API's
schema. The API refuses a value that does not fit (400, saying which); the list page and the
embed leave it out, as if it had not been given, so that a mistyped address still shows
events (`narrow`).
"""

import datetime

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from countries.filters import CountryCodeFilter
from organisations.models import Organisation
from publishing.filters import DayFilter, MomentFilter, SlugFilter, YearFilter
from search import SEARCH_MAX_LENGTH, search

from .models import Event, EventFormat


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


class EventFilter(django_filters.FilterSet):
    year = YearFilter(
        field_name="start", lookup_expr="year", label=_("Year"), help_text="starting in this year"
    )
    country = CountryCodeFilter(label=_("Country"))
    format = django_filters.ChoiceFilter(choices=EventFormat.choices, label=_("Format"))
    organisation = SlugFilter(
        method="involving",
        label=_("Organisation"),
        help_text="slug of the organiser or a participant",
    )
    q = django_filters.CharFilter(
        method="by_words", max_length=SEARCH_MAX_LENGTH, help_text="words of the title"
    )
    updated_since = MomentFilter(
        field_name="updated", lookup_expr="gte", help_text="changed at or after (RFC 3339)"
    )
    # "from" and "to" as partners write them; "from" is a word Python keeps to itself.
    locals()["from"] = DayFilter(
        method="starting_from", help_text="starting on or after this day (YYYY-MM-DD)"
    )
    to = DayFilter(
        method="starting_until", help_text="starting on or before this day (YYYY-MM-DD)"
    )

    class Meta:
        model = Event
        fields = []

    @classmethod
    def as_typed(cls, data, queryset):
        """The filter of a page or an embed, which takes a country in any case, as people
        type it into an address ("de"). The API takes the code its schema states."""
        if data and data.get("country"):
            data = data.copy()
            data["country"] = data["country"].upper()
        return cls(data, queryset=queryset)

    def narrow(self, queryset):
        """`queryset` narrowed by the values that fit; the others are left out."""
        if not self.form.is_bound:
            return queryset
        self.form.is_valid()
        return self.filter_queryset(queryset)

    def involving(self, queryset, name, value):
        return queryset.involving(Organisation.objects.published().filter(slug=value))

    def by_words(self, queryset, name, value):
        return search(queryset, value)

    def starting_from(self, queryset, name, value):
        return queryset.filter(start__gte=_start_of(value))

    def starting_until(self, queryset, name, value):
        return queryset.filter(start__lt=_start_of(value) + datetime.timedelta(days=1))
