from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountriesConfig(AppConfig):
    """Every country name: the ones django-countries lacks in Azerbaijani and Russian."""

    name = "countries"
    verbose_name = _("Countries")
