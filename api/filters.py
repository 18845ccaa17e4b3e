"""The API's filters, declared once: django-filter reads them from the query string and
drf-spectacular lists them in the schema. Events are filtered as the list page and the embed
filter them (events.filters)."""

import django_filters

from awards.models import Conferment
from countries.filters import CountryCodeFilter
from organisations.models import Organisation, OrganisationType, Person


class OrganisationFilter(django_filters.FilterSet):
    country = CountryCodeFilter()
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
    country = CountryCodeFilter()

    class Meta:
        model = Person
        fields = []
