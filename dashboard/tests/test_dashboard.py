"""The staff dashboard, the admin's first page, as each role and a coordinator see it."""

import csv
import datetime
import io

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.models import Conferment
from awards.tests.factories import ConfermentFactory
from dashboard.figures import last_months
from events.models import Event, EventFormat
from events.tests.factories import EventFactory
from imports.models import ImportRecord
from jobs.models import Job
from organisations.models import Organisation, OrganisationType
from organisations.tests.factories import OrganisationFactory
from scopes.tests.worlds import coordinator, make_worlds

pytestmark = pytest.mark.django_db


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response


def as_user(record, user):
    """`record` saved again with `user` as the author of the change in its history."""
    record._history_user = user
    record.save()
    return record


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_an_editor_sees_their_drafts_upcoming_events_imports_and_jobs_but_no_review(
    client, editor, publisher
):
    mine = as_user(EventFactory(title_en="My draft event", status="draft"), editor)
    as_user(EventFactory(title_en="Someone else's draft", status="draft"), publisher)
    as_user(EventFactory(title_en="My published event", status="published"), editor)
    soon = EventFactory(
        title_en="Next week's forum", start=timezone.now() + datetime.timedelta(days=7)
    )
    EventFactory(title_en="Next year's forum", start=timezone.now() + datetime.timedelta(days=90))
    ImportRecord.objects.create(dataset="events", file_name="events.xlsx", user=editor)
    Job.objects.create(kind="import", title="Import of events.xlsx", user=editor)
    Job.objects.create(kind="import", title="Someone else's job", user=publisher)
    response = dashboard(client, editor)
    html = response.content.decode()
    assert [draft["name"] for draft in response.context["my_drafts"]] == ["My draft event"]
    assert response.context["my_drafts"][0]["url"] == reverse(
        "admin:events_event_change", args=[mine.pk]
    )
    assert [event["name"] for event in response.context["upcoming_events"]] == [str(soon)]
    assert [record.file_name for record in response.context["latest_imports"]] == ["events.xlsx"]
    assert [job.title for job in response.context["latest_jobs"]] == ["Import of events.xlsx"]
    assert 'id="waiting-for-review"' not in html
    assert 'id="my-drafts"' in html
    # The list of every app stays below, with each app named in the user's language.
    assert 'id="all-records"' in html
    assert "OTP_TOTP" not in html
    assert "Axes" not in html


def test_a_publisher_sees_what_waits_for_review_by_kind_of_record(client, publisher):
    EventFactory.create_batch(2, status="review")
    OrganisationFactory(status="review")
    EventFactory(status="draft")
    response = dashboard(client, publisher)
    review = "?status__exact=review"
    assert response.context["waiting_for_review"] == [
        ("events", 2, reverse("admin:events_event_changelist") + review),
        ("organisations", 3 - 2, reverse("admin:organisations_organisation_changelist") + review),
    ]
    assert 'id="waiting-for-review"' in response.content.decode()


def test_a_viewer_sees_the_counts_and_charts_but_no_drafts_or_review(client, viewer):
    EventFactory(status="draft")
    EventFactory(status="published")
    response = dashboard(client, viewer)
    html = response.content.decode()
    assert 'id="my-drafts"' not in html
    assert 'id="waiting-for-review"' not in html
    events = next(row for row in response.context["record_counts"] if row["name"] == "events")
    assert (events["draft"], events["review"], events["published"], events["total"]) == (
        1,
        0,
        1,
        2,
    )
    assert set(response.context["charts"]) == {
        "events-per-month",
        "organisations-by-type",
        "conferments-per-year",
    }


