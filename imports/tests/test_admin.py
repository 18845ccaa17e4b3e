"""Import and export in the admin, on the engine's own dataset: upload, preview, confirm,
error report, template, export and undo, and who may do each."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from imports.models import ImportRecord
from imports.tests.engine.models import Entry
from imports.tests.helpers import import_text
from scopes.models import StaffScope

pytestmark = pytest.mark.django_db

MISSPELT = "name,citty,kind\r\nVienna,Wien,guest\r\n"


def url(name):
    return reverse(f"admin:imports_engine_entry_{name}")


def upload(client, text, name="entries.csv"):
    return client.post(
        url("import"), {"file": SimpleUploadedFile(name, text.encode())}, follow=True
    )


@pytest.fixture
def entry_importer(django_user_model):
    user = django_user_model.objects.create_user(username="importer", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["import_entry", "view_entry"])
    )
    return user


def test_import_page_lists_the_columns_it_reads(admin_client):
    page = admin_client.get(url("import")).content.decode()
    assert (
        "<strong><code>name</code></strong>, <code>city</code>, <code>kind</code>, "
        "<code>joined</code>, <code>email</code>." in page
    )


def test_preview_counts_rows_shows_failing_ones_then_the_error_report(admin_client):
    preview = upload(admin_client, "name,kind\r\nVienna,guest\r\nBaku,boss\r\n")
    page = preview.content.decode()
    assert preview.context["counts"] == {"new": 1, "updated": 0, "unchanged": 0, "errors": 1}
    assert [(item["number"], str(item["action"].label)) for item in preview.context["rows"]] == [
        (2, "new"),
        (3, "error"),
    ]
    assert "kind: expected one of: Member, Guest" in page
    assert "Confirm the import" not in page
    report = admin_client.get(preview.context["errors_url"])
    assert report.content.decode("utf-8-sig").splitlines()[1:] == [
        "Vienna,guest,",
        'Baku,boss,"kind: expected one of: Member, Guest"',
    ]


def test_preview_warns_of_columns_that_are_not_read(admin_client):
    preview = upload(admin_client, MISSPELT)
    warning = preview.context["result"].ignored_warning
    assert warning.startswith("The column “citty” is not read")
    assert f'<li class="warning">{warning}</li>' in preview.content.decode()


def test_confirm_imports_and_the_import_can_be_undone(admin_client):
    preview = upload(admin_client, "name\r\nVienna\r\n")
    admin_client.post(url("import_confirm"), {"token": preview.context["token"]})
    record = ImportRecord.objects.get()
    assert (record.dataset, list(Entry.objects.values_list("name", flat=True))) == (
        "entries",
        ["Vienna"],
    )
    undo = reverse("admin:imports_importrecord_undo", args=[record.pk])
    # Asked first, whether by a link or by a form that did not answer the question.
    for question in (admin_client.get(undo), admin_client.post(undo)):
        assert question.status_code == 200
        assert question.context["effects"] == [("entrys", 1, 0)]  # the test model's own name
        assert 'name="confirmed" value="yes"' in question.content.decode()
    assert Entry.objects.exists()
    response = admin_client.post(undo, {"confirmed": "yes"})
    assert (response.status_code, Entry.objects.exists()) == (302, False)


def test_preview_pages_read_the_stored_check_and_never_check_the_file_again(admin_client):
    rows = "".join(f"Entry {number}\r\n" for number in range(120))
    preview = upload(admin_client, "name\r\n" + rows)
    with CaptureQueriesContext(connection) as paging:
        third = admin_client.get(preview.context["preview_url"] + "&page=3")
        report = admin_client.get(preview.context["errors_url"])
    assert [item["number"] for item in third.context["rows"]] == list(range(102, 122))
    assert report.status_code == 200
    # Checking a file reads the entries it may update; paging and the error file read none.
    assert [
        query["sql"] for query in paging.captured_queries if "imports_engine" in query["sql"]
    ] == []


def test_an_upload_in_another_format_is_refused_on_the_form(admin_client):
    response = admin_client.post(
        url("import"), {"file": SimpleUploadedFile("entries.yaml", b"- name: x\n")}
    )
    assert response.context["form"].errors == {
        "file": ["Only CSV, XLSX, ODS and JSON files can be imported; “entries.yaml” is not one."]
    }


def test_another_user_cannot_confirm_my_upload(client, admin_client, entry_importer):
    preview = upload(admin_client, "name\r\nVienna\r\n")
    client.force_login(entry_importer)
    response = client.post(url("import_confirm"), {"token": preview.context["token"]})
    assert (response.status_code, Entry.objects.exists()) == (302, False)


def test_template_has_the_columns_an_example_and_the_allowed_values(admin_client):
    response = admin_client.get(url("import_template"))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert list(workbook.worksheets[0].iter_rows(values_only=True)) == [
        ("name", "city", "kind", "joined", "email"),
        ("Vienna", None, "Member", "24.01.2025", None),
    ]
    assert list(workbook.worksheets[1].iter_rows(values_only=True)) == [
        ("kind",),
        ("Member",),
        ("Guest",),
    ]
    assert import_text("entries", response.content, name="t.xlsx", dry_run=True).ok


def test_contacts_are_exported_only_with_their_permission(client, admin_client, entry_importer):
    import_text("entries", "name,email\r\nVienna,v@example.org\r\n")
    entry_importer.user_permissions.add(Permission.objects.get(codename="export_entry"))
    client.force_login(entry_importer)
    plain = client.post(url("export"), {"format": "csv", "with_contacts": "on"})
    full = admin_client.post(url("export"), {"format": "csv", "with_contacts": "on"})
    assert plain.content.decode("utf-8-sig").splitlines()[0] == "id,name,city,kind,joined"
    assert "v@example.org" in full.content.decode()


def test_only_staff_allowed_to_import_the_dataset_may_undo(client, django_user_model, admin_user):
    record = import_text("entries", "name\r\nVienna\r\n", user=admin_user).record
    viewer = django_user_model.objects.create_user(username="viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_importrecord"))
    # Granted everywhere, so that the permission alone decides.
    StaffScope.objects.create(user=viewer, everywhere=True)
    client.force_login(viewer)
    answer = client.post(
        reverse("admin:imports_importrecord_undo", args=[record.pk]), {"confirmed": "yes"}
    )
    record.refresh_from_db()
    assert (answer.status_code, record.status) == (403, "done")


def test_a_page_of_a_large_preview_reads_its_rows_across_stored_chunks(admin_client):
    rows = "".join(f"Entry {number}\r\n" for number in range(2100))
    preview = upload(admin_client, "name\r\n" + rows)
    # Rows are stored a thousand to a file; page 20 ends the first, page 21 starts the second.
    for page, first in ((20, 952), (21, 1002), (42, 2052)):
        shown = admin_client.get(preview.context["preview_url"] + f"&page={page}")
        numbers = [item["number"] for item in shown.context["rows"]]
        assert numbers == list(range(first, first + 50))


def test_undoing_more_than_a_batch_runs_as_a_job(admin_client):
    from jobs.models import Job

    preview = upload(admin_client, "name\r\n" + "".join(f"Entry {n}\r\n" for n in range(1001)))
    admin_client.post(url("import_confirm"), {"token": preview.context["token"]})
    record = ImportRecord.objects.get()
    response = admin_client.post(
        reverse("admin:imports_importrecord_undo", args=[record.pk]), {"confirmed": "yes"}
    )
    job = Job.objects.get(kind="imports.undo")
    assert response.url == reverse("admin:jobs_job_change", args=[job.pk])
    assert (job.state, Entry.objects.count()) == (Job.State.DONE, 0)


def test_a_waiting_upload_is_one_row_until_it_is_written_or_pruned(admin_client, settings):
    import datetime

    from django.utils import timezone

    from imports.models import PendingUpload
    from imports.uploads import prune_uploads

    first = upload(admin_client, "name,kind\r\nVienna,guest\r\n")
    waiting = PendingUpload.objects.get()
    assert (waiting.file_name, waiting.dataset, waiting.user.username) == (
        "entries.csv",
        "entries",
        "admin",
    )
    admin_client.post(url("import_confirm"), {"token": first.context["token"]}, follow=True)
    assert not PendingUpload.objects.exists()  # written: the upload is discarded

    upload(admin_client, "name,kind\r\nBaku,guest\r\n")
    later = timezone.now() + datetime.timedelta(days=settings.IMPORTS_KEEP_DAYS + 1)
    prune_uploads(now=later)
    assert not PendingUpload.objects.exists()
