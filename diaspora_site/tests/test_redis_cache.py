"""With Redis out of reach, the public site answers from the database, uncached, instead of
failing; the readiness check says the cache is down."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from bench.http import free_port
from events.tests.factories import EventFactory
from publishing.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_away(settings):
    """Every cache on a Redis that nobody answers for: a port with no server."""
    url = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = {
        alias: {
            "BACKEND": "diaspora_site.redis_cache.TolerantRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": alias,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        for alias in settings.CACHES
    }
    # Django makes the caches again from the changed setting, and again after the test.


def test_pages_feeds_and_the_api_answer_without_the_cache(client, redis_away):
    event = EventFactory(title_en="Novruz in Berlin", status=Status.PUBLISHED)
    for url in (
        reverse("home"),
        reverse("events:list"),
        event.get_absolute_url(),
        reverse("events:feed"),
        "/api/v1/events/",
        "/api/v1/events/?q=Novruz",
    ):
        answer = client.get(url)
        assert answer.status_code == 200, url
    assert b"Novruz in Berlin" in client.get(reverse("events:list")).content


def test_the_cache_reads_nothing_and_drops_writes_without_raising(redis_away):
    cache = caches["pages"]
    cache.set("key", "value")
    assert (cache.get("key", "missing"), cache.add("key", 1), cache.get_many(["key"])) == (
        "missing",
        False,
        {},
    )
    with pytest.raises(ValueError, match="not found"):
        cache.incr("counter")
