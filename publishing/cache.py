"""Public pages cached until what they show changes.

Every change to public content (a save or delete in the content apps, an import, a publish
action) gives the content a new version, a random token kept in a cache that every server
process shares (files under var/, or Redis); pages are cached under that token, so a change
shows at once on every page and in every process, and nothing needs to know which pages a
record appears on. A page served from the cache reads no database at all.
"""

import datetime
import hashlib
import time
import uuid
from dataclasses import dataclass
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Max, Min, Q
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from imports.signals import is_writing_in_bulk
from publishing.models import PublishableModel

PAGE_CACHE = "pages"
VERSION_CACHE = "content_version"
VERSION_KEY = "content-version"


def content_version():
    """The token of the content as it stands; a new one when none is kept (a cleared cache
    costs one rendering of each page, never a stale one)."""
    cache = caches[VERSION_CACHE]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_version(), None)
        version = cache.get(VERSION_KEY)
    # None still: the cache is out of reach (Redis stopped), and nothing kept is trusted.
    return version or _new_version()


def _new_version():
    """A random token that also says when it was made (milliseconds since the epoch)."""
    return f"{int(time.time() * 1000):x}-{uuid.uuid4().hex}"


def content_changed_at(version):
    """When the content at `version` was last changed (or its version first kept): what
    an answer made from it says as its Last-Modified."""
    made, dash, _random = version.partition("-")
    if not dash:  # a token kept before tokens said when they were made
        return timezone.now()
    return datetime.datetime.fromtimestamp(int(made, 16) / 1000, tz=datetime.UTC)


def while_unchanged(name, compute):
    """What `compute()` returns, kept until the content changes (as the pages are): for
    figures that read every record, such as the countries a list's filter offers. A record's
    `publish_from` or `publish_until` passing changes the content too, without a save.

    `name` is any repr-able value saying what is kept; nothing is kept while the page cache
    is off."""
    if not settings.PUBLIC_PAGE_CACHE_SECONDS:
        return compute()
    content = public_content()
    if content.seconds <= 0:
        return compute()
    cache = caches[PAGE_CACHE]
    key = "kept:" + hashlib.sha256(f"{content.token}:{name!r}".encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, content.seconds)
    return found


def content_changed(**kwargs):
    """Give the content a new version once the current transaction commits.

    After the commit: a page rendered from the old data meanwhile is kept under the old
    version. A token rather than a count: two processes changing content at once cannot set
    the same version, whichever of them writes last.
    """
    transaction.on_commit(_move_on)


def _move_on():
    caches[VERSION_CACHE].set(VERSION_KEY, _new_version(), None)


def content_saved(sender, **kwargs):
    if is_writing_in_bulk():
        return
    if sender._meta.app_label in settings.PUBLIC_CONTENT_APPS:
        content_changed()


def scheduled_changes(version):
    """(the latest `publish_from` or `publish_until` that has come, the next to come), each
    None if there is none, for the content at `version`: worked out once per version and
    again once the next has come, and kept beside the pages."""
    cache = caches[PAGE_CACHE]
    key = f"schedule:{version}"
    now = timezone.now()
    found = cache.get(key)
    if found is None or (found[1] is not None and found[1] <= now):
        found = _scheduled(now)
        cache.set(key, found, None)
    return found


def next_scheduled_change(version):
    """The next `publish_from` or `publish_until` to come, or None."""
    return scheduled_changes(version)[1]


def _scheduled(now):
    passed, coming = [], []
    for model in apps.get_models():
        if issubclass(model, PublishableModel):
            found = model._default_manager.aggregate(
                started=Max("publish_from", filter=Q(publish_from__lte=now)),
                ended=Max("publish_until", filter=Q(publish_until__lte=now)),
                start=Min("publish_from", filter=Q(publish_from__gt=now)),
                end=Min("publish_until", filter=Q(publish_until__gt=now)),
            )
            passed += [found["started"], found["ended"]]
            coming += [found["start"], found["end"]]
    return (
        max((moment for moment in passed if moment is not None), default=None),
        min((moment for moment in coming if moment is not None), default=None),
    )


@dataclass(frozen=True)
class PublicContent:
    """The public content as it stands now, for an answer made from it (the API's)."""

    token: str  # changes whenever what the public sees may have changed
    changed_at: datetime.datetime  # when it last did: the answer's Last-Modified
    seconds: int  # how long an answer may be kept


def public_content():
    """What an answer made now may be kept under: the content's version and the scheduled
    change to come (a record appearing at its publish_from changes what the public sees
    without any save)."""
    version = content_version()
    passed, coming = scheduled_changes(version)
    changed_at = content_changed_at(version)
    if passed is not None and passed > changed_at:
        changed_at = passed
    return PublicContent(f"{version}:{coming}", changed_at, _seconds_before(coming))


def _seconds_to_keep(version):
    """How long a page may be kept: the setting's time, never past a scheduled change."""
    return _seconds_before(next_scheduled_change(version))


def _seconds_before(change):
    seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
    if change is not None:
        seconds = min(seconds, int((change - timezone.now()).total_seconds()))
    return seconds


def cached_page(view):
    """Serve `view`'s successful GET answers from the cache while the content is unchanged,
    each with an ETag and a Last-Modified, and 304 to a client that has the same answer
    (If-None-Match, If-Modified-Since): a calendar or a feed reader asking "anything new?"
    costs a look-up."""

    @wraps(view)
    def cached(request, *args, **kwargs):
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        if not seconds or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        content = public_content()
        version = content.token.partition(":")[0]
        validators = Validators(content, address)
        not_modified = validators.not_modified(request)
        if not_modified is not None:
            return not_modified
        key = f"page:{version}:{request.method}:{address}"
        cache = caches[PAGE_CACHE]
        response = cache.get(key)
        if response is not None:
            return validators.describe(response)
        response = view(request, *args, **kwargs)

        def store(rendered):
            if rendered.status_code == 200 and not rendered.streaming and not rendered.cookies:
                validators.describe(rendered)
                keep = _seconds_to_keep(version)
                if keep > 0:
                    cache.set(key, rendered, keep)

        if hasattr(response, "add_post_render_callback"):
            response.add_post_render_callback(store)
        else:
            store(response)
        return response

    return cached


class Validators:
    """The ETag and Last-Modified of the answer at `address` made from `content`: a client
    that sends either back is answered 304 until the content changes."""

    def __init__(self, content, address):
        digest = hashlib.sha256(f"{content.token}:{address}".encode()).hexdigest()
        self.etag = f'"{digest[:32]}"'
        self.changed = int(content.changed_at.timestamp())

    def not_modified(self, request):
        """304 with the validators if the client's copy is current, else None."""
        response = get_conditional_response(request, etag=self.etag, last_modified=self.changed)
        return None if response is None else self.describe(response)

    def describe(self, response):
        """`response` with the validators. A view's own Last-Modified (a feed's newest
        item) is kept: it is never later than the content's change."""
        response["ETag"] = self.etag
        if "Last-Modified" not in response:
            response["Last-Modified"] = http_date(self.changed)
        return response
