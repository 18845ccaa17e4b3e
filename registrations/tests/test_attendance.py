"""Attendance reports as Zoom and Microsoft Teams export them, imported into an event's
registrations through the spreadsheet engine: each person once with their minutes, matched
by address or by name in any script, guests kept, the absent marked, and all of it undone.

The reports in `reports/` follow the vendors' layouts byte for byte: Zoom's CSV with its
byte-order mark and summary row, its webinar report in sections with trailing commas,
Teams' UTF-16LE tab-separated sections; the XLSX files are those CSV files opened and saved
by LibreOffice, as staff who open a report in a spreadsheet program save it."""

import datetime
import io
import zoneinfo
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from events.tests.factories import EventFactory
from imports.importing import import_file
from imports.models import ImportRecord
from imports.undoing import undo_import
from registrations import services
from registrations.models import Attendance, Registration, RegistrationSettings, Status
from scopes.tests.worlds import coordinator

pytestmark = pytest.mark.django_db

REPORTS = Path(__file__).parent / "reports"
BAKU = zoneinfo.ZoneInfo("Asia/Baku")


def registered(event, name, email, country="DE", *, attendance=""):
    """A confirmed participant of a past event (the form takes none any more)."""
    return Registration.objects.create(
        event=event,
        status=Status.CONFIRMED,
        name=name,
        email=email,
        country=country,
        language="az",
        consent=services.current_consent(),
        consented_at=event.start - datetime.timedelta(days=5),
        confirmed_at=event.start - datetime.timedelta(days=5),
        attendance=attendance,
    )


@pytest.fixture
def videoconference():
    """The online event of 15 January 2025 the reports are of, with four participants."""
    event = EventFactory(
        title_en="Diaspora videoconference",
        format="online",
        country="AZ",
        time_zone="Asia/Baku",
        organiser=None,
        start=datetime.datetime(2025, 1, 15, 11, 0, tzinfo=BAKU),
        end=datetime.datetime(2025, 1, 15, 13, 0, tzinfo=BAKU),
    )
    RegistrationSettings.objects.create(event=event, is_open=True, mode="online")
    registered(event, "Leyla Məmmədova", "leyla.mammadova@example.org")
    registered(event, "Rəşad Hüseynov", "rashad.h@example.az", "RU")
    registered(event, "Ayan Quliyeva", "ayan.quliyeva@example.de")
    registered(event, "Tural Cəfərov", "tural@example.fr", "FR", attendance="excused")
    return event


def imported(event, report, **options):
    with open(REPORTS / report, "rb") as uploaded:
        return import_file(
            dataset_name="attendance",
            uploaded=uploaded,
            file_name=report,
            options={"event": event.pk, **options},
        )


def attendance_of(event):
    return {
        registration.name: (
            registration.status,
            registration.attendance,
            registration.attended_minutes,
        )
        for registration in Registration.objects.filter(event=event)
    }


# The minutes each report gives: Zoom's rows a join, added up; Teams' "In-meeting duration".
ZOOM = {
    "Leyla Məmmədova": (Status.CONFIRMED, Attendance.ATTENDED, 104),
    "Rəşad Hüseynov": (Status.CONFIRMED, Attendance.ATTENDED, 133),
    "Ayan Quliyeva": (Status.CONFIRMED, Attendance.ABSENT, None),
    "Tural Cəfərov": (Status.CONFIRMED, Attendance.EXCUSED, None),
    "Samir Abbasov": (Status.GUEST, Attendance.ATTENDED, 45),
    "Nigar Əliyeva": (Status.GUEST, Attendance.ATTENDED, 40),
}
TEAMS = {
    **ZOOM,
    "Leyla Məmmədova": (Status.CONFIRMED, Attendance.ATTENDED, 102),
    "Rəşad Hüseynov": (Status.CONFIRMED, Attendance.ATTENDED, 132),
}
WEBINAR = {name: found for name, found in ZOOM.items() if name != "Nigar Əliyeva"}


