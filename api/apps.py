from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The public read API (/api/v1/): events, organisations, medals, conferments and people
    as the public pages show them, for partners' sites, journalists and researchers. The top
    floor beside diaspora_site: it reads every app and no app reads it."""

    name = "api"
    verbose_name = _("Public API")

    def ready(self):
        from . import schema  # noqa: F401  (its filter extension registers itself)
