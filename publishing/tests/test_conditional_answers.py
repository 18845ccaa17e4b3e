"""Feeds, calendars and pages that clients can ask "anything new?" cheaply, and whose dates
never lie in the future."""

import datetime
import email.utils

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def address(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def test_the_feeds_dates_are_when_events_were_published_never_their_start(client):
    upcoming = EventFactory(
        status="published", start=timezone.now() + datetime.timedelta(days=200), end=None
    )
    response = client.get(address("events:feed"))
    feed = feedparser.parse(response.content)
    now = timezone.now()
    built = datetime.datetime(*feed.feed.updated_parsed[:6], tzinfo=datetime.UTC)
    assert built <= now
    assert email.utils.parsedate_to_datetime(response["Last-Modified"]) <= now
    published = datetime.datetime(*feed.entries[0].published_parsed[:6], tzinfo=datetime.UTC)
    assert published == upcoming.created.replace(microsecond=0)


@pytest.mark.parametrize(
    ("name", "args"),
    [("events:feed", []), ("events:calendar", []), ("events:list", []), ("home", [])],
)
def test_a_client_with_the_same_answer_gets_304_until_the_content_changes(
    client, settings, django_capture_on_commit_callbacks, name, args
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    event = EventFactory(status="published")
    url = address(name, *args)
    first = client.get(url)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert email.utils.parsedate_to_datetime(modified) <= timezone.now()

    again = client.get(url, headers={"if-none-match": etag})
    assert (again.status_code, again["ETag"], again.content) == (304, etag, b"")
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 304

    event.title_en = "Novruz, moved"
    with django_capture_on_commit_callbacks(execute=True):  # stands for the commit
        event.save()
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_an_events_own_calendar_file_answers_304_too(client, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    event = EventFactory(status="published")
    url = address("events:event_calendar", event.slug)
    first = client.get(url)
    assert first.status_code == 200
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
