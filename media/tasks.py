from django_tasks import task

from imports.signals import records_changed

from . import thumbnails
from .models import Photo


@task()
def make_renditions(names, kinds):
    """Make the renditions of image files (their names in the default storage)."""
    made = sum(thumbnails.make(name, kinds) for name in names)
    if made:
        # Cached public pages showed a placeholder in their place: render them again.
        records_changed.send(sender=Photo)
