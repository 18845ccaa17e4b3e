"""A filter of records by their country's ISO 3166 code, as django-countries lists them."""

import django_filters
from django_countries import countries


class CountryCodeFilter(django_filters.ChoiceFilter):
    def __init__(self, **kwargs):
        kwargs.setdefault("field_name", "country")
        # The codes themselves, so that the API's schema lists them as its enum.
        kwargs.setdefault("choices", [(code, code) for code, _name in countries])
        kwargs.setdefault("help_text", "ISO 3166 code, upper case")
        super().__init__(**kwargs)
