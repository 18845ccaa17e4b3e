from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The staff's dashboard and the public numbers page, drawn with charts."""

    name = "dashboard"
    verbose_name = _("Dashboard")
