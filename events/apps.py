from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events with their programme, figures, organisers and press reports."""

    name = "events"
    verbose_name = _("Events")
