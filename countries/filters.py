"""A filter of records by their country's ISO 3166 code, in any case ("de" or "DE")."""

import django_filters


class CountryCodeFilter(django_filters.CharFilter):
    def __init__(self, **kwargs):
        kwargs.setdefault("field_name", "country")
        kwargs.setdefault("max_length", 2)
        kwargs.setdefault("help_text", "ISO 3166 code")
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        return super().filter(queryset, value.upper() if value else value)
