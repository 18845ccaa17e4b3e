"""The scheduler: each periodic job queued once when it falls due, a missed run once after a
start, never twice by two schedulers; its run recorded for staff."""

import datetime
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from jobs.models import PeriodicRun
from jobs.scheduling import last_due, run_periodic, tick

from .fixtures import database_url

BAKU = ZoneInfo("Asia/Baku")


def at(day, hour, minute=0):
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=BAKU)


class Queue(list):
    """Stands in for the task queue's enqueue: what the scheduler handed over, in order."""

    def __call__(self, name):
        self.append(name)


def test_the_latest_due_time_is_read_in_the_site_time_zone():
    assert last_due("30 3 * * *", at(3, 3, 30)) == at(3, 3, 30)
    assert last_due("30 3 * * *", at(3, 3, 29)) == at(2, 3, 30)
    # 23:40 UTC on the 2nd is 03:40 in Baku on the 3rd.
    utc = datetime.datetime(2026, 12, 2, 23, 40, tzinfo=datetime.UTC)
    assert last_due("30 3 * * *", utc) == at(3, 3, 30)


@pytest.mark.django_db
def test_a_job_runs_once_when_due_and_a_missed_run_once_after_a_start(settings):
    settings.PERIODIC_JOBS = {"backup": {"cron": "30 3 * * *", "command": ["backup"]}}
    queue = Queue()
    # First seen: nothing was missed before it existed.
    assert tick(queue, now=at(1, 12)) == []
    assert tick(queue, now=at(2, 3, 29)) == []
    assert tick(queue, now=at(2, 3, 30)) == ["backup"]
    assert tick(queue, now=at(2, 3, 31)) == []
    # The machine was off for three nights: one run when the scheduler starts again.
    assert tick(queue, now=at(5, 9)) == ["backup"]
    assert tick(queue, now=at(5, 9, 1)) == []
    assert queue == ["backup", "backup"]
    assert PeriodicRun.objects.get(name="backup").due == at(5, 3, 30)


@pytest.mark.django_db
def test_a_run_the_queue_did_not_take_is_tried_again_at_the_next_tick(settings):
    settings.PERIODIC_JOBS = {"send_notices": {"cron": "*/10 * * * *", "command": ["x"]}}
    queue = Queue()
    tick(queue, now=at(1, 12))

    def queue_away(name):
        raise ConnectionError("Redis is not answering")

    assert tick(queue_away, now=at(1, 12, 10)) == []
    assert PeriodicRun.objects.get(name="send_notices").due == at(1, 12)
    assert tick(queue, now=at(1, 12, 11)) == ["send_notices"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_schedulers_never_queue_the_same_run_twice(settings):
    """Two scheduler processes at once on the same database, every job overdue: each job is
    queued by one of them only."""
    long_ago = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    PeriodicRun.objects.bulk_create(
        PeriodicRun(name=name, due=long_ago) for name in settings.PERIODIC_JOBS
    )
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "diaspora_site.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": database_url(),
    }
    schedulers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "scheduler", "--once"],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    said = [process.communicate(timeout=120) for process in schedulers]
    assert [process.returncode for process in schedulers] == [0, 0], said
    queued = sorted(
        result.args_kwargs["args"][0]
        for result in DBTaskResult.objects.filter(task_path="jobs.tasks.run_periodic_job")
    )
    assert queued == sorted(settings.PERIODIC_JOBS)
    assert sum(out.count("Queued ") for out, _err in said) == len(settings.PERIODIC_JOBS)


@pytest.mark.django_db
def test_each_run_is_recorded_with_what_it_said(settings):
    settings.PERIODIC_JOBS = {
        "interrupted_imports": {
            "cron": "* * * * *",
            "command": ["prune_imports", "--interrupted"],
        },
        "broken": {"cron": "* * * * *", "command": ["no_such_command"]},
    }
    for name in settings.PERIODIC_JOBS:
        PeriodicRun.objects.create(name=name, due=at(1, 12))
        run_periodic(name)
    done, broken = (
        PeriodicRun.objects.get(name="interrupted_imports"),
        PeriodicRun.objects.get(name="broken"),
    )
    assert (done.succeeded, done.finished >= done.started) == (True, True)
    assert broken.succeeded is False
    assert "Unknown command: 'no_such_command'" in broken.output


@pytest.mark.django_db
def test_superusers_see_the_periodic_jobs_and_others_do_not(
    admin_client, client, django_user_model
):
    PeriodicRun.objects.create(
        name="backup", due=at(1, 3, 30), succeeded=False, output="disk full"
    )
    page = admin_client.get(reverse("admin:jobs_periodicrun_changelist"))
    assert page.status_code == 200
    assert settings.PERIODIC_JOBS["backup"]["cron"] in page.content.decode()
    detail = admin_client.get(reverse("admin:jobs_periodicrun_change", args=["backup"]))
    assert "disk full" in detail.content.decode()
    editor = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    client.force_login(editor)
    assert client.get(reverse("admin:jobs_periodicrun_changelist")).status_code == 403


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_runs_what_the_scheduler_queued(workers, settings):
    settings.PERIODIC_JOBS = {
        "clear_sessions": {"cron": "25 4 * * *", "command": ["clearsessions"]},
    }
    PeriodicRun.objects.create(name="clear_sessions", due=at(1, 4, 25))
    from jobs.tasks import run_periodic_job

    assert tick(run_periodic_job.enqueue, now=at(2, 4, 25)) == ["clear_sessions"]
    workers.run("db_worker", "--batch", "--no-startup-delay")
    run = PeriodicRun.objects.get(name="clear_sessions")
    assert (run.succeeded, run.output) == (True, "")
