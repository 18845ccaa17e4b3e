"""Scheduled publishing: a published record is public from `publish_from` until
`publish_until`, on every public output, decided when the page is made."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from awards.tests.factories import ConfermentFactory, MedalFactory
from events.models import Event
from events.tests.factories import EventFactory
from imports.tests.helpers import import_text
from organisations.models import Organisation
from organisations.tests.factories import OrganisationFactory, PublicPersonFactory

pytestmark = pytest.mark.django_db


def seconds_from_now(seconds):
    return timezone.now() + datetime.timedelta(seconds=seconds)


@pytest.fixture
def schedules():
    """An event (and an organisation) one second before its publish_from, one just after,
    one just before its publish_until and one just after; all published."""
    events, organisations = {}, {}
    for name, window in {
        "not yet": {"publish_from": seconds_from_now(60)},
        "begun": {"publish_from": seconds_from_now(-1)},
        "ending": {"publish_until": seconds_from_now(60)},
        "ended": {"publish_until": seconds_from_now(-1)},
    }.items():
        tag = name.replace(" ", "")
        events[name] = EventFactory(
            status="published",
            title_en=f"Gathering {tag}",
            slug=f"gathering-{tag}",
            start=seconds_from_now(30 * 86400),
            end=None,
            **window,
        )
        organisations[name] = OrganisationFactory(
            status="published", name_en=f"House {tag}", slug=f"house-{tag}", **window
        )
    return events, organisations


SHOWN = {"begun", "ending"}


def test_every_public_output_honours_the_schedule(client, schedules):
    events, organisations = schedules
    outputs = {
        "events list": reverse("events:list"),
        "feed": reverse("events:feed"),
        "calendar": reverse("events:calendar"),
        "search": reverse("search") + "?q=gathering",
        "organisations": reverse("organisations:list"),
        "sitemap": "/sitemap-events.xml",
        "organisations sitemap": "/sitemap-organisations.xml",
        "home": reverse("home"),
    }
    pages = {name: client.get(url).content.decode() for name, url in outputs.items()}
    for name, event in events.items():
        detail = client.get(event.get_absolute_url())
        assert detail.status_code == (200 if name in SHOWN else 404), name
        assert (event.slug in pages["sitemap"]) == (name in SHOWN), name
        assert (event.title_en in pages["feed"]) == (name in SHOWN), name
        assert (event.title_en in pages["calendar"]) == (name in SHOWN), name
        assert (event.title_en in pages["search"]) == (name in SHOWN), name
        assert (event.title_en in pages["events list"]) == (name in SHOWN), name
    for name, organisation in organisations.items():
        assert (organisation.name_en in pages["organisations"]) == (name in SHOWN), name
        assert (organisation.slug in pages["organisations sitemap"]) == (name in SHOWN), name
        status = client.get(organisation.get_absolute_url()).status_code
        assert status == (200 if name in SHOWN else 404), name
    assert Event.objects.published().count() == 2


def test_people_medals_and_conferments_follow_their_schedule_too(client):
    person = PublicPersonFactory(status="published", publish_from=seconds_from_now(60))
    medal = MedalFactory(status="published", publish_until=seconds_from_now(-1))
    ConfermentFactory(status="published", person=person, medal=medal)
    assert client.get(person.get_absolute_url()).status_code == 404
    assert client.get(medal.get_absolute_url()).status_code == 404
    assert person.full_name not in client.get(reverse("awards:roll")).content.decode()


def test_the_admin_types_an_events_schedule_in_its_own_zone_across_a_dst_change(
    admin_client, submit_admin_form
):
    event = EventFactory(time_zone="Europe/Berlin")
    url = reverse("admin:events_event_change", args=[event.pk])
    # Berlin moves from UTC+1 to UTC+2 at 02:00 on 29 March 2026.
    response = submit_admin_form(
        admin_client,
        url,
        publish_from_0="29.03.2026",
        publish_from_1="01:30",
        publish_until_0="29.03.2026",
        publish_until_1="03:30",
    )
    assert response.status_code == 302
    event.refresh_from_db()
    utc = datetime.UTC
    assert event.publish_from == datetime.datetime(2026, 3, 29, 0, 30, tzinfo=utc)
    assert event.publish_until == datetime.datetime(2026, 3, 29, 1, 30, tzinfo=utc)
    shown = admin_client.get(url).context["adminform"].form.initial
    assert shown["publish_until"] == datetime.datetime(2026, 3, 29, 3, 30)
    assert event.publish_until.astimezone(zoneinfo.ZoneInfo("Europe/Berlin")).hour == 3


def test_the_end_must_come_after_the_start(admin_client, submit_admin_form):
    organisation = OrganisationFactory()
    response = submit_admin_form(
        admin_client,
        reverse("admin:organisations_organisation_change", args=[organisation.pk]),
        publish_from_0="02.03.2026",
        publish_from_1="09:00",
        publish_until_0="01.03.2026",
        publish_until_1="09:00",
    )
    assert response.context["adminform"].form.errors["publish_until"] == [
        "The end of publication must come after its start."
    ]


def test_the_lists_say_scheduled_and_expired_and_filter_by_them(admin_client, schedules):
    changelist = reverse("admin:events_event_changelist")
    page = admin_client.get(changelist).content.decode()
    # The rows, not the filter beside them, which names "Expired" on every list.
    rows = page[
        page.index('id="result_list"') : page.index("</table>", page.index('id="result_list"'))
    ]
    assert "Scheduled from" in rows
    assert "Expired" in rows
    scheduled = admin_client.get(changelist, {"schedule": "scheduled"})
    assert [event.title_en for event in scheduled.context["cl"].result_list] == [
        "Gathering notyet"
    ]
    expired = admin_client.get(changelist, {"schedule": "expired"})
    assert [event.title_en for event in expired.context["cl"].result_list] == ["Gathering ended"]


def test_a_cached_page_changes_at_publish_from_without_anyone_saving(client, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    with freeze_time(tick=False) as clock:
        EventFactory(status="published", title_en="Novruz now")
        EventFactory(status="published", title_en="Novruz soon", publish_from=seconds_from_now(2))
        first = client.get(reverse("events:list")).content.decode()
        clock.tick(1)
        meanwhile = client.get(reverse("events:list")).content.decode()
        clock.tick(1)
        later = client.get(reverse("events:list")).content.decode()
    assert "Novruz now" in first
    assert "Novruz soon" not in first
    assert meanwhile == first  # served from the cache until then
    assert "Novruz soon" in later


def test_imports_read_the_schedule_columns(admin_user):
    result = import_text(
        "organisations",
        "name,type,country,status,publish_from,publish_until\n"
        "House in Bonn,community,DE,published,01.04.2026 09:00,\n"
        "House in Kiel,community,DE,published,02.04.2026 09:00,01.04.2026 09:00\n",
        user=admin_user,
    )
    assert [str(error) for error in result.errors] == [
        "row 3, column publish_until: The end of publication must come after its start. "
        "(“01.04.2026 09:00”)"
    ]
    fixed = import_text(
        "organisations",
        "name,type,country,status,publish_from\nHouse in Bonn,community,DE,published,"
        "01.04.2026 09:00\n",
        user=admin_user,
    )
    assert fixed.ok
    bonn = Organisation.objects.get(name_en="House in Bonn")
    assert timezone.localtime(bonn.publish_from) == datetime.datetime(
        2026, 4, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Baku")
    )


def test_figures_kept_until_the_content_changes_are_renewed_when_a_schedule_passes(
    settings, django_capture_on_commit_callbacks
):
    from publishing.cache import while_unchanged

    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    with freeze_time(tick=False) as clock:
        EventFactory(status="published", publish_from=seconds_from_now(2))

        def published():
            return Event.objects.published().count()

        assert while_unchanged("published events", published) == 0
        clock.tick(1)
        with django_capture_on_commit_callbacks(execute=True):
            EventFactory(status="published")  # a save: a new version, counted again
        assert while_unchanged("published events", published) == 1
        clock.tick(1)
        # Nobody saved, but the first event's publish_from has come.
        assert while_unchanged("published events", published) == 2
