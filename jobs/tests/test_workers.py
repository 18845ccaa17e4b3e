"""Imports as jobs, run by real worker processes: the database queue's `db_worker`, and RQ
on a real Redis. A worker killed mid-import writes nothing; a cancelled import writes
nothing; an interrupted one runs again."""

import io
import os
import signal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from imports.models import ImportBatch, ImportRecord
from jobs import progress
from jobs.models import Job
from organisations.models import Person

from .fixtures import wait_for

# Restores what the migrations stored (the staff groups) for the tests that run after these.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROWS = 20_000


def people_csv(rows=ROWS):
    lines = "".join(f"Person {number},DE,Berlin,published\r\n" for number in range(rows))
    header = "full_name,country,city,status\r\n"
    return SimpleUploadedFile("people.csv", (header + lines).encode())


def upload(client, rows=ROWS):
    response = client.post(
        reverse("admin:organisations_person_import"), {"file": people_csv(rows)}
    )
    assert response.status_code == 302
    return Job.objects.get(pk=response.url.split("/")[-3])


def finished(job):
    job.refresh_from_db()
    return job.finished_state and job


def confirm(client, check):
    """Confirm the checked upload from its preview, as staff do; the write job."""
    preview = client.get(reverse("admin:jobs_job_change", args=[check.pk]), follow=True)
    assert preview.context["counts"]["errors"] == 0, preview.context["counts"]
    response = client.post(
        reverse("admin:organisations_person_import_confirm"), {"token": preview.context["token"]}
    )
    return Job.objects.get(pk=response.url.split("/")[-3])


def dump(*apps):
    """The apps' tables and their history, as `dumpdata` writes them."""
    out = io.StringIO()
    call_command("dumpdata", *apps, stdout=out)
    return out.getvalue()


def writing(job):
    live = progress.read(job.pk)
    return live["label"].startswith("Writing") and live["done"] > 0


def test_upload_and_confirm_return_at_once_and_the_worker_does_the_work(admin_client, workers):
    check = upload(admin_client)
    assert (check.state, check.kind) == (Job.State.QUEUED, "imports.check")
    page = admin_client.get(reverse("admin:jobs_job_change", args=[check.pk]))
    assert "Waiting for a worker" in page.content.decode()
    workers.db_worker()
    assert wait_for(lambda: finished(check)).state == Job.State.DONE
    write = confirm(admin_client, check)
    assert (write.state, Person.objects.count()) == (Job.State.QUEUED, 0)
    assert wait_for(lambda: finished(write)).state == Job.State.DONE
    page = admin_client.get(reverse("admin:jobs_job_change", args=[write.pk])).content.decode()
    assert f"Imported people.csv: {ROWS:,} new, 0 updated, 0 unchanged." in page
    assert Person.objects.count() == ROWS


def test_a_worker_killed_mid_import_is_removed_by_the_next_run_and_the_job_runs_again(
    admin_client, workers, settings
):
    """Its committed batches stay hidden from the public; `prune_imports` (run on a
    schedule, and by every import job) finds it silent and removes them, leaving the tables
    and their history as before; Run again imports the file whole."""
    settings.JOBS_HEARTBEAT_TIMEOUT = 1
    before = dump("organisations")
    check = upload(admin_client)
    worker = workers.db_worker()
    wait_for(lambda: finished(check))
    write = confirm(admin_client, check)
    wait_for(lambda: ImportBatch.objects.count() >= 2)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    assert Person.objects.count() >= 200
    assert Person.objects.published().count() == 0
    status_url = reverse("admin:jobs_job_status", args=[write.pk])
    status = wait_for(
        lambda: (
            admin_client.get(status_url).json()["state"] == "interrupted"
            and admin_client.get(status_url).json()
        )
    )
    assert (status["state_label"], status["may_run_again"], status["finished"]) == (
        "Interrupted: its worker stopped",
        True,
        True,
    )
    wait_for(lambda: ImportRecord.objects.interrupted().exists())
    call_command("prune_imports", stdout=io.StringIO())
    assert dump("organisations") == before
    assert ImportRecord.objects.get().status == ImportRecord.Status.FAILED
    admin_client.post(reverse("admin:jobs_job_again", args=[write.pk]))
    workers.db_worker()
    assert wait_for(lambda: finished(write)).state == Job.State.DONE
    assert (Person.objects.published().count(), write.attempts) == (ROWS, 2)


