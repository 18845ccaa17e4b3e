from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    """Medals and their conferments on people, often at an event."""

    name = "awards"
    verbose_name = _("Awards")
