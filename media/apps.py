from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    """Photos, videos and documents; the ground floor, which knows no other app."""

    name = "media"
    verbose_name = _("Media")