@pytest.mark.parametrize(
    ("report", "expected"),
    [
        ("zoom-participants.csv", ZOOM),
        ("zoom-participants.xlsx", ZOOM),
        ("zoom-webinar-attendees.csv", WEBINAR),
        ("teams-attendance-en-gb.csv", TEAMS),
        ("teams-attendance-en-gb.xlsx", TEAMS),
    ],
)
def test_a_report_gives_each_person_once_attended_absent_or_excused(
    videoconference, report, expected
):
    result = imported(videoconference, report)
    assert result.ok, (result.problem, [str(error) for error in result.errors])
    assert attendance_of(videoconference) == expected
    # The host, the organiser and the panelists ran the meeting: no registration of theirs.
    assert not Registration.objects.filter(email__endswith="@diaspora.gov.az").exists()
    leyla = Registration.objects.get(email="leyla.mammadova@example.org")
    assert leyla.joined_at == datetime.datetime(2025, 1, 15, 10, 59, 1, tzinfo=BAKU)
    # Rəşad joined as Рашад Гусейнов (and from another address in Zoom): his own details stay.
    rashad = Registration.objects.get(name="Rəşad Hüseynov")
    assert (rashad.email, rashad.country.code) == ("rashad.h@example.az", "RU")
    guests = Registration.objects.filter(status=Status.GUEST)
    assert all(guest.consent_id is None for guest in guests)
    assert result.counts == {
        "new": len(guests),
        "updated": 3,  # Leyla, Rəşad, Ayan; Tural stays excused
        "unchanged": 0,
        "errors": 0,
    }


def test_the_webinar_report_keeps_a_guests_country(videoconference):
    imported(videoconference, "zoom-webinar-attendees.csv")
    assert Registration.objects.get(name="Samir Abbasov").country.code == "FR"


def test_the_same_report_again_changes_nothing_and_undo_restores_everything(videoconference):
    before = attendance_of(videoconference)
    first = imported(videoconference, "teams-attendance-en-gb.csv")
    again = imported(videoconference, "teams-attendance-en-gb.csv")
    assert again.counts == {"new": 0, "updated": 0, "unchanged": 5, "errors": 0}
    undo_import(record=first.record, user=None)
    assert attendance_of(videoconference) == before
    assert not Registration.objects.filter(status=Status.GUEST).exists()


def test_dates_that_read_both_ways_are_settled_by_the_events_day_or_asked(videoconference):
    """1/3/25 is 3 January in the United States and 1 March in Europe."""
    videoconference.start = datetime.datetime(2025, 1, 3, 11, 0, tzinfo=BAKU)
    videoconference.end = None
    videoconference.save()
    result = imported(videoconference, "teams-attendance-en-us.csv")
    assert result.ok
    leyla = Registration.objects.get(email="leyla.mammadova@example.org")
    assert leyla.joined_at == datetime.datetime(2025, 1, 3, 10, 59, 1, tzinfo=BAKU)

    videoconference.start = datetime.datetime(2025, 1, 2, 23, 30, tzinfo=BAKU)
    videoconference.save()
    asked = imported(videoconference, "teams-attendance-en-us.csv")
    assert asked.problem == (
        "The file's dates, such as “1/3/25, 10:58:12 AM”, can be read as 1 March 2025 or as "
        "3 January 2025, and neither is the event's day. Choose the order of day and month "
        "in which the file was exported and upload it again."
    )
    told = imported(videoconference, "teams-attendance-en-us.csv", day_first=False)
    assert told.ok


def test_the_report_of_another_day_is_refused(videoconference):
    videoconference.start = datetime.datetime(2025, 1, 20, 11, 0, tzinfo=BAKU)
    videoconference.end = None
    videoconference.save()
    result = imported(videoconference, "zoom-participants.csv")
    assert result.problem == (
        "The report is of a meeting on 15 January 2025, and the event “Diaspora "
        "videoconference” is on 20 January 2025: is it the report of another event?"
    )
    assert not Registration.objects.filter(attendance=Attendance.ATTENDED).exists()


def test_a_name_two_registrations_share_is_asked_about(videoconference):
    # Teams gives Рашад Гусейнов no address; two registrations sound like him.
    registered(videoconference, "Рашад Гусейнов", "another.rashad@example.ru", "RU")
    result = imported(videoconference, "teams-attendance-en-gb.csv")
    assert [str(error) for error in result.errors] == [
        "row 13, column name: the name is that of 2 registrations (Rəşad Hüseynov "
        "<rashad.h@example.az>, Рашад Гусейнов <another.rashad@example.ru>) and the address "
        "of none; write the address of the one it is in the row's e-mail cell (“Гусейнов "
        "Рашад”)"
    ]
    assert not Registration.objects.filter(attendance=Attendance.ATTENDED).exists()


