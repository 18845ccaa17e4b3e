from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    """Diaspora organisations abroad and the people (compatriots) in them."""

    name = "organisations"
    verbose_name = _("Organisations and people")

    def ready(self):
        from django.db.models.signals import post_migrate

        from search.operations import heal_trigram_tables

        post_migrate.connect(heal_trigram_tables, sender=self)
