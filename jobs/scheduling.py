"""The periodic jobs (settings.PERIODIC_JOBS): when each falls due, and queueing it once.

A cron expression gives the times (croniter, already here for rq-scheduler, reckons them in
the site's time zone, summer time included). The scheduler needs no Redis, so the same
process serves the embedded default and production; a `PeriodicRun` row per job remembers
the last time queued, so a run missed while no scheduler ran is queued once, not once per
missed time, and two schedulers never queue the same one.
"""

import datetime
import io
import logging

from croniter import croniter
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from .models import PeriodicRun

logger = logging.getLogger(__name__)


def last_due(cron, now):
    """The latest time at or before `now` (to the minute) that `cron` names."""
    local = timezone.localtime(now).replace(second=0, microsecond=0)
    return croniter(cron, local + datetime.timedelta(minutes=1)).get_prev(datetime.datetime)


def tick(enqueue, now=None):
    """Hand each periodic job that fell due since it was last queued to `enqueue` (the
    task's, `jobs.tasks.run_periodic_job.enqueue`); the names queued.

    A job seen for the first time starts from its latest due time without running: nothing
    was missed before it existed.
    """
    now = now or timezone.now()
    queued = []
    for name, job in settings.PERIODIC_JOBS.items():
        due = last_due(job["cron"], now)
        run, created = PeriodicRun.objects.get_or_create(name=name, defaults={"due": due})
        if created or run.due >= due:
            continue
        # The claim: whoever moves `due` from the value read queues the run; another
        # scheduler that read the same value updates nothing.
        if not PeriodicRun.objects.filter(name=name, due=run.due).update(due=due):
            continue
        try:
            enqueue(name)
        except Exception:
            # The queue is out of reach (Redis down): give the run back for the next tick.
            logger.exception("Periodic job %s could not be queued", name)
            PeriodicRun.objects.filter(name=name, due=due).update(due=run.due)
            continue
        queued.append(name)
    return queued


def run_periodic(name):
    """Run the periodic job `name` now, and record how it went."""
    job = settings.PERIODIC_JOBS.get(name)
    if job is None:  # taken out of the settings since it was queued
        return
    PeriodicRun.objects.filter(name=name).update(started=timezone.now(), finished=None)
    said = io.StringIO()
    try:
        call_command(*job["command"], stdout=said, stderr=said)
    except Exception as error:
        logger.exception("Periodic job %s failed", name)
        said.write(f"{type(error).__name__}: {error}\n")
        succeeded = False
    else:
        succeeded = True
    PeriodicRun.objects.filter(name=name).update(
        finished=timezone.now(), succeeded=succeeded, output=said.getvalue()[-10_000:]
    )