def test_the_counts_and_the_week_are_of_every_kind_of_record_by_status(client, admin_user, editor):
    EventFactory.create_batch(3, status="published")
    as_user(EventFactory(status="draft"), editor)
    as_user(OrganisationFactory(status="review"), editor)
    response = dashboard(client, admin_user)
    counts = {row["name"]: row for row in response.context["record_counts"]}
    assert list(counts) == [
        "conferments",
        "documents",
        "events",
        "medals",
        "organisations",
        "people",
        "photos",
        "videos",
    ]
    assert counts["events"]["total"] == Event.objects.count() == 4
    assert counts["events"]["published"] == 3
    assert counts["organisations"]["total"] == Organisation.objects.count()
    assert counts["organisations"]["review"] == 1
    week = {person["who"]: person for person in response.context["changes_this_week"]}
    # The records were made by a command (no user), then changed by the editor.
    assert week["editor"]["changes"] == [("events", 1), ("organisations", 1)]
    assert week[""]["changes"] == [("events", 4), ("organisations", 5)]
    assert week[""]["total"] == 9


def test_each_chart_counts_what_a_query_counts_and_its_csv_says_the_same(client, admin_user):
    months = last_months(timezone.localdate())
    at = timezone.get_current_timezone()
    for month, event_format in (
        (months[0], "online"),
        (months[-1], "hybrid"),
        (months[-1], "hybrid"),
        (months[5], "in_person"),
    ):
        EventFactory(
            format=event_format, start=datetime.datetime(month.year, month.month, 2, tzinfo=at)
        )
    too_old = months[0] - datetime.timedelta(days=1)
    EventFactory(start=datetime.datetime(too_old.year, too_old.month, 2, tzinfo=at))
    ConfermentFactory(date=datetime.date(2019, 5, 1), event=None)
    ConfermentFactory.create_batch(2, date=datetime.date(2021, 5, 1), event=None)
    charts = dashboard(client, admin_user).context["charts"]

    per_month = charts["events-per-month"]
    formats = [value for value, _label in EventFormat.choices]
    assert len(per_month.rows) == 24
    for month, (_label, counts) in zip(months, per_month.rows, strict=True):
        in_month = Event.objects.filter(start__year=month.year, start__month=month.month)
        assert counts == tuple(in_month.filter(format=value).count() for value in formats)
    assert sum(per_month.totals) == 4

    by_type = charts["organisations-by-type"]
    assert dict((label, counts[0]) for label, counts in by_type.rows) == {
        str(label): Organisation.objects.filter(type=value).count()
        for value, label in OrganisationType.choices
    }
    assert charts["conferments-per-year"].rows == (
        ("2019", (1,)),
        ("2020", (0,)),
        ("2021", (2,)),
    )
    assert Conferment.objects.count() == 3

    rows = read_csv(client.get(reverse("admin:dashboard_csv", args=["events-per-month"])))
    assert rows[0] == ["Month", "Online", "In person", "Hybrid", "Total"]
    assert rows[1:] == [
        [label, *map(str, counts), str(sum(counts))] for label, counts in per_month.rows
    ]
    rows = read_csv(client.get(reverse("admin:dashboard_csv", args=["conferments-per-year"])))
    assert rows == [["Year", "Conferments"], ["2019", "1"], ["2020", "0"], ["2021", "2"]]
    assert client.get(reverse("admin:dashboard_csv", args=["nothing"])).status_code == 404


def test_a_coordinator_sees_only_their_scopes_numbers(client, django_user_model):
    worlds = make_worlds()
    EventFactory(
        country="FR", status="review", organiser=worlds["FR"].main("organisations.organisation")
    )
    germany = coordinator(django_user_model, "DE")
    as_user(worlds["DE"].main("events.event"), germany)
    as_user(worlds["FR"].main("events.event"), germany)  # no longer theirs to see
    response = dashboard(client, germany)
    html = response.content.decode()
    counts = {row["name"]: row["total"] for row in response.context["record_counts"]}
    assert counts["events"] == Event.objects.in_scope(germany).count() == 1
    assert counts["organisations"] == 2
    assert sum(response.context["charts"]["organisations-by-type"].totals) == 2
    assert sum(response.context["charts"]["conferments-per-year"].totals) == 1
    assert response.context["waiting_for_review"] == []
    week = {
        person["who"]: dict(person["changes"]) for person in response.context["changes_this_week"]
    }
    assert week["coordinator-de"] == {"events": 1}
    assert "Sentinelfr" not in html
    # Its CSV too.
    rows = read_csv(client.get(reverse("admin:dashboard_csv", args=["organisations-by-type"])))
    assert sum(int(row[1]) for row in rows[1:]) == 2


