import datetime
import zoneinfo
from functools import partial

import pytest

from events.models import Event
from imports.exporting import export_file
from imports.tests.helpers import import_text
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


run = partial(import_text, "events")


def test_times_are_read_in_the_events_time_zone_and_written_with_its_offset():
    OrganisationFactory(name_en="Azerbaijan House in Vienna", country="AT")
    result = run(
        "title,start,end,timezone,organiser,participants\r\n"
        "Novruz,14.06.2025 10:00,14.06.2025 12:00,Europe/Vienna,azerbaijan house in vienna,"
        '"1,000"\r\n'
    )
    assert result.ok, [str(error) for error in result.errors]
    event = Event.objects.get()
    assert (event.start, event.time_zone, event.participants_count, event.organiser.name_en) == (
        datetime.datetime(2025, 6, 14, 8, 0, tzinfo=datetime.UTC),
        "Europe/Vienna",
        1000,
        "Azerbaijan House in Vienna",
    )
    exported = export_file(dataset_name="events", file_format="csv").decode()
    assert "2025-06-14T10:00:00+02:00,2025-06-14T12:00:00+02:00,Europe/Vienna" in exported


def test_without_a_time_zone_the_sites_is_used():
    assert run("title,start\r\nSeminar,24.01.2025 15:00\r\n").ok
    event = Event.objects.get()
    assert event.local_start == datetime.datetime(
        2025, 1, 24, 15, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Baku")
    )


def test_same_title_on_another_day_is_another_event():
    text = "title,start\r\nNovruz,20.03.2025 17:00\r\n"
    assert run(text).ok
    result = run(text + "Novruz,20.03.2026 17:00\r\n")
    assert result.counts == {"new": 1, "updated": 0, "unchanged": 1, "errors": 0}


def test_unknown_time_zone_and_format_are_reported():
    result = run("title,start,timezone,format\r\nNovruz,20.03.2025 17:00,Mars/Base,party\r\n")
    assert sorted(error.column for error in result.errors) == ["format", "timezone"]


def test_an_events_text_is_imported_and_exported_in_each_language():
    result = run(
        "title,start,body,body_az\r\n"
        'Novruz,14.06.2025 10:00,"Music and dance.\n\nOpen to all.",'
        '"<p>Musiqi və <strong>rəqs</strong>.</p><script>alert(1)</script>"\r\n'
    )
    assert result.ok, [str(error) for error in result.errors]
    assert result.ignored_headers == []  # the body column was once left unread
    event = Event.objects.get()
    assert (event.body_en, event.body_az) == (
        "<p>Music and dance.</p><p>Open to all.</p>",
        "<p>Musiqi və <strong>rəqs</strong>.</p>",
    )
    exported = export_file(dataset_name="events", file_format="csv").decode()
    header = exported.splitlines()[0].split(",")
    assert {"body", "body_az", "body_ru"} <= set(header)
    assert "<p>Musiqi və <strong>rəqs</strong>.</p>" in exported