def test_a_file_that_is_no_report_says_what_is_expected(videoconference):
    result = import_file(
        dataset_name="attendance",
        uploaded=io.BytesIO(b"name,email\r\nLeyla,leyla@example.org\r\n"),
        file_name="list.csv",
        options={"event": videoconference.pk},
    )
    assert result.problem.startswith("No list of participants was found in the file.")
    result = import_file(
        dataset_name="attendance",
        uploaded=io.BytesIO(b"x"),
        file_name="report.csv",
    )
    assert result.problem == "Choose the event whose attendance the report gives."


def test_staff_import_a_report_in_the_admin_preview_it_and_undo_it(admin_client, videoconference):
    listing = reverse("admin:registrations_registration_changelist")
    page = admin_client.get(f"{listing}import/?event={videoconference.pk}")
    assert page.context["form"]["event"].value() == str(videoconference.pk)
    with open(REPORTS / "teams-attendance-en-gb.csv", "rb") as report:
        preview = admin_client.post(
            f"{listing}import/",
            {
                "file": SimpleUploadedFile("attendance.csv", report.read()),
                "event": videoconference.pk,
                "date_order": "",
            },
            follow=True,
        )
    assert preview.context["counts"] == {"new": 2, "updated": 3, "unchanged": 0, "errors": 0}
    shown = {
        item["cells"][0]: (item["number"], item["action"]) for item in preview.context["rows"]
    }
    assert shown["Ayan Quliyeva"] == (0, "updated")  # not in the file: marked absent
    assert "—" in preview.content.decode()
    admin_client.post(
        reverse("admin:registrations_registration_import_confirm"),
        {"token": preview.context["token"]},
    )
    assert attendance_of(videoconference) == TEAMS
    record = ImportRecord.objects.get(dataset="attendance")
    admin_client.post(
        reverse("admin:imports_importrecord_undo", args=[record.pk]), {"confirmed": "yes"}
    )
    assert Registration.objects.filter(status=Status.GUEST).count() == 0


def test_a_coordinator_imports_only_for_their_countries_events(
    client, django_user_model, videoconference
):
    client.force_login(coordinator(django_user_model, "DE"))
    listing = reverse("admin:registrations_registration_changelist")
    with open(REPORTS / "zoom-participants.csv", "rb") as report:
        page = client.post(
            f"{listing}import/",
            {"file": SimpleUploadedFile("zoom.csv", report.read()), "event": videoconference.pk},
        )
    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()
    assert not Registration.objects.filter(attendance=Attendance.ATTENDED).exists()


def test_the_command_line_takes_the_event_as_an_option(videoconference):
    output = io.StringIO()
    call_command(
        "import_data",
        "attendance",
        str(REPORTS / "zoom-participants.csv"),
        "--option",
        f"event={videoconference.pk}",
        stdout=output,
    )
    assert output.getvalue().strip() == "new: 2, updated: 3, unchanged: 0, errors: 0"


def test_the_figures_count_who_attended_guests_included(client, admin_client, videoconference):
    imported(videoconference, "zoom-webinar-attendees.csv")
    assert services.figures_of(videoconference) == {
        "registered": 4,
        "confirmed": 4,
        "held": 0,
        "waiting": 0,
        "attended": 3,  # Leyla, Rəşad and the guest Samir
        "absent": 1,
        "excused": 1,
        "guests": 1,
        "attendance_known": True,
        "participants": 3,
        "countries": 3,  # Germany, Russia, France: of those who came
    }
    desk = videoconference.registration_settings
    page = admin_client.get(
        reverse("admin:registrations_registrationsettings_change", args=[desk.pk])
    ).content.decode()
    assert '<h2 id="chart-participants-by-country">Participants by country</h2>' in page
    assert "&amp;country=FR&amp;attendance__exact=attended" in page
    videoconference.status = "published"
    videoconference.participants_count = None
    videoconference.countries_count = None
    videoconference.save()
    public = client.get(videoconference.get_absolute_url()).content.decode()
    assert "<strong>3</strong> participants <small" in public
    assert "<strong>3</strong> countries <small" in public