def test_the_dashboard_takes_as_many_queries_for_many_records_as_for_few(
    client, editor, django_assert_num_queries
):
    def add():
        as_user(
            EventFactory(status="draft", start=timezone.now() + datetime.timedelta(days=3)), editor
        )
        OrganisationFactory(status="review")
        ConfermentFactory()
        ImportRecord.objects.create(dataset="events", file_name="events.xlsx", user=editor)
        Job.objects.create(kind="import", title="Import", user=editor)

    add()
    client.force_login(editor)
    client.get(reverse("admin:index"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("admin:index"))
    for _ in range(8):
        add()
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("admin:index"))
    assert len(response.context["my_drafts"]) == 9
    assert len(response.context["upcoming_events"]) == 9


def test_kept_until_the_content_changes_the_dashboard_reads_at_most_ten_queries(
    client, editor, settings, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    with django_capture_on_commit_callbacks(execute=True):
        as_user(EventFactory(status="draft"), editor)
    client.force_login(editor)
    client.get(reverse("admin:index"))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("admin:index"))
    assert len(response.context["my_drafts"]) == 1
    # A change is seen at once.
    with django_capture_on_commit_callbacks(execute=True):
        as_user(EventFactory(status="draft"), editor)
    assert len(client.get(reverse("admin:index")).context["my_drafts"]) == 2


@pytest.mark.parametrize("language", ["az", "ru"])
def test_every_app_and_model_below_is_named_in_the_users_language(
    client, admin_user, settings, language
):
    client.force_login(admin_user)

    def names(code):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
        app_list = client.get(reverse("admin:index")).context["app_list"]
        found = {}
        for app in app_list:
            if ".tests." in apps.get_app_config(app["app_label"]).name:
                continue  # an app the tests alone install
            # str() while the request's language is active: the names are lazy.
            found[app["app_label"]] = str(app["name"])
            for model in app["models"]:
                found[app["app_label"], model["object_name"]] = str(model["name"])
        return found

    english, translated = names("en"), names(language)
    assert english.keys() == translated.keys()
    assert len(english) > 20
    same = {name for key, name in english.items() if translated[key] == name}
    # "Media" is the same word in Azerbaijani.
    assert same <= {"Media"}


def test_registrations_are_counted_for_the_events_in_scope_in_as_many_queries_for_many(
    client, django_user_model, django_assert_num_queries
):
    from registrations.models import Registration, RegistrationSettings
    from registrations.services import current_consent

    def event_taking_registrations(country, people):
        event = EventFactory(
            country=country,
            organiser=None,
            title_en=f"Registrations {country} {people}",
            start=timezone.now() + datetime.timedelta(days=5),
        )
        RegistrationSettings.objects.create(event=event, is_open=True, capacity=50)
        for n in range(people):
            Registration.objects.create(
                event=event,
                status="confirmed" if n else "waiting",
                name=f"Person {n}",
                email=f"p{n}@example.org",
                country=["DE", "AT", "CH"][n % 3],
                language="en",
                consent=current_consent(),
                consented_at=timezone.now(),
            )

    event_taking_registrations("DE", 4)
    event_taking_registrations("FR", 2)
    germany = coordinator(django_user_model, "DE")
    response = dashboard(client, germany)
    (shown,) = response.context["registration_figures"]
    assert (shown["name"], shown["confirmed"], shown["waiting"], shown["countries"]) == (
        "Registrations DE 4",
        3,
        1,
        3,
    )
    assert "confirmed: 3 · on the waiting list: 1 · countries: 3 · places: 50" in (
        response.content.decode()
    )
    client.get(reverse("admin:index"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("admin:index"))
    for people in (5, 6, 7):
        event_taking_registrations("DE", people)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("admin:index"))
    assert len(response.context["registration_figures"]) == 4
