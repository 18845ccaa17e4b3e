from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChartsConfig(AppConfig):
    """Counts as pictures, drawn on the server as SVG: bar charts with the table and CSV of
    their numbers, and the world map shaded by country. The ground floor: it knows no other
    app; the pages that show them count what they show."""

    name = "charts"
    verbose_name = _("Charts")
