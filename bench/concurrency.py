"""The concurrency section: a large import running in a worker while editors save events
through the admin's change view and visitors read public pages, all over HTTP; then the
import's undo, also a job.

Each editor opens their own event's change form, changes its English title and saves it,
every half second, as staff do. A save answered with the changelist is a save the editor
believes made; afterwards each of those values must be in the event's history, and the last
one in the event. The same load runs first without the import, so that the import's effect
on a save's time is a ratio measured on this machine in this run. One more editor, signed
in through the login form, saves every 0.3 s throughout the import and its undo: how long a
save waits on a job.
"""

import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from http.client import HTTPConnection
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from events.models import Event
from imports.models import ImportRecord
from imports.uploads import read_check
from jobs.models import Job

from . import http
from .forms import form_fields

EDITORS = 4
READERS = 8
SAVE_EVERY = 0.5
JOB_EDITOR_SAVES_EVERY = 0.3
# Each reader opens a page four times a second: 32 pages a second in all, a busy day for
# the site, below what leaves two cores no time for anything else.
READ_EVERY = 0.25


class Session:
    """A signed-in member of staff's browser, as far as the admin needs one: cookies, the
    CSRF token sent back, forms posted."""

    def __init__(self, port, cookie):
        self.port = port
        self.cookies = {settings.SESSION_COOKIE_NAME: cookie}

    def request(self, method, url, body=None, content_type="application/x-www-form-urlencoded"):
        """(status, Location, page) of one request."""
        connection = HTTPConnection("127.0.0.1", self.port, timeout=300)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = content_type
            headers["Referer"] = f"http://127.0.0.1:{self.port}{url}"
        connection.request(method, url, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        connection.close()
        return response.status, response.getheader("Location", ""), content

    def log_in(self, username, password):
        """Sign in through the admin's login form, as a person does."""
        url = reverse("admin:login")
        _status, _location, page = self.request("GET", url)
        fields = [
            (name, value)
            for name, value in form_fields(page, every_form=True)
            if name == "csrfmiddlewaretoken"
        ][:1]
        fields += [("username", username), ("password", password), ("next", "/admin/")]
        status, _location, page = self.request("POST", url, urlencode(fields))
        if status != 302:
            raise RuntimeError(f"the login answered {status}")

    def post_file(self, url, fields, name, path):
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
            f"{value}\r\n".encode()
            for key, value in fields
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{path.name}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
            + path.read_bytes()
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.request(
            "POST", url, b"".join(parts), f"multipart/form-data; boundary={boundary}"
        )


class Editor(threading.Thread):
    """Saves one event through the admin until told to stop."""

    every = SAVE_EVERY

    def __init__(self, port, number, event, cookie, stop):
        super().__init__(daemon=True)
        self.number, self.event, self.stop = number, event, stop
        self.session = Session(port, cookie)
        self.url = reverse("admin:events_event_change", args=[event.pk])
        self.saved = []  # values answered as saved
        self.seconds = []  # each save's time: the form opened, then posted
        self.errors = []
        self.phase = ""  # what runs meanwhile, for `JobEditor`

    def run(self):
        count = 0
        while not self.stop.is_set():
            started = time.perf_counter()
            value = f"Edited by editor {self.number}, save {count}"
            phase = self.phase
            try:
                saved = self.save(value)
            except OSError as error:
                self.errors.append(repr(error))
                saved = False
            self.record(phase, value, saved, time.perf_counter() - started)
            count += 1
            self.stop.wait(max(0, self.every - (time.perf_counter() - started)))

    def record(self, phase, value, saved, seconds):
        if saved:
            self.saved.append(value)
            self.seconds.append(seconds)

    def save(self, value):
        status, _location, page = self.session.request("GET", self.url)
        if status != 200:
            self.errors.append(f"change form answered {status}")
            return False
        fields = [(name, value if name == "title_en" else old) for name, old in form_fields(page)]
        status, _location, page = self.session.request(
            "POST", self.url, urlencode(fields + [("_save", "Save")])
        )
        if status == 302:
            return True
        self.errors.append(f"save answered {status}" + (": " + page[:300] if status < 500 else ""))
        return False


class JobEditor(Editor):
    """An editor who signed in through the login form and saves every 0.3 s while jobs run,
    keeping each save's outcome by the job that ran meanwhile (`phase`)."""

    every = JOB_EDITOR_SAVES_EVERY

    def __init__(self, port, event, stop):
        user = get_user_model().objects.filter(username="bench-job-editor").first()
        if user is None:
            user = get_user_model().objects.create_superuser("bench-job-editor", "", "")
        password = uuid.uuid4().hex
        user.set_password(password)
        user.save()
        super().__init__(port, "during jobs", event, "", stop)
        self.session.cookies = {}
        self.session.log_in(user.username, password)
        self.phases = {}  # phase: {"seconds": [...], "failed": n, "saved": [...]}

    def record(self, phase, value, saved, seconds):
        super().record(phase, value, saved, seconds)
        if not phase:
            return
        kept = self.phases.setdefault(phase, {"seconds": [], "failed": 0})
        if saved:
            kept["seconds"].append(seconds)
        else:
            kept["failed"] += 1

    def figures(self):
        """Saves, failed, and the waits of each phase (ms)."""
        lost = _lost_saves([self])
        figures = {}
        for phase, kept in self.phases.items():
            seconds = kept["seconds"] or [0]
            figures[phase] = {
                "saves": len(kept["seconds"]),
                "failed": kept["failed"],
                "p50_ms": round(statistics.median(seconds) * 1000, 1),
                "p95_ms": round(http.percentile(seconds, 0.95) * 1000, 1),
                "longest_ms": round(max(seconds) * 1000, 1),
            }
        figures["lost"] = lost
        return figures


class Reader(threading.Thread):
    def __init__(self, port, pages, stop, seed):
        super().__init__(daemon=True)
        self.port, self.pages, self.stop = port, pages, stop
        self.rng = random.Random(seed)
        self.reads, self.errors = 0, []

    def run(self):
        while not self.stop.is_set():
            started = time.perf_counter()
            path = self.rng.choice(self.pages)
            try:
                status, _seconds, _size = http.fetch(self.port, path)
            except OSError as error:
                self.errors.append(repr(error))
            else:
                if status >= 500:
                    self.errors.append(f"{path} answered {status}")
                self.reads += 1
            self.stop.wait(max(0, READ_EVERY - (time.perf_counter() - started)))


def concurrency_bench(sizes, out_dir, rows_csv, log):
    *events, job_editor_event = Event.objects.published().order_by("pk")[: EDITORS + 1]
    cookies = [_session(number) for number in range(EDITORS)]
    pages = ["/en/", "/en/events/", events[0].get_absolute_url(), "/en/organisations/"]
    access_log = out_dir / "concurrency-access.log"
    access_log.unlink(missing_ok=True)
    with http.Server(threads=4, access_log=access_log) as server:
        http.sequential(server.port, {path: path for path in pages}, requests=2)
        log("  editors and readers, without an import")
        with Load(server.port, events, cookies, pages) as quiet:
            time.sleep(sizes.quiet_seconds)
        log(f"  editors and readers, while a worker imports {sizes.concurrency_rows:,} rows")
        stop_job_editor = threading.Event()
        job_editor = JobEditor(server.port, job_editor_event, stop_job_editor)
        job_editor.start()
        with _Worker() as worker:
            job_editor.phase = "import"
            with Load(server.port, events, cookies, pages) as busy:
                steps = _import_through_the_admin(server.port, rows_csv)
                peak = worker.peak_rss_mib()
            log("  one editor saving, while the worker undoes the import")
            job_editor.phase = "undo"
            undo = _undo_through_the_admin(server.port, steps["job"])
            job_editor.phase = ""
            stop_job_editor.set()
            job_editor.join()
            peak_after = worker.peak_rss_mib()
            rss_after = worker.rss_mib()
    job = steps["job"]
    (upload_server_ms,) = server.server_ms("POST", reverse("admin:organisations_person_import"))
    (confirm_server_ms,) = server.server_ms(
        "POST", reverse("admin:organisations_person_import_confirm")
    )
    lost = _lost_saves(busy.editors)
    errors = busy.errors + quiet.errors + job_editor.errors
    if not (busy.save_seconds and quiet.save_seconds):
        raise RuntimeError(f"no save went through: {errors[:3]}")
    save_p95 = http.percentile(busy.save_seconds, 0.95) * 1000
    quiet_p95 = http.percentile(quiet.save_seconds, 0.95) * 1000
    return {
        "import_rows": sizes.concurrency_rows,
        "import_state": job.state,
        "import_message": job.message,
        # As the importer waited for them, and as the server spent on them.
        "upload_ms": steps["upload_ms"],
        "upload_server_ms": round(upload_server_ms, 1),
        "check_seconds": steps["check_seconds"],
        "confirm_ms": steps["confirm_ms"],
        "confirm_server_ms": round(confirm_server_ms, 1),
        "import_seconds": round((job.finished - job.started).total_seconds(), 1),
        "editors": EDITORS,
        "readers": READERS,
        "errors": len(errors) + (job.state != Job.State.DONE),
        "first_errors": errors[:5],
        "saves": len(busy.save_seconds),
        "saves_lost": lost,
        "save_p95_ms": round(save_p95, 1),
        "save_median_ms": round(statistics.median(busy.save_seconds) * 1000, 1),
        # The saves that waited for the import's writing pass to end.
        "save_max_ms": round(max(busy.save_seconds) * 1000, 1),
        "save_p95_ms_without_import": round(quiet_p95, 1),
        "save_p95_ratio": round(save_p95 / quiet_p95, 2),
        "reads": busy.reads,
        "worker_peak_rss_mib": peak,
        "undo_state": undo.state,
        "undo_message": undo.message,
        "undo_seconds": round((undo.finished - undo.started).total_seconds(), 1),
        "worker_peak_rss_mib_with_undo": peak_after,
        "worker_rss_mib_after_jobs": rss_after,
        # One editor saving every 0.3 s through the import and its undo.
        "saves_during_jobs": job_editor.figures(),
    }


def _import_through_the_admin(port, path):
    """Upload, wait for the check, confirm, wait for the import, as an importer does in the
    browser; how long the upload and the confirmation took to answer."""
    importer, _created = get_user_model().objects.get_or_create(
        username="bench-importer", defaults={"is_staff": True, "is_superuser": True}
    )
    session = Session(port, _session_of(importer))
    import_url = reverse("admin:organisations_person_import")
    _status, _location, page = session.request("GET", import_url)
    started = time.perf_counter()
    csrf = [
        (name, value)
        for name, value in form_fields(page, every_form=True)
        if name == "csrfmiddlewaretoken"
    ][:1]
    status, location, _page = session.post_file(import_url, csrf, "file", path)
    upload_ms = (time.perf_counter() - started) * 1000
    check = _job_of(status, location)
    _wait(check)
    token = check.params["token"]
    found = read_check(token)
    if check.state != Job.State.DONE or not found.ok:
        raise RuntimeError(f"the check failed: {check.message or found.counts}")
    _status, location, _page = session.request("GET", location)  # on to the preview
    _status, _location, preview = session.request("GET", location)
    confirm = dict(
        (name, value)
        for name, value in form_fields(preview, every_form=True)
        if name in ("csrfmiddlewaretoken", "token")
    )
    started = time.perf_counter()
    status, location, _page = session.request(
        "POST", reverse("admin:organisations_person_import_confirm"), urlencode(confirm)
    )
    confirm_ms = (time.perf_counter() - started) * 1000
    job = _job_of(status, location)
    _wait(job)
    return {
        "job": job,
        "upload_ms": round(upload_ms, 1),
        "check_seconds": round((check.finished - check.started).total_seconds(), 1),
        "confirm_ms": round(confirm_ms, 1),
    }


def _undo_through_the_admin(port, job):
    """Open the import's Undo, answer its question, wait for the undo's job."""
    record = ImportRecord.objects.get(job=job.pk)
    importer = get_user_model().objects.get(username="bench-importer")
    session = Session(port, _session_of(importer))
    url = reverse("admin:imports_importrecord_undo", args=[record.pk])
    _status, _location, page = session.request("GET", url)
    fields = [
        (name, value)
        for name, value in form_fields(page, every_form=True)
        if name == "csrfmiddlewaretoken"
    ][:1]
    status, location, _page = session.request(
        "POST", url, urlencode([*fields, ("confirmed", "yes")])
    )
    undo = _job_of(status, location)
    _wait(undo)
    return undo


def _job_of(status, location):
    if status != 302 or "/jobs/job/" not in location:
        raise RuntimeError(f"the admin answered {status}, not a job's page")
    return Job.objects.get(pk=location.rstrip("/").split("/")[-2])


def _wait(job):
    while True:
        job.refresh_from_db()
        if job.finished_state:
            return
        time.sleep(0.2)


class Load:
    """Editors and readers at work while the block runs."""

    def __init__(self, port, events, cookies, pages):
        self.stop = threading.Event()
        self.editors = [
            Editor(port, n, event, cookies[n], self.stop) for n, event in enumerate(events)
        ]
        self.readers = [Reader(port, pages, self.stop, seed) for seed in range(READERS)]

    def __enter__(self):
        for thread in self.editors + self.readers:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.editors + self.readers:
            thread.join()
        self.save_seconds = [s for editor in self.editors for s in editor.seconds]
        self.errors = [e for thread in self.editors + self.readers for e in thread.errors]
        self.reads = sum(reader.reads for reader in self.readers)


def _session(number):
    user, _created = get_user_model().objects.get_or_create(
        username=f"bench-editor-{number}", defaults={"is_staff": True, "is_superuser": True}
    )
    return _session_of(user)


def _session_of(user):
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _lost_saves(editors):
    """Saves answered as made whose value is not in the event's history, or whose last one is
    not the event's title now."""
    lost = 0
    for editor in editors:
        history = set(Event.history.filter(id=editor.event.pk).values_list("title_en", flat=True))
        lost += sum(1 for value in editor.saved if value not in history)
        current = Event.objects.values_list("title_en", flat=True).get(pk=editor.event.pk)
        if editor.saved and current != editor.saved[-1]:
            lost += 1
    return lost


class _Worker:
    """`manage.py db_worker` in its own process, as `make run` starts it, with the peak memory
    of the processes it forks for its jobs watched four times a second."""

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--interval",
                "0.2",
                "--no-startup-delay",
                "-v",
                "0",
            ],
            cwd=settings.BASE_DIR,
        )
        self.jobs_peak = 0.0
        self._stop = threading.Event()
        self._watcher = threading.Thread(target=self._watch_jobs, daemon=True)
        self._watcher.start()
        return self

    def _watch_jobs(self):
        pid = self.process.pid
        while not self._stop.wait(0.25):
            try:
                with open(f"/proc/{pid}/task/{pid}/children") as children:
                    pids = children.read().split()
            except OSError:
                return
            for child in pids:
                try:
                    self.jobs_peak = max(self.jobs_peak, _status_mib(child, "VmHWM") or 0)
                except OSError:  # its job just ended
                    continue

    def peak_rss_mib(self):
        """The peak resident memory of the worker, or of a job's process, so far (Linux)."""
        return max(_status_mib(self.process.pid, "VmHWM"), self.jobs_peak)

    def rss_mib(self):
        """The worker's resident memory now (Linux)."""
        return _status_mib(self.process.pid, "VmRSS")

    def __exit__(self, *exc):
        self._stop.set()
        self._watcher.join()
        self.process.terminate()
        self.process.wait(timeout=60)


def _status_mib(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None
