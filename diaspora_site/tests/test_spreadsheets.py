"""Spreadsheet import and export of every dataset, end to end."""

import io

import openpyxl
import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from imports.exporting import export_file
from imports.models import ImportRecord
from imports.tests.helpers import import_text
from imports.undoing import undo_import
from organisations.models import Membership, Organisation, Person
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

DATASETS = ["organisations", "people", "events", "medals", "awards"]
FORMATS = ["csv", "xlsx", "ods", "json"]
ADMIN_OF = {
    "organisations": "organisations_organisation",
    "people": "organisations_person",
    "events": "events_event",
    "medals": "awards_medal",
    "awards": "awards_conferment",
}

# For each dataset: two good rows, then one whose last column is wrong.
FILES = {
    "organisations": (
        "name,type,country,parent,founded\r\n"
        "Vyana Azərbaycan Evi,Azərbaycan Evi,AUT,Avstriya Şurası,15.06.2021\r\n"
        "Avstriya Şurası,Coordination Council,Austria,,2010-01-01\r\n"
        "Graz School,Weekend School,AT,,31.02.2020\r\n"
    ),
    "people": (
        "full_name;country;profession;public;consent_date\r\n"
        "Leyla Həsənova;DE;Alim;bəli;10.01.2025\r\n"
        "Рауф Мамедов;US;professor;нет;\r\n"
        "Orxan Hüseynov;FR;Other;maybe;\r\n"
    ),
    "events": (
        "title,start,end,timezone,format,country\r\n"
        "Novruz in Vienna,20.03.2026 17:00,20.03.2026 20:00,Europe/Vienna,In person,AT\r\n"
        "Online seminar,2026-04-01 10:00,,,online,\r\n"
        "Youth camp,05.07.2027 09:00,05.07.2027 08:00,Asia/Baku,In person,AZ\r\n"
    ),
    "medals": (
        "name,name_az,established\r\n"
        "For Merits in Diaspora Activity,Diaspora fəaliyyətində xidmətə görə,2010-01-01\r\n"
        "Honorary Diploma,Fəxri fərman,\r\n"
        "Gold Medal,,someday\r\n"
    ),
    "awards": (
        "medal,recipient,recipient_country,date,event\r\n"
        "For Merits in Diaspora Activity,leyla HƏSƏNOVA,DE,24.01.2025,\r\n"
        "For Merits in Diaspora Activity,Рауф Мамедов,,24/01/2025,\r\n"
        "For Merits in Diaspora Activity,Nobody Known,,24.01.2025,No such event\r\n"
    ),
}
BAD_ROW_ERRORS = {
    "organisations": ["row 4, column founded: expected a date such as 24.01.2025 or 2025-01-24"],
    "people": ["row 4, column public: expected yes or no (bəli/xeyr, да/нет)"],
    "events": ["row 4, column end: The end cannot be before the start."],
    "medals": ["row 4, column established: expected a date such as 24.01.2025 or 2025-01-24"],
    "awards": [
        "row 4, column recipient: no person of that name",
        "row 4, column event: no event of that name",
    ],
}


def record_counts():
    return {
        model._meta.label: model._default_manager.count()
        for app_label in ["organisations", "events", "awards"]
        for model in apps.get_app_config(app_label).get_models()
    }


run = import_text


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def medal_and_people():
    """What the awards rows refer to."""
    run("medals", FILES["medals"].rsplit("\r\n", 2)[0] + "\r\n")
    run("people", FILES["people"].rsplit("\r\n", 2)[0] + "\r\n")


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("dataset", DATASETS)
def test_round_trip_reports_every_row_unchanged(demo, dataset, file_format):
    data = export_file(dataset_name=dataset, file_format=file_format, with_contacts=True)
    result = run(dataset, data, name=f"export.{file_format}")
    assert result.counts == {
        "new": 0,
        "updated": 0,
        "unchanged": len(result.rows),
        "errors": 0,
    }
    assert len(result.rows) > 0


@pytest.mark.parametrize("dataset", DATASETS)
def test_error_in_the_last_row_writes_nothing(dataset, medal_and_people):
    before = (record_counts(), ImportRecord.objects.count())
    result = run(dataset, FILES[dataset])
    assert [str(error).split(" (“")[0] for error in result.errors] == BAD_ROW_ERRORS[dataset]
    assert (record_counts(), ImportRecord.objects.count()) == before


@pytest.mark.parametrize("dataset", DATASETS)
def test_second_load_of_the_same_file_creates_nothing(dataset, medal_and_people):
    good = FILES[dataset].rsplit("\r\n", 2)[0] + "\r\n"
    first = run(dataset, good)
    counts = record_counts()
    second = run(dataset, good)
    assert (first.ok, second.ok) == (True, True)
    assert second.counts == {"new": 0, "updated": 0, "unchanged": 2, "errors": 0}
    assert record_counts() == counts


def test_unknown_reference_names_row_column_and_value():
    result = run(
        "organisations",
        "name,type,country,parent\r\nGraz School,Weekend School,AT,Nowhere Council\r\n",
    )
    assert [str(error) for error in result.errors] == [
        "row 2, column parent: no organisation of that name (“Nowhere Council”)"
    ]


def test_missing_required_column_is_named():
    result = run("people", "full_name,city\r\nLeyla,Berlin\r\n")
    assert result.problem == "The header row (row 1) has no column for: country."


