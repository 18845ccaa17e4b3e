"""Spreadsheets by coordinators: rows outside the scope refused, exports and history within."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import Event
from imports.models import ImportRecord
from imports.tests.helpers import import_text
from organisations.models import Organisation, Person
from organisations.tests.factories import PersonFactory

from .worlds import coordinator, make_worlds

pytestmark = pytest.mark.django_db


@pytest.fixture
def worlds():
    return make_worlds()


@pytest.fixture
def germany(django_user_model):
    return coordinator(django_user_model, "DE")


@pytest.fixture
def france(django_user_model):
    return coordinator(django_user_model, "FR")


def errors(result):
    return [str(error) for error in result.errors]


def test_rows_outside_the_scope_are_refused_naming_the_column_and_nothing_is_written(
    worlds, germany
):
    people = Person.objects.count()
    result = import_text(
        "people",
        "full_name,country,city\n"
        "Aygün Məmmədova,DE,Köln\n"
        "Elvin Quliyev,FR,Lyon\n"
        "Nərmin Əliyeva,Fransa,Paris\n",
        user=germany,
    )
    assert errors(result) == [
        "row 3, column country: FR is outside your scope (Germany)",
        "row 4, column country: Fransa is outside your scope (Germany)",
    ]
    assert result.record is None
    assert Person.objects.count() == people


def test_a_row_naming_a_record_of_another_country_is_refused_without_reading_it(worlds, germany):
    french = worlds["FR"].main("organisations.person")
    result = import_text(
        "people",
        f"id,full_name,country,city\n{french.pk},Changed,DE,Berlin\n",
        user=germany,
    )
    assert errors(result) == [f"row 2, column id: {french.pk} is outside your scope (Germany)"]
    french.refresh_from_db()
    assert french.full_name == "Person Sentinelfr"


def test_a_member_living_elsewhere_is_updated_where_they_live_but_none_is_moved_there(
    worlds, germany
):
    member = PersonFactory(full_name="Rəşad Babayev", country="FR")
    member.memberships.create(organisation=worlds["DE"].main("organisations.organisation"))
    result = import_text(
        "people",
        "full_name,country,city,organisation\n"
        "Rəşad Babayev,FR,Lyon,School Sentinelde\n"
        "Lalə Həsənli,FR,Lyon,School Sentinelde\n"
        "Aygün Məmmədova,DE,Köln,Council Sentinelfr\n",
        user=germany,
    )
    assert errors(result) == [
        "row 3, column country: FR is outside your scope (Germany)",
        "row 4, column organisation: Council Sentinelfr is outside your scope (Germany)",
    ]
    fixed = import_text("people", "full_name,country,city\nRəşad Babayev,FR,Lyon\n", user=germany)
    assert errors(fixed) == []
    member.refresh_from_db()
    assert member.city == "Lyon"


def test_events_and_organisations_outside_the_scope_are_refused(worlds, germany):
    events = import_text(
        "events",
        "title,start,timezone,country,organiser\n"
        "Novruz in Köln,20.03.2026 18:00,Europe/Berlin,DE,\n"
        "Novruz in Lyon,21.03.2026 18:00,Europe/Paris,FR,\n"
        "Novruz in Lille,22.03.2026 18:00,Europe/Paris,DE,Council Sentinelfr\n"
        "Novruz online,23.03.2026 18:00,Europe/Berlin,,\n"
        "Novruz in Paris,24.03.2026 18:00,Europe/Paris,FR,Council Sentinelde\n",
        user=germany,
    )
    assert errors(events) == [
        "row 3, column country: FR is outside your scope (Germany)",
        "row 4, column organiser: Council Sentinelfr is outside your scope (Germany)",
        "row 5, column country: outside your scope (Germany): give one of its countries",
        # Their council's event abroad is theirs, but only staff everywhere put it there.
        "row 6, column country: FR is outside your scope (Germany)",
    ]
    organisations = import_text(
        "organisations",
        "name,type,country,parent\n"
        "Azerbaijan House in Lyon,azerbaijan_house,FR,\n"
        "Dresden school,weekend_school,DE,Council Sentinelde\n",
        user=germany,
    )
    assert errors(organisations) == [
        "row 2, column country: FR is outside your scope (Germany)",
    ]
    assert not Event.objects.filter(title_en__startswith="Novruz").exists()
    assert not Organisation.objects.filter(name_en__contains="Lyon").exists()


def test_a_conferment_of_a_person_outside_the_scope_is_refused(worlds, germany):
    result = import_text(
        "awards",
        "medal,recipient,date\n"
        "For Merits in Diaspora Activity,Person Sentinelfr,01.06.2026\n"
        "For Merits in Diaspora Activity,Person Sentinelde,01.06.2026\n",
        user=germany,
    )
    assert errors(result) == [
        "row 2, column recipient: Person Sentinelfr is outside your scope (Germany)"
    ]


def test_a_coordinators_file_within_the_scope_imports_as_any_other(worlds, germany):
    result = import_text(
        "events",
        "title,start,timezone,country,organiser\n"
        "Novruz in Köln,20.03.2026 18:00,Europe/Berlin,DE,\n"
        "Novruz online,24.03.2026 18:00,Europe/Berlin,,Council Sentinelde\n",
        user=germany,
    )
    assert errors(result) == []
    assert result.record.user == germany
    assert set(Event.objects.in_scope(germany).values_list("title_en", flat=True)) >= {
        "Novruz in Köln",
        "Novruz online",
    }


@pytest.mark.parametrize(
    ("changelist", "dataset"),
    [
        ("organisations_organisation", "organisations"),
        ("organisations_person", "people"),
        ("events_event", "events"),
        ("awards_conferment", "awards"),
    ],
)
def test_exports_hold_only_the_scopes_records(client, worlds, germany, changelist, dataset):
    client.force_login(germany)
    response = client.post(reverse(f"admin:{changelist}_export"), {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert "Sentinelde" in text
    assert "Sentinelfr" not in text


def test_the_error_download_and_history_and_undo_are_the_coordinators_own(
    client, worlds, germany, france
):
    client.force_login(germany)
    preview = client.post(
        reverse("admin:events_event_import"),
        {
            "file": SimpleUploadedFile(
                "events.csv",
                b"title,start,timezone,country\nNovruz in Lyon,21.03.2026 18:00,Europe/Paris,FR\n",
            )
        },
        follow=True,
    )
    assert "FR is outside your scope (Germany)" in preview.content.decode()
    report = client.get(preview.context["errors_url"]).content.decode("utf-8-sig")
    assert report.splitlines()[1].endswith(",country: FR is outside your scope (Germany)")
    assert "Sentinelfr" not in report

    french_import = import_text(
        "events",
        "title,start,timezone,country\nFête,21.03.2026 18:00,Europe/Paris,FR\n",
        user=france,
    ).record
    history = client.get(reverse("admin:imports_importrecord_changelist"))
    assert list(history.context_data["cl"].result_list) == []
    assert (
        client.get(
            reverse("admin:imports_importrecord_change", args=[french_import.pk])
        ).status_code
        == 404
    )
    undo = client.post(
        reverse("admin:imports_importrecord_undo", args=[french_import.pk]), {"confirmed": "yes"}
    )
    assert undo.status_code == 404
    french_import.refresh_from_db()
    assert french_import.status == ImportRecord.Status.DONE
    assert Event.objects.filter(title_en="Fête").exists()

    client.force_login(france)
    assert (
        client.get(
            reverse("admin:imports_importrecord_change", args=[french_import.pk])
        ).status_code
        == 200
    )
