from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiasporaSiteConfig(AppConfig):
    """The top floor: settings, URLs, base templates and what spans every app."""

    name = "diaspora_site"
    verbose_name = _("Diaspora site")
