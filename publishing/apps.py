from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    """What every content model shares (a slug, a status, timestamps, `published()`), and the
    public pages cached until it changes."""

    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from imports.signals import records_changed

        from .cache import content_changed, content_saved

        # Public pages are cached until the content changes (cache.py): a record's save or
        # delete says so, and so does whatever writes in bulk, which sends no save signals.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_saved, dispatch_uid=f"publishing.content_saved.{id(signal)}")
        records_changed.connect(content_changed, dispatch_uid="publishing.records_changed")

        from django.contrib.auth.signals import user_logged_in

        from .services import remember_language

        user_logged_in.connect(remember_language, dispatch_uid="publishing.remember_language")
