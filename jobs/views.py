"""A job's state as the page's script reads it, every second while it runs."""

import time

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import progress
from .services import is_interrupted, may_run_again


def job_status(job):
    """What the job page shows of `job` now: state, bar, speed, time left, message."""
    live = progress.read(job.pk)
    interrupted = is_interrupted(job, live)
    done, total = live["done"], live["total"]
    if job.state == job.State.DONE:
        done = total = total or 1
    ended = job.finished.timestamp() if job.finished else time.time()
    elapsed = (ended - job.started.timestamp()) if job.started else 0
    rate = done / elapsed if elapsed > 0 and done else 0
    left = (total - done) / rate if rate and job.state == job.State.RUNNING else None
    if interrupted:
        state_label = _("Interrupted: its worker stopped")
    elif live["cancel"] and not job.finished_state:
        state_label = _("Cancelling")
    else:
        state_label = str(job.get_state_display())
    return {
        "state": "interrupted" if interrupted else job.state,
        "state_label": state_label,
        "finished": job.finished_state or interrupted,
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else 0,
        "label": live["label"],
        "speed": _("%(rate)s a second") % {"rate": number_format(round(rate), force_grouping=True)}
        if rate
        else "",
        "time_left": _time_left(left),
        "message": job.message,
        "may_cancel": not job.finished_state and not live["cancel"],
        "may_run_again": may_run_again(job),
        "next": job.result.get("next", "") if job.state == job.State.DONE else "",
    }


def _time_left(seconds):
    if seconds is None:
        return ""
    if seconds < 60:
        return _("under a minute left")
    minutes = round(seconds / 60)
    return ngettext("about %(count)d minute left", "about %(count)d minutes left", minutes) % {
        "count": minutes
    }
