"""The uploads as the public and staff reach them: which stored file whom, and handing it
over, by the front server when there is one.

Renditions are public: nginx serves them from the storage itself (deploy/). Any other file
(a photo's original, a video, a document, a logo, a medal's image) is public only while
something published shows it; staff may have any. Nothing else names a path to a file, so
an unpublished decision's document has no address anyone can reach.
"""

import functools
import mimetypes
from pathlib import PurePosixPath
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.http import FileResponse, Http404, HttpResponse
from simple_history.models import HistoricalChanges

from .services import published_uses


def is_public(name):
    """Whether the stored file `name` may be sent to anyone."""
    if name.startswith(settings.THUMBNAIL_PREFIX):
        return True
    for model, field in _fields_storing_uploads():
        owners = model._default_manager.filter(**{field.name: name})
        if hasattr(owners, "published"):
            if owners.published().exists():
                return True
        elif published_uses(list(owners)):
            return True
    return False


@functools.cache
def _fields_storing_uploads():
    """(model, field) of every file field in the uploads' storage: the same for the life of
    the process, so found once rather than on every request for a file."""
    return tuple(
        (model, field)
        for model in apps.get_models()
        if not issubclass(model, HistoricalChanges)
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField) and field.storage is default_storage
    )


def send_upload(name, *, public):
    """The response that hands over the stored file `name`.

    With MEDIA_ACCEL_REDIRECT (behind nginx, deploy/), an empty answer naming the file's
    internal location, which nginx sends from disk; otherwise the file itself, read through
    the storage API.
    """
    if name.startswith("/") or ".." in PurePosixPath(name).parts:
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT + quote(name)
    else:
        try:
            file = default_storage.open(name, "rb")
        except (FileNotFoundError, OSError, ValueError):
            raise Http404 from None
        response = FileResponse(file, content_type=content_type)
    # A file that stops being public (its record withdrawn) must not outlive that in caches.
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response
