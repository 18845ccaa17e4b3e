"""A job's state as the page's script reads it, every second while it runs."""

import time

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import progress
from .running import is_interrupted
from .services import may_run_again


def job_status(job):
    """What the job page shows of `job` now: state, bar, speed, time left, message."""
    live = progress.read(job.pk)
    interrupted = is_interrupted(job, live)
    done, total = live["done"], live["total"]
    if job.state == job.State.DONE:
        done = total = total or 1
    running = job.state == job.State.RUNNING and not interrupted
    ended = job.finished.timestamp() if job.finished else time.time()
    if running and live["phase_started"] is not None:
        # The phase it is in: checking goes faster than writing, and an estimate made from
        # the whole job would promise the writing the checking's speed.
        elapsed, counted = ended - live["phase_started"], done - live["phase_from"]
    else:
        elapsed = (ended - job.started.timestamp()) if job.started else 0
        counted = done
    rate = counted / elapsed if elapsed > 0 and counted > 0 else 0
    if running and total and done >= total:
        time_left = _("finishing")  # every row is done; what is left (a commit) is not rows
    elif running and rate:
        time_left = _time_left((total - done) / rate)
    else:
        time_left = ""
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
        "time_left": time_left,
        "message": job.message,
        "may_cancel": not job.finished_state and not live["cancel"],
        "may_run_again": may_run_again(job),
        "next": job.result.get("next", "") if job.state == job.State.DONE else "",
    }


def _time_left(seconds):
    if seconds < 60:
        return _("under a minute left")
    minutes = round(seconds / 60)
    return ngettext("about %(count)d minute left", "about %(count)d minutes left", minutes) % {
        "count": minutes
    }
