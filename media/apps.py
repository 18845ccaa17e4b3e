from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    """Photos, videos and documents; the ground floor, which knows no other app."""

    name = "media"
    verbose_name = _("Media")

    def ready(self):
        from django_cleanup.signals import cleanup_pre_delete

        cleanup_pre_delete.connect(remove_renditions, dispatch_uid="media.remove_renditions")


def remove_renditions(file, **kwargs):
    """A photo's renditions leave storage with it, whenever django-cleanup removes a file."""
    from sorl.thumbnail import delete

    # django-cleanup removes the file itself: only the renditions and their records go here.
    delete(file, delete_file=False)
