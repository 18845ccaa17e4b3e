from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchConfig(AppConfig):
    """The benchmark (make bench): generated archives, the import and HTTP measures, the pages
    at two scales."""

    name = "bench"
    verbose_name = _("Benchmark")
