"""Starting, cancelling and running again the work that leaves the request."""

import logging

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import progress
from .models import Job
from .running import HANDLERS, finish, is_interrupted
from .tasks import run_job

logger = logging.getLogger(__name__)


def start_job(*, kind, title, user=None, params=None):
    """Record the job and hand it to the task queue; the worker runs it when free."""
    if kind not in HANDLERS:
        raise ValueError(f"No handler for jobs of kind {kind!r}")
    params = {"language": translation.get_language(), **(params or {})}
    job = Job.objects.create(kind=kind, title=title[:255], user=user, params=params)
    _enqueue(job)
    return job


def _enqueue(job):
    try:
        run_job.enqueue(str(job.id))
    except Exception:
        # The queue is out of reach (Redis down): the job says so, and can be run again.
        logger.exception("Job %s could not be queued", job.pk)
        finish(
            job,
            Job.State.FAILED,
            message=_(
                "The job could not be handed to a worker: the task queue did not "
                "answer. Try Run again in a moment."
            ),
        )


def cancel_job(job):
    """Stop a job: one still waiting never starts; a running one stops at its next batch and
    the work removes what it wrote."""
    progress.request_cancel(job.pk)
    Job.objects.filter(pk=job.pk, state=Job.State.QUEUED).update(
        state=Job.State.CANCELLED, finished=timezone.now()
    )
    if is_interrupted(job):
        # No worker is left to notice the request.
        finish(job, Job.State.CANCELLED)


def may_run_again(job):
    return job.state in (Job.State.FAILED, Job.State.CANCELLED) or is_interrupted(job)


def run_again(job):
    """Queue a failed, cancelled or interrupted job once more, with what it was given."""
    progress.clear(job.pk)
    Job.objects.filter(pk=job.pk).update(
        state=Job.State.QUEUED, started=None, finished=None, message="", result={}
    )
    _enqueue(job)
