from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events with their programme, figures, organisers and press reports."""

    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from django.db.models.signals import post_migrate

        from search.operations import heal_trigram_tables

        post_migrate.connect(heal_trigram_tables, sender=self)
