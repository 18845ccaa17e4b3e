"""What each address of the API reads from its query string, declared once: django-filter
checks it and the schema is written from it (api.schema), with each form field's limits.

Beside the filters of its list, every address reads `lang`, and a list reads the pages'
`cursor` and `limit` (api.pagination). Anything else, or a parameter given empty, is
refused with 400 and named, never left out in silence: a client with a typo must learn it.
Events are filtered as the list page and the embed filter them (events.filters)."""

import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from awards.models import Conferment
from countries.filters import CountryCodeFilter
from events.filters import EventFilter
from organisations.models import Organisation, OrganisationType, Person
from publishing.filters import MomentFilter, SlugFilter


class ApiFilterSet(django_filters.FilterSet):
    lang = django_filters.ChoiceFilter(
        choices=settings.LANGUAGES,
        method="in_language",
        help_text="The language of names and texts (otherwise Accept-Language; missing "
        "translations fall back to English, as on the site).",
    )

    def in_language(self, queryset, name, value):
        return queryset  # the view speaks it (api.views.requested_language)

    def __init__(self, *args, paging=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.paging = paging

    @property
    def errors(self):
        errors = {name: list(messages) for name, messages in self.form.errors.items()}
        for name, values in self.data.lists():
            if name not in self.filters and name not in self.paging:
                errors[name] = [_("This address reads no such parameter.")]
            elif "" in values:
                errors[name] = [_("Give it a value, or leave it out.")]
        return errors

    def is_valid(self):
        return not self.errors


class ApiFilterBackend(DjangoFilterBackend):
    """A list is filtered by its FilterSet; a single record reads only `lang`. Every refused
    parameter is named in one answer, the pages' own among them."""

    def get_filterset_class(self, view, queryset=None):
        if getattr(view, "action", None) == "list":
            return super().get_filterset_class(view, queryset) or ApiFilterSet
        return ApiFilterSet

    def get_filterset_kwargs(self, request, queryset, view):
        paginator = view.paginator if view.action == "list" else None
        paging = (
            (paginator.cursor_query_param, paginator.page_size_query_param) if paginator else ()
        )
        return {**super().get_filterset_kwargs(request, queryset, view), "paging": paging}

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        errors = filterset.errors
        if view.action == "list":
            for read in (view.paginator.get_page_size, view.paginator.decode_cursor):
                try:
                    read(request)
                except ValidationError as refused:
                    errors.update(refused.detail)
        if errors:
            raise ValidationError(errors)
        return filterset.qs


class Events(ApiFilterSet, EventFilter):
    class Meta(EventFilter.Meta):
        pass


class Organisations(ApiFilterSet):
    country = CountryCodeFilter()
    type = django_filters.ChoiceFilter(choices=OrganisationType.choices)
    parent = SlugFilter(field_name="parent__slug", help_text="slug of the council it belongs to")
    updated_since = MomentFilter(
        field_name="updated", lookup_expr="gte", help_text="changed at or after (RFC 3339)"
    )

    class Meta:
        model = Organisation
        fields = []


class Conferments(ApiFilterSet):
    medal = SlugFilter(field_name="medal__slug", help_text="slug of the medal")

    class Meta:
        model = Conferment
        fields = []


class People(ApiFilterSet):
    country = CountryCodeFilter()

    class Meta:
        model = Person
        fields = []
