from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScopesConfig(AppConfig):
    """Where each member of staff may work: the countries and organisations of their scope."""

    name = "scopes"
    verbose_name = _("Scopes")
