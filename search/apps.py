from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Names turned into keys: one romanisation, the slugs made from it, and search that finds
    a name however its letters are typed."""

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from .models import heal_trigram_tables

        # After each app's migrations: its searchable models' trigram tables (SQLite).
        post_migrate.connect(heal_trigram_tables, dispatch_uid="search.heal_trigram_tables")
