from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    """Nominations for the medal, confidential until the decree: rounds, proposals, the
    secretariat's screening and the commission's decision, each step on the record.

    Beside `awards`, not within it: awards holds what the public reads (medals, the roll of
    honour); nominations are closed to the public and to most of the staff, with access rules
    of their own (the proposer's countries, the secretariat, the commission). It writes into
    awards only when a decree confers the medal."""

    name = "nominations"
    verbose_name = _("Nominations")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from publishing.cache import content_changed

        from .models import Decree, Nomination

        # The dashboard keeps its figures until the content changes: a nomination's move
        # (saved with its new state) or a decree changes them. They are rare, a few a day.
        for model in (Nomination, Decree):
            for signal in (post_save, post_delete):
                signal.connect(
                    content_changed,
                    sender=model,
                    dispatch_uid=f"nominations.changed.{model.__name__}.{id(signal)}",
                )
