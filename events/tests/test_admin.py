import datetime
import zoneinfo

import pytest
from django.urls import reverse

from events.models import Event
from events.tests.factories import EventFactory
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def test_event_form_rejects_an_end_before_the_start(admin_client, submit_admin_form):
    event = EventFactory()
    url = reverse("admin:events_event_change", args=[event.pk])

    response = submit_admin_form(
        admin_client, url, start_0="24.01.2025", start_1="15:00", end_0="24.01.2025", end_1="14:00"
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "end": ["The end cannot be before the start."]
    }
    event.refresh_from_db()
    assert event.end == event.start + datetime.timedelta(hours=3)


def test_event_form_reads_times_in_the_events_own_time_zone(admin_client, submit_admin_form):
    event = EventFactory(time_zone="Asia/Baku")
    url = reverse("admin:events_event_change", args=[event.pk])

    response = submit_admin_form(
        admin_client,
        url,
        time_zone="Europe/Vienna",
        start_0="2025-06-14",
        start_1="10:00",
        end_0="2025-06-14",
        end_1="12:30",
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    assert (event.start, event.end) == (
        datetime.datetime(2025, 6, 14, 8, 0, tzinfo=UTC),
        datetime.datetime(2025, 6, 14, 10, 30, tzinfo=UTC),
    )
    # Opened again, the form shows the times as they were typed, in Vienna.
    page = admin_client.get(url)
    assert page.context["adminform"].form.initial["start"] == datetime.datetime(2025, 6, 14, 10, 0)


def test_event_form_rejects_an_unknown_time_zone(admin_client, submit_admin_form):
    event = EventFactory()
    response = submit_admin_form(
        admin_client,
        reverse("admin:events_event_change", args=[event.pk]),
        time_zone="Mars/Olympus",
    )
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["time_zone"]


def test_event_form_rejects_a_link_that_is_not_a_web_address(admin_client, submit_admin_form):
    event = EventFactory()
    response = submit_admin_form(
        admin_client,
        reverse("admin:events_event_change", args=[event.pk]),
        online_url="javascript:alert(1)",
    )
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["online_url"]


def test_event_added_in_the_admin_gets_a_slug_from_its_title(admin_client, submit_admin_form):
    organiser = OrganisationFactory()
    response = submit_admin_form(
        admin_client,
        reverse("admin:events_event_add"),
        title_en="Novruz in Vienna",
        title_az="Vyanada Novruz",
        slug="",
        start_0="2025-03-20",
        start_1="17:00",
        organiser=str(organiser.pk),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get()
    assert (event.slug, event.title_az, event.organiser) == (
        "novruz-in-vienna",
        "Vyanada Novruz",
        organiser,
    )
    assert event.local_start == datetime.datetime(
        2025, 3, 20, 17, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Baku")
    )


def test_event_form_rejects_a_duplicate_slug(admin_client, submit_admin_form):
    EventFactory(slug="videoconference-2024")
    event = EventFactory()
    response = submit_admin_form(
        admin_client,
        reverse("admin:events_event_change", args=[event.pk]),
        slug="videoconference-2024",
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "slug": ["Event with this Slug already exists."]
    }


def test_programme_items_are_kept_in_their_order(admin_client, submit_admin_form):
    event = EventFactory()
    url = reverse("admin:events_event_change", args=[event.pk])
    response = submit_admin_form(
        admin_client,
        url,
        **{
            "programme-TOTAL_FORMS": "2",
            "programme-0-position": "2",
            "programme-0-kind": "questions",
            "programme-0-title_en": "Questions and answers",
            "programme-0-event": str(event.pk),
            "programme-1-position": "1",
            "programme-1-kind": "speech",
            "programme-1-title_en": "Opening speech",
            "programme-1-speaker_role_en": "Chairman of the State Committee",
            "programme-1-event": str(event.pk),
        },
    )
    assert response.status_code == 302, response.context["errors"]
    assert [item.title for item in event.programme.all()] == [
        "Opening speech",
        "Questions and answers",
    ]


@pytest.mark.parametrize(
    ("time_zone", "day", "time"),
    [
        ("Pacific/Kiritimati", "01.01.0001", "00:00"),
        ("Pacific/Pago_Pago", "31.12.9999", "23:59"),
        ("Asia/Baku", "31.02.2025", "10:00"),
        ("Asia/Baku", "24.01.2025", "25:61"),
    ],
)
def test_event_form_refuses_impossible_times_without_failing(
    admin_client, submit_admin_form, time_zone, day, time
):
    event = EventFactory()
    response = submit_admin_form(
        admin_client,
        reverse("admin:events_event_change", args=[event.pk]),
        time_zone=time_zone,
        start_0=day,
        start_1=time,
        end_0="",
        end_1="",
    )
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["start"]
