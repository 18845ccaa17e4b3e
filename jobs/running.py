"""What a worker does with a job: run its kind's handler, and record how it ended.

Each app says what a kind of job does with `@handler("app.kind")` in its `tasks.py`; the
handler gets the job and a `Progress` to call as it goes, and returns what the job page shows
afterwards (JSON). It raises `JobProblem` with a message for staff when the work cannot be
done; anything else it raises is shown as an unexpected error, its traceback logged.
"""

import ctypes
import logging
import os
import signal
import time

from django.conf import settings
from django.db import connections
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import progress
from .models import Job

logger = logging.getLogger(__name__)

HANDLERS = {}


class JobProblem(Exception):
    """The work cannot be done, for a reason staff can read and act on."""


def handler(kind):
    def register(function):
        HANDLERS[kind] = function
        return function

    return register


def is_interrupted(job, live=None):
    """A running job whose worker has not been heard of for `JOBS_HEARTBEAT_TIMEOUT`."""
    if job.state != Job.State.RUNNING:
        return False
    beat = (live or progress.read(job.pk))["beat"]
    last_heard = beat if beat is not None else job.started.timestamp()
    return time.time() - last_heard > settings.JOBS_HEARTBEAT_TIMEOUT


def run(job_id):
    """Run the job `job_id`: what a worker does with it.

    With `JOBS_IN_CHILD_PROCESS` (the default), the work runs in a child process forked for
    it, and the worker waits for it: whatever memory the work took (a 100,000-row import's
    rows, records and history) goes back to the machine when the child exits, rather than
    staying with a worker that lives for weeks. The worker itself never stops, so nothing
    that supervises it (honcho under `make run`, which stops every process when one exits)
    needs to start it again.
    """
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:  # cancelled before a worker was free, or run already
        return
    if settings.JOBS_IN_CHILD_PROCESS and hasattr(os, "fork"):
        _run_in_child_process(job_id)
    else:
        _run_claimed(job_id)


def _run_claimed(job_id):
    job = Job.objects.get(pk=job_id)
    with translation.override(job.params.get("language")), progress.Heartbeat(job.pk):
        try:
            result = HANDLERS[job.kind](job, progress.Progress(job.pk))
        except progress.JobCancelled:
            finish(job, Job.State.CANCELLED)
        except JobProblem as problem:
            finish(job, Job.State.FAILED, message=str(problem))
        except Exception as error:
            logger.exception("Job %s (%s) failed", job.pk, job.kind)
            finish(
                job,
                Job.State.FAILED,
                message=_(
                    "The job stopped with an unexpected error (%(error)s); the site's log "
                    "has the details."
                )
                % {"error": type(error).__name__},
            )
        else:
            finish(job, Job.State.DONE, result=result or {})


def _run_in_child_process(job_id):
    # A forked child must not share the worker's database connections.
    connections.close_all()
    worker = os.getpid()
    child = os.fork()
    if child == 0:
        code = 1
        try:
            _die_with(worker)
            _run_claimed(job_id)
            code = 0
        except BaseException:
            logger.exception("Job %s failed in its process", job_id)
        finally:
            connections.close_all()
            os._exit(code)
    _pid, status, usage = os.wait4(child, 0)
    # ru_maxrss is in KiB on Linux.
    logger.info("Job %s: its process peaked at %.0f MiB", job_id, usage.ru_maxrss / 1024)
    if status != 0:
        job = Job.objects.get(pk=job_id)
        if not job.finished_state:
            # Killed (out of memory, a signal) before it could say what happened.
            finish(
                job,
                Job.State.FAILED,
                message=_(
                    "The job's process stopped before the job ended (%(how)s); run it again."
                )
                % {"how": _how_it_ended(status)},
            )


def _die_with(worker):
    """Have the kernel stop this child when the worker that forked it dies (Linux), so that a
    worker killed mid-job stops its job too, as one process would."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the job runs to its end on its own
        return
    if os.getppid() != worker:  # the worker died before the request was made
        os._exit(1)


PR_SET_PDEATHSIG = 1


def _how_it_ended(status):
    if os.WIFSIGNALED(status):
        return signal.Signals(os.WTERMSIG(status)).name
    return f"exit {os.WEXITSTATUS(status)}"


def finish(job, state, *, message="", result=None):
    Job.objects.filter(pk=job.pk).update(
        state=state, finished=timezone.now(), message=message, result=result or {}
    )
    progress.finished(job.pk)
