from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    """The admin's building blocks for the records staff keep (history, restore, guards)."""

    name = "records"
    verbose_name = _("Records")
