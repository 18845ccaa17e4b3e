from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo content and the first administrator that make run starts with."""

    name = "demo"
    verbose_name = _("Demo")
