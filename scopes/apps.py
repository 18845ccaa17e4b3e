from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ScopesConfig(AppConfig):
    """Where each member of staff may work: the countries and organisations of their scope."""

    name = "scopes"
    verbose_name = _("Scopes")

    def ready(self):
        from scopes.roles import apply_roles

        post_migrate.connect(apply_roles, sender=self, dispatch_uid="scopes.roles.apply_roles")