def test_headers_in_azerbaijani_and_russian_any_case():
    result = run(
        "organisations", " AD ;Növ;СТРАНА;Şəhər\r\nGraz School;Weekend School;AT;Graz\r\n"
    )
    assert result.ok, result.errors
    assert Organisation.objects.get(city="Graz").name_en == "Graz School"


def test_people_import_adds_memberships_and_undo_removes_them(admin_user):
    OrganisationFactory(name_en="Azerbaijan House in Berlin", country="DE")
    record = run(
        "people",
        "full_name,country,organisation\r\nLeyla Həsənova,DE,azerbaijan house in berlin\r\n",
        user=admin_user,
    ).record
    assert Membership.objects.get().person.full_name == "Leyla Həsənova"
    undo_import(record=record, user=admin_user)
    assert (Person.objects.count(), Membership.objects.count()) == (0, 0)


def people_rows(count):
    lines = ["full_name,country,profession,organisation,public"]
    lines += [
        f"Person {number},DE,Scientist,Organisation {number % 50},no" for number in range(count)
    ]
    return "\r\n".join(lines) + "\r\n"


@pytest.mark.parametrize("dry_run", [True, False])
def test_query_count_does_not_grow_with_rows(dry_run):
    for number in range(50):
        OrganisationFactory(name_en=f"Organisation {number}")
    counts = []
    for rows in (100, 200, 1000):
        Person.objects.all().delete()
        ImportRecord.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            assert run("people", people_rows(rows), dry_run=dry_run).ok
        counts.append(len(queries.captured_queries))
    # Each file is one batch of rows, checked with the same queries; written 100 rows a
    # transaction, each transaction the same few queries, never one more per row.
    per_transaction = 0 if dry_run else counts[1] - counts[0]
    assert counts[2] - counts[0] == 9 * per_transaction
    assert per_transaction < 10


@pytest.mark.parametrize("dataset", DATASETS)
def test_template_has_the_headers_an_example_and_the_allowed_values(admin_client, dataset):
    response = admin_client.get(reverse(f"admin:{ADMIN_OF[dataset]}_import_template"))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    headers, example = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert response["Content-Disposition"] == f'attachment; filename="{dataset}-template.xlsx"'
    assert "status" in headers
    assert any(example)
    assert workbook.worksheets[1].title == "Allowed values"
    assert "Draft" in [
        cell for row in workbook.worksheets[1].iter_rows(values_only=True) for cell in row
    ]


@pytest.mark.parametrize("dataset", DATASETS)
def test_template_imports_cleanly_once_its_references_exist(admin_client, dataset, demo):
    response = admin_client.get(reverse(f"admin:{ADMIN_OF[dataset]}_import_template"))
    result = run(dataset, response.content, name="template.xlsx", dry_run=True)
    assert result.problem == ""
    assert [
        error.column
        for error in result.errors
        if error.column not in {"parent", "organiser", "recipient", "event"}
    ] == []


def upload(client, changelist, text, name="file.csv"):
    return client.post(
        reverse(f"admin:{changelist}_import"),
        {"file": SimpleUploadedFile(name, text.encode())},
        follow=True,
    )


@pytest.mark.parametrize("dataset", DATASETS)
def test_import_and_export_need_their_own_permissions(client, editor, viewer, importer, dataset):
    changelist = ADMIN_OF[dataset]
    urls = [
        ("get", reverse(f"admin:{changelist}_import")),
        ("get", reverse(f"admin:{changelist}_import_preview") + "?token=x"),
        ("post", reverse(f"admin:{changelist}_import_confirm")),
        ("get", reverse(f"admin:{changelist}_import_errors") + "?token=x"),
        ("get", reverse(f"admin:{changelist}_export")),
        ("post", reverse(f"admin:{changelist}_export")),
    ]
    answers = {}
    for user in (editor, viewer, importer):
        client.force_login(user)
        answers[user.username] = [getattr(client, method)(url).status_code for method, url in urls]
    client.logout()
    answers["anonymous"] = [getattr(client, method)(url).status_code for method, url in urls]
    assert answers == {
        "editor": [403] * 6,
        "viewer": [403] * 6,
        "importer": [200, 302, 302, 302, 200, 200],
        "anonymous": [302] * 6,
    }


def test_admin_preview_shows_counts_and_failing_rows_then_error_report(admin_client):
    preview = upload(admin_client, "organisations_organisation", FILES["organisations"])
    page = preview.content.decode()
    assert preview.context["counts"] == {"new": 2, "updated": 0, "unchanged": 0, "errors": 1}
    assert "expected a date such as 24.01.2025 or 2025-01-24" in page
    assert "Confirm the import" not in page

    report = admin_client.get(preview.context["errors_url"])
    lines = report.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "name,type,country,parent,founded,errors"
    assert lines[3].endswith(",founded: expected a date such as 24.01.2025 or 2025-01-24")
    assert lines[1].endswith(",")


def test_export_of_people_leaves_contacts_out_without_their_permission(
    client, importer, admin_client
):
    Person.objects.create(full_name="Leyla", country="DE", email="leyla@example.org", slug="leyla")
    client.force_login(importer)
    plain = client.post(
        reverse("admin:organisations_person_export"), {"format": "csv", "with_contacts": "on"}
    )
    full = admin_client.post(
        reverse("admin:organisations_person_export"), {"format": "csv", "with_contacts": "on"}
    )
    assert "leyla@example.org" not in plain.content.decode()
    assert "email" not in plain.content.decode().splitlines()[0]
    assert "leyla@example.org" in full.content.decode()