def test_a_job_run_again_removes_what_its_killed_attempt_wrote_first(
    admin_client, workers, settings
):
    settings.JOBS_HEARTBEAT_TIMEOUT = 1
    check = upload(admin_client)
    worker = workers.db_worker()
    wait_for(lambda: finished(check))
    write = confirm(admin_client, check)
    wait_for(lambda: ImportBatch.objects.exists())
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    status_url = reverse("admin:jobs_job_status", args=[write.pk])
    wait_for(lambda: admin_client.get(status_url).json()["may_run_again"])
    # Run again before any scheduled run: the workers' own timeout (30 s) has not passed.
    admin_client.post(reverse("admin:jobs_job_again", args=[write.pk]))
    workers.db_worker()
    assert wait_for(lambda: finished(write)).state == Job.State.DONE
    assert Person.objects.count() == ROWS
    statuses = sorted(ImportRecord.objects.values_list("status", flat=True))
    assert statuses == [ImportRecord.Status.DONE, ImportRecord.Status.FAILED]


def test_a_job_runs_in_a_process_of_its_own_whose_death_fails_it_not_the_worker(
    admin_client, workers
):
    """Each job is forked from the worker, which gets its memory back when the job ends; a
    job's process killed (out of memory) fails the job, and the worker takes the next."""
    check = upload(admin_client)
    worker = workers.db_worker()
    wait_for(lambda: finished(check))
    write = confirm(admin_client, check)
    wait_for(lambda: ImportBatch.objects.exists())
    (job_process,) = wait_for(lambda: children_of(worker.pid))
    os.kill(job_process, signal.SIGKILL)
    assert wait_for(lambda: finished(write)).state == Job.State.FAILED
    assert write.message == (
        "The job's process stopped before the job ended (SIGKILL); run it again."
    )
    another = upload(admin_client, rows=50)
    assert wait_for(lambda: finished(another)).state == Job.State.DONE
    assert worker.poll() is None


def children_of(pid):
    with open(f"/proc/{pid}/task/{pid}/children") as children:
        return [int(child) for child in children.read().split()]


def test_a_cancelled_import_writes_nothing(admin_client, workers):
    before = dump("organisations")
    check = upload(admin_client)
    worker = workers.db_worker()
    wait_for(lambda: finished(check))
    write = confirm(admin_client, check)
    wait_for(lambda: writing(write))
    admin_client.post(reverse("admin:jobs_job_cancel", args=[write.pk]))
    assert wait_for(lambda: finished(write)).state == Job.State.CANCELLED
    assert (dump("organisations"), worker.poll()) == (before, None)
    status = admin_client.get(reverse("admin:jobs_job_status", args=[write.pk])).json()
    assert (status["state_label"], status["may_run_again"]) == ("Cancelled", True)


def test_jobs_run_on_rq_with_redis(admin_client, workers, redis_url, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": redis_url}}
    settings.CACHES = {
        **settings.CACHES,
        "jobs": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "jobs",
        },
    }
    workers.environment["REDIS_URL"] = redis_url
    rq_worker = ("rqworker", "--burst", "--job-class", "django_tasks_rq.Job", "default")
    check = upload(admin_client, rows=50)
    workers.run(*rq_worker)
    assert finished(check).state == Job.State.DONE
    write = confirm(admin_client, check)
    workers.run(*rq_worker)
    assert (finished(write).state, Person.objects.count()) == (Job.State.DONE, 50)
