from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Registration for events: the public form, the double opt-in, places held and offered
    from the waiting list, and the e-mails that go with them. Beside events/, which it
    reads; nothing below it reads registrations."""

    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from publishing.cache import content_changed

        from .models import RegistrationSettings

        # The event's page says whether it takes registrations: its settings are public
        # content, the registrations themselves are not (a rush must not empty the cache).
        for signal in (post_save, post_delete):
            signal.connect(
                content_changed,
                sender=RegistrationSettings,
                dispatch_uid=f"registrations.settings_changed.{id(signal)}",
            )
