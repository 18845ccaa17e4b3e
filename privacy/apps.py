from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """What is stored about a person, and its erasure, across every app."""

    name = "privacy"
    verbose_name = _("Privacy")
