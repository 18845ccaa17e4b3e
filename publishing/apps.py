from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    """What every content model shares: a slug, a status, timestamps, `published()`."""

    name = "publishing"
    verbose_name = _("Publishing")
