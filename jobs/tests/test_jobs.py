"""A job's page, its status, who may follow it, and what staff read when it fails. The jobs
here run in the request that starts them (the immediate backend); test_workers.py runs them
in worker processes."""

import datetime
import io
import os
import re
import time
from html import escape

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from bench.http import free_port
from imports.models import ImportRecord
from imports.uploads import prune_uploads, upload_path
from jobs import progress
from jobs.models import Job
from jobs.services import start_job
from jobs.status import job_status
from organisations.models import Person
from organisations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def imports_in_tmp_path(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "imports"},
        },
    }


def people_csv(rows):
    lines = "".join(f"Person {number},DE,Berlin\r\n" for number in range(rows))
    return SimpleUploadedFile("people.csv", ("full_name,country,city\r\n" + lines).encode())


def job_page(client, job):
    return client.get(reverse("admin:jobs_job_change", args=[job.pk])).content.decode()


def test_an_upload_is_checked_by_a_job_whose_page_leads_to_the_preview(admin_client):
    response = admin_client.post(
        reverse("admin:organisations_person_import"), {"file": people_csv(3)}, follow=True
    )
    job = Job.objects.get()
    assert (job.kind, job.state, job.title) == ("imports.check", "done", "Check people.csv")
    assert response.redirect_chain[0][0] == reverse("admin:jobs_job_change", args=[job.pk])
    assert response.context["counts"] == {"new": 3, "updated": 0, "unchanged": 0, "errors": 0}


def test_a_finished_import_shows_its_counts_and_links_to_undo(admin_client):
    preview = admin_client.post(
        reverse("admin:organisations_person_import"), {"file": people_csv(3)}, follow=True
    )
    admin_client.post(
        reverse("admin:organisations_person_import_confirm"), {"token": preview.context["token"]}
    )
    write = Job.objects.get(kind="imports.write")
    page = job_page(admin_client, write)
    record = ImportRecord.objects.get()
    assert "Imported people.csv: 3 new, 0 updated, 0 unchanged." in page
    assert reverse("admin:imports_importrecord_change", args=[record.pk]) in page
    # Finished: no script polls, no refresh, nothing to cancel.
    assert ("progress.js" in page, 'http-equiv="refresh"' in page) == (False, False)
    assert re.search(r'data-job="cancel" hidden', page)
    # The upload is gone once imported.
    assert not storages["imports"].exists(upload_path(write.params["token"]))


def test_a_running_job_polls_its_status_and_refreshes_itself_without_javascript(
    admin_client, admin_user
):
    job = Job.objects.create(
        kind="imports.check",
        title="Check people.csv",
        user=admin_user,
        state=Job.State.RUNNING,
        started=timezone.now(),
    )
    page = job_page(admin_client, job)
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert "/static/jobs/progress.js" in page
    status = admin_client.get(reverse("admin:jobs_job_status", args=[job.pk]))
    assert "no-store" in status["Cache-Control"]
    assert {key: status.json()[key] for key in ("state", "finished", "may_cancel")} == {
        "state": "running",
        "finished": False,
        "may_cancel": True,
    }


def test_a_job_is_seen_only_by_who_started_it_and_superusers(client, admin_user, importer):
    job = start_job(
        kind="imports.check",
        title="Check",
        user=admin_user,
        params={"token": "gone", "dataset": "people", "name": "x.csv", "preview_url": "/"},
    )
    client.force_login(importer)
    for name in ("change", "status"):
        assert client.get(reverse(f"admin:jobs_job_{name}", args=[job.pk])).status_code == 404
    assert client.post(reverse("admin:jobs_job_cancel", args=[job.pk])).status_code == 404
    assert job.title not in client.get(reverse("admin:jobs_job_changelist")).content.decode()


def test_a_job_that_cannot_be_done_says_why_in_words(admin_client, admin_user):
    job = start_job(
        kind="imports.check",
        title="Check people.csv",
        user=admin_user,
        params={"token": "0" * 32, "dataset": "people", "name": "people.csv", "preview_url": "/"},
    )
    job.refresh_from_db()
    assert (job.state, job.message) == (
        Job.State.FAILED,
        "The uploaded file is no longer kept (uploads wait 7 days for their import); upload "
        "it again.",
    )
    assert job.message in job_page(admin_client, job)


def test_a_job_that_raises_shows_an_error_never_a_traceback(admin_client, admin_user, caplog):
    # An import history naming a model that no longer exists: undoing it raises LookupError.
    record = ImportRecord.objects.create(
        dataset="people",
        file_name="people.csv",
        user=admin_user,
        changes={"created": [["gone.Model", pk] for pk in range(6000)], "updated": []},
    )
    response = admin_client.post(
        reverse("admin:imports_importrecord_undo", args=[record.pk]),
        {"confirmed": "yes"},
        follow=True,
    )
    job = Job.objects.get(kind="imports.undo")
    page = response.content.decode()
    assert job.state == Job.State.FAILED
    assert job.message.startswith("The job stopped with an unexpected error (LookupError)")
    assert escape(job.message) in page
    assert "Traceback" not in page
    assert "Traceback" in caplog.text  # for whoever reads the site's log
    assert 'data-job="again"' in page
    assert 'data-job="again" hidden' not in page


