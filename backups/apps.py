from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """The archive written to one file and restored from it."""

    name = "backups"
    verbose_name = _("Backups")
