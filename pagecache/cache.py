"""Public pages cached until what they show changes.

Every change to public content (a save or delete in the content apps, an import, a publish
action) moves one number on, `ContentVersion`; pages are cached under that number, so a change
shows at once on every page and in every server process, and nothing needs to know which
pages a record appears on. Each cached page costs one indexed read of the number.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import F

from .models import ContentVersion

PAGE_CACHE = "pages"


def content_version():
    return ContentVersion.objects.values_list("number", flat=True).first() or 0


def content_changed(**kwargs):
    """Move the number on once the current transaction commits.

    After the commit: the lock on the row is not held through a long import, and a page
    rendered from the old data meanwhile is kept under the old number.
    """
    transaction.on_commit(_move_on)


def _move_on():
    if not ContentVersion.objects.filter(pk=1).update(number=F("number") + 1):
        ContentVersion.objects.get_or_create(pk=1)


def content_saved(sender, **kwargs):
    if sender._meta.app_label in settings.PUBLIC_CONTENT_APPS:
        content_changed()


def cached_page(view):
    """Serve `view`'s successful GET answers from the cache while the content is unchanged."""

    @wraps(view)
    def cached(request, *args, **kwargs):
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        if not seconds or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        key = f"page:{content_version()}:{request.method}:{address}"
        cache = caches[PAGE_CACHE]
        response = cache.get(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)

        def store(rendered):
            if rendered.status_code == 200 and not rendered.streaming and not rendered.cookies:
                cache.set(key, rendered, seconds)

        if hasattr(response, "add_post_render_callback"):
            response.add_post_render_callback(store)
        else:
            store(response)
        return response

    return cached
