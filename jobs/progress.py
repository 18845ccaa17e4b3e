"""What moves while a job runs, shared by the worker and the web processes: rows done, the
worker's heartbeat, a request to cancel.

It lives in the `jobs` cache (a folder of files on one machine, Redis with `REDIS_URL`), not
in the database: the progress bar, the heartbeat and the Cancel button must never wait for
the embedded database's write lock, which an import takes for each batch it writes, nor add
writers of their own to it several times a second.
"""

import threading
import time

from django.conf import settings
from django.core.cache import caches

# Long enough to outlive any job; a finished job's figures are copied into its row.
KEEP_SECONDS = 7 * 24 * 3600


class JobCancelled(Exception):
    """Raised inside the work when staff cancelled it; an import removes what it wrote."""


def _cache():
    return caches["jobs"]


def _key(job_id, part):
    return f"job:{job_id}:{part}"


def read(job_id):
    """{"done", "total", "label", "phase", "phase_started", "phase_from", "beat", "cancel"} of
    a job, as far as they are known."""
    parts = _cache().get_many([_key(job_id, part) for part in ("progress", "beat", "cancel")])
    progress = parts.get(_key(job_id, "progress")) or {}
    return {
        "done": progress.get("done", 0),
        "total": progress.get("total", 0),
        "label": progress.get("label", ""),
        "phase": progress.get("phase", ""),
        "phase_started": progress.get("phase_started"),
        "phase_from": progress.get("phase_from", 0),
        "beat": parts.get(_key(job_id, "beat")),
        "cancel": bool(parts.get(_key(job_id, "cancel"))),
    }


def clear(job_id):
    _cache().delete_many([_key(job_id, part) for part in ("progress", "beat", "cancel")])


def finished(job_id):
    """Forget what only a running job needs; its last progress stays for its page."""
    _cache().delete_many([_key(job_id, part) for part in ("beat", "cancel")])


def request_cancel(job_id):
    _cache().set(_key(job_id, "cancel"), True, KEEP_SECONDS)


class Progress:
    """Called by the work as it goes: `progress(done, total, label, phase)`.

    A job's phases (checking, writing...) go at different speeds: each phase keeps when it
    started and how much was done then, so that the job page's speed and time left are
    measured on the phase it is in. Each call is also where a cancelled job stops: it raises
    `JobCancelled`.
    """

    def __init__(self, job_id):
        self.job_id = job_id
        self.phase = None
        self.phase_started = self.phase_from = None

    def __call__(self, done, total, label="", phase=""):
        if phase != self.phase:
            self.phase, self.phase_started, self.phase_from = phase, time.time(), done
        _cache().set(
            _key(self.job_id, "progress"),
            {
                "done": done,
                "total": total,
                "label": str(label),
                "phase": str(phase),
                "phase_started": self.phase_started,
                "phase_from": self.phase_from,
            },
            KEEP_SECONDS,
        )
        if self.cancelled():
            raise JobCancelled

    def cancelled(self):
        return bool(_cache().get(_key(self.job_id, "cancel")))


class Heartbeat:
    """While the work runs, a thread says every few seconds that its worker is alive.

    A worker killed mid-job (out of memory, SIGKILL, a machine restarted) stops beating; the
    job page then shows the job as interrupted, with Run again.
    """

    def __init__(self, job_id):
        self.job_id = job_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, daemon=True, name=f"job-{job_id}")

    def _beat(self):
        while True:
            _cache().set(_key(self.job_id, "beat"), time.time(), KEEP_SECONDS)
            if self._stop.wait(settings.JOBS_HEARTBEAT_SECONDS):
                return

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()
