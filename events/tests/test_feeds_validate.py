"""The RSS feed and the calendars over the demo data, in each language, checked against
what their specifications require (RSS 2.0 with its atom:link to itself; iCalendar, RFC
5545), as a validator would, never against what our own code wrote elsewhere."""

import datetime
import email.utils
import io
import re
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
LANGUAGES = ("az", "en", "ru")


@pytest.fixture
def demo(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())


def address(name, language, *args):
    with translation.override(language):
        return reverse(name, args=args)


def rfc822(text):
    moment = email.utils.parsedate_to_datetime(text)
    assert moment.tzinfo is not None, text
    return moment


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feed_is_rss_2_with_a_link_to_itself_and_no_date_to_come(client, demo, language):
    path = address("events:feed", language)
    response = client.get(path)
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    (channel,) = root.findall("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required).strip(), required
    assert channel.findtext("language") == language
    (itself,) = channel.findall(f"{ATOM}link")
    assert itself.get("rel") == "self"
    assert itself.get("href") == f"http://testserver{path}"
    items = channel.findall("item")
    assert len(items) == Event.objects.published().count()
    now = timezone.now()
    published = []
    for item in items:
        assert item.findtext("title") or item.findtext("description")
        assert item.findtext("link").startswith("http://testserver/")
        published.append(rfc822(item.findtext("pubDate")))
    assert len({item.findtext("guid") for item in items}) == len(items)
    built = rfc822(channel.findtext("lastBuildDate"))
    assert built == max(published)
    assert built <= now
    assert rfc822(response["Last-Modified"]) <= now


def ical_lines(content):
    assert content.endswith(b"\r\n")
    lines = content.split(b"\r\n")[:-1]
    for line in lines:
        assert b"\n" not in line
        assert b"\r" not in line
        assert len(line) <= 75, line  # octets, without the line break
    return lines


def check_calendar(content):
    ical_lines(content)
    calendar = icalendar.Calendar.from_ical(content)
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])
    zones = {str(zone["TZID"]): zone for zone in calendar.walk("VTIMEZONE")}
    for zone in zones.values():
        rules = [part for part in zone.subcomponents if part.name in ("STANDARD", "DAYLIGHT")]
        assert rules, zone["TZID"]
        for rule in rules:
            assert {"DTSTART", "TZOFFSETFROM", "TZOFFSETTO"} <= set(rule)
    entries = calendar.walk("VEVENT")
    assert len({str(entry["UID"]) for entry in entries}) == len(entries)
    text = content.decode()
    for entry in entries:
        assert re.fullmatch(r"\d{8}T\d{6}Z", entry["DTSTAMP"].to_ical().decode())
        start = entry["DTSTART"]
        assert start.params["TZID"] in zones
        if "DTEND" in entry:
            assert entry["DTEND"].params["TZID"] in zones
            assert entry.decoded("DTEND") > entry.decoded("DTSTART")
    # Every zone a time names is described in the file itself.
    assert set(re.findall(r";TZID=([^:;]+)", text)) <= set(zones)
    return entries


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_calendars_are_rfc_5545_with_their_time_zones(client, demo, language):
    entries = check_calendar(client.get(address("events:calendar", language)).content)
    assert len(entries) == len(Event.objects.published().for_calendar()) > 0
    for event in Event.objects.published():
        (entry,) = check_calendar(
            client.get(address("events:event_calendar", language, event.slug)).content
        )
        assert entry.decoded("DTSTART") == event.start
        assert entry["DTSTART"].params["TZID"] == event.time_zone


def test_a_feed_of_an_event_to_come_is_dated_when_it_was_published(client, demo):
    to_come = Event.objects.published().filter(start__gt=timezone.now()).first()
    assert to_come is not None
    feed = ET.fromstring(client.get(address("events:feed", "en")).content)
    (item,) = [
        item
        for item in feed.iter("item")
        if item.findtext("link").endswith(to_come.get_absolute_url())
    ]
    assert rfc822(item.findtext("pubDate")) - to_come.published_at < datetime.timedelta(seconds=1)
