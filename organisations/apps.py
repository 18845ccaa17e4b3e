from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    """Diaspora organisations abroad and the people (compatriots) in them."""

    name = "organisations"
    verbose_name = _("Organisations and people")
