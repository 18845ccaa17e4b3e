from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    """The spreadsheet engine: reading files, values, row errors, import history and undo.

    It knows no domain: each domain app declares its datasets in its `resources.py`.
    """

    name = "imports"
    verbose_name = _("Spreadsheet imports")

    def ready(self):
        autodiscover_modules("resources")
