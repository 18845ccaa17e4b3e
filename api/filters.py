"""The API's filters, declared once: django-filter reads them from the query string and
drf-spectacular lists them in the schema."""

import datetime

import django_filters
from django.utils import timezone

from awards.models import Conferment
from events.models import Event, EventFormat
from organisations.models import Organisation, OrganisationType, Person
from search import SEARCH_MAX_LENGTH, search


class CountryCodeFilter(django_filters.CharFilter):
    """An ISO 3166 code in any case: "de" or "DE"."""

    def filter(self, queryset, value):
        return super().filter(queryset, value.upper() if value else value)


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


class EventFilter(django_filters.FilterSet):
    country = CountryCodeFilter(field_name="country", max_length=2, help_text="ISO 3166 code")
    organisation = django_filters.CharFilter(
        method="by_organisation", help_text="slug of the organiser or a participant"
    )
    format = django_filters.ChoiceFilter(choices=EventFormat.choices)
    q = django_filters.CharFilter(
        method="by_words", max_length=SEARCH_MAX_LENGTH, help_text="words of the title"
    )
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated", lookup_expr="gte", help_text="changed at or after (ISO 8601)"
    )
    # "from" and "to" as partners write them; "from" is a word Python keeps to itself.
    locals()["from"] = django_filters.DateFilter(
        method="starting_from", help_text="starting on or after this day (YYYY-MM-DD)"
    )
    to = django_filters.DateFilter(
        method="starting_until", help_text="starting on or before this day (YYYY-MM-DD)"
    )

    class Meta:
        model = Event
        fields = []

    def by_organisation(self, queryset, name, value):
        return queryset.involving(Organisation.objects.published().filter(slug=value))

    def by_words(self, queryset, name, value):
        return search(queryset, value)

    def starting_from(self, queryset, name, value):
        return queryset.filter(start__gte=_start_of(value))

    def starting_until(self, queryset, name, value):
        return queryset.filter(start__lt=_start_of(value + datetime.timedelta(days=1)))


class OrganisationFilter(django_filters.FilterSet):
    country = CountryCodeFilter(field_name="country", max_length=2, help_text="ISO 3166 code")
    type = django_filters.ChoiceFilter(choices=OrganisationType.choices)
    parent = django_filters.CharFilter(
        field_name="parent__slug", help_text="slug of the council it belongs to"
    )
    updated_since = django_filters.IsoDateTimeFilter(field_name="updated", lookup_expr="gte")

    class Meta:
        model = Organisation
        fields = []


class ConfermentFilter(django_filters.FilterSet):
    medal = django_filters.CharFilter(field_name="medal__slug", help_text="slug of the medal")

    class Meta:
        model = Conferment
        fields = []


class PersonFilter(django_filters.FilterSet):
    country = CountryCodeFilter(field_name="country", max_length=2, help_text="ISO 3166 code")

    class Meta:
        model = Person
        fields = []
