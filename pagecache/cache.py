"""Public pages cached until what they show changes.

Every change to public content (a save or delete in the content apps, an import, a publish
action) gives the content a new version, a random token kept in a cache that every server
process shares (files under var/, or Redis); pages are cached under that token, so a change
shows at once on every page and in every process, and nothing needs to know which pages a
record appears on. A page served from the cache reads no database at all.
"""

import hashlib
import uuid
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from publishing.models import PublishableModel

PAGE_CACHE = "pages"
VERSION_CACHE = "content_version"
VERSION_KEY = "content-version"
NEVER = "never"


def content_version():
    """The token of the content as it stands; a new one when none is kept (a cleared cache
    costs one rendering of each page, never a stale one)."""
    cache = caches[VERSION_CACHE]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def while_unchanged(name, compute):
    """What `compute()` returns, kept until the content changes (as the pages are): for
    figures that read every record, such as the countries a list's filter offers.

    `name` is any repr-able value saying what is kept; nothing is kept while the page cache
    is off."""
    if not settings.PUBLIC_PAGE_CACHE_SECONDS:
        return compute()
    cache = caches[PAGE_CACHE]
    key = "kept:" + hashlib.sha256(f"{content_version()}:{name!r}".encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, settings.PUBLIC_PAGE_CACHE_SECONDS)
    return found


def content_changed(**kwargs):
    """Give the content a new version once the current transaction commits.

    After the commit: a page rendered from the old data meanwhile is kept under the old
    version. A token rather than a count: two processes changing content at once cannot set
    the same version, whichever of them writes last.
    """
    transaction.on_commit(_move_on)


def _move_on():
    caches[VERSION_CACHE].set(VERSION_KEY, uuid.uuid4().hex, None)


def content_saved(sender, **kwargs):
    if sender._meta.app_label in settings.PUBLIC_CONTENT_APPS:
        content_changed()


def next_scheduled_change(version):
    """The next `publish_from` or `publish_until` to come, for the content at `version`
    (worked out once per version and kept beside its pages), or None."""
    cache = caches[PAGE_CACHE]
    key = f"schedule:{version}"
    now = timezone.now()
    moment = cache.get(key)
    if moment is None or (moment != NEVER and moment <= now):
        moment = _next_change(now) or NEVER
        cache.set(key, moment, None)
    return None if moment == NEVER else moment


def _next_change(now):
    moments = []
    for model in apps.get_models():
        if issubclass(model, PublishableModel):
            found = model._default_manager.aggregate(
                start=Min("publish_from", filter=Q(publish_from__gt=now)),
                end=Min("publish_until", filter=Q(publish_until__gt=now)),
            )
            moments += [moment for moment in found.values() if moment is not None]
    return min(moments, default=None)


def _seconds_to_keep(version):
    """How long a page may be kept: the setting's time, never past a scheduled change."""
    seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
    change = next_scheduled_change(version)
    if change is not None:
        seconds = min(seconds, int((change - timezone.now()).total_seconds()))
    return seconds


def cached_page(view):
    """Serve `view`'s successful GET answers from the cache while the content is unchanged."""

    @wraps(view)
    def cached(request, *args, **kwargs):
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        if not seconds or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        version = content_version()
        key = f"page:{version}:{request.method}:{address}"
        cache = caches[PAGE_CACHE]
        response = cache.get(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)

        def store(rendered):
            if rendered.status_code == 200 and not rendered.streaming and not rendered.cookies:
                keep = _seconds_to_keep(version)
                if keep > 0:
                    cache.set(key, rendered, keep)

        if hasattr(response, "add_post_render_callback"):
            response.add_post_render_callback(store)
        else:
            store(response)
        return response

    return cached
