from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    """Public pages served from a cache until what they show changes."""

    name = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from imports.signals import records_changed

        from .cache import content_changed, content_saved

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_saved, dispatch_uid=f"pagecache.content_saved.{id(signal)}")
        # Imports write in bulk, which sends no save signals.
        records_changed.connect(content_changed, dispatch_uid="pagecache.records_imported")