def test_large_exports_are_downloaded_from_their_job(admin_client, settings):
    settings.IMPORTS_INLINE_ROWS = 2
    for number in range(3):
        PersonFactory(full_name=f"Person {number}")
    response = admin_client.post(
        reverse("admin:organisations_person_export"), {"format": "csv"}, follow=True
    )
    job = Job.objects.get(kind="imports.export")
    assert "Download the file" in response.content.decode()
    download = admin_client.get(reverse("admin:jobs_job_download", args=[job.pk]))
    lines = b"".join(download.streaming_content).decode("utf-8-sig").splitlines()
    assert download["Content-Disposition"] == 'attachment; filename="people.csv"'
    assert [line.split(",")[1] for line in lines[1:]] == ["Person 0", "Person 1", "Person 2"]


def test_import_data_in_the_background_prints_the_job(tmp_path):
    people = tmp_path / "people.csv"
    people.write_bytes(people_csv(2).read())
    out = io.StringIO()
    call_command(
        "import_data", "people", str(people), "--background", stdout=out, stderr=io.StringIO()
    )
    job = Job.objects.get()
    assert (out.getvalue().strip(), job.kind, job.state) == (str(job.pk), "imports.write", "done")
    assert Person.objects.count() == 2


def test_uploads_are_kept_for_imports_keep_days(settings):
    storage = storages["imports"]
    old, new = (
        storage.save("pending/old", io.BytesIO(b"x")),
        storage.save("pending/new", io.BytesIO(b"x")),
    )
    ten_days_ago = (timezone.now() - datetime.timedelta(days=10)).timestamp()
    os.utime(storage.path(old), (ten_days_ago, ten_days_ago))
    assert prune_uploads() == 1
    assert (storage.exists(old), storage.exists(new)) == (False, True)


def test_a_job_the_queue_cannot_take_says_so_and_may_run_again(admin_client, admin_user, settings):
    # RQ with nothing listening where its Redis should be.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": f"redis://127.0.0.1:{free_port()}/0"}}
    response = admin_client.post(
        reverse("admin:organisations_person_import"), {"file": people_csv(3)}, follow=True
    )
    job = Job.objects.get()
    assert (response.status_code, job.state) == (200, Job.State.FAILED)
    assert job.message == (
        "The job could not be handed to a worker: the task queue did not answer. Try Run "
        "again in a moment."
    )
    status = admin_client.get(reverse("admin:jobs_job_status", args=[job.pk])).json()
    assert status["may_run_again"] is True


def test_each_phase_keeps_when_it_started_and_how_much_was_done_then(admin_user):
    job = Job.objects.create(
        kind="imports.write",
        title="Import",
        user=admin_user,
        state=Job.State.RUNNING,
        started=timezone.now(),
    )
    report = progress.Progress(job.pk)
    report(0, 200, "Checking again: 0 of 100 rows", phase="Checking again")
    checking = progress.read(job.pk)
    report(60, 200, "Checking again: 60 of 100 rows", phase="Checking again")
    assert progress.read(job.pk)["phase_started"] == checking["phase_started"]
    report(100, 200, "Writing: 0 of 100 rows", phase="Writing")
    writing = progress.read(job.pk)
    assert (writing["phase"], writing["phase_from"]) == ("Writing", 100)
    assert writing["phase_started"] >= checking["phase_started"]


def running_with(admin_user, **live):
    """A job running for 1,000 s, whose progress says `live`."""
    job = Job.objects.create(
        kind="imports.write",
        title="Import",
        user=admin_user,
        state=Job.State.RUNNING,
        started=timezone.now() - datetime.timedelta(seconds=1000),
    )
    progress._cache().set(progress._key(job.pk, "progress"), live)
    progress._cache().set(progress._key(job.pk, "beat"), time.time())
    return job


def test_the_time_left_is_measured_on_the_phase_the_job_is_in(admin_user):
    # Checking took 990 s for 1,000 rows; writing has done 500 in its first 10 s.
    job = running_with(
        admin_user,
        done=1500,
        total=4000,
        label="Writing",
        phase="Writing",
        phase_started=time.time() - 10,
        phase_from=1000,
    )
    status = job_status(job)
    # 50 rows a second in this phase: 2,500 rows in 50 s (the whole job's 1.5 rows a second
    # would have said 28 minutes).
    assert (status["speed"], status["time_left"]) == ("50 a second", "under a minute left")


def test_a_job_with_every_row_done_is_finishing_not_under_a_minute_from_done(admin_user):
    job = running_with(
        admin_user,
        done=4000,
        total=4000,
        label="Undone",
        phase="Undone",
        phase_started=time.time() - 100,
        phase_from=0,
    )
    assert job_status(job)["time_left"] == "finishing"
