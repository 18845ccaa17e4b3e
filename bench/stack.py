"""`make test-stack`: load and faults against the production topology that `make stack`
(bin/stack) runs, through nginx on https://127.0.0.1:8443/ only; var/bench/stack.json.

Load (locust, headless, a fixed seed): anonymous readers on pages, feeds, search and the API;
two members of staff saving events through the admin; an import running as a job meanwhile.
Then the faults, each with readers at work: a worker killed with SIGKILL mid-import,
PostgreSQL restarted, Redis stopped. Goals: no failed request outside a fault's own window,
no lost save, every fault recovered without a person.

Run by the Makefile after `bin/stack start`; it never starts Django in this process (locust
patches the standard library for gevent): what it checks in the database, it asks
`manage.py shell` with the stack's settings.
"""

from gevent import monkey

monkey.patch_all()

import html  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
import psutil  # noqa: E402
import requests  # noqa: E402
from locust import HttpUser, between, constant, task  # noqa: E402
from locust.env import Environment  # noqa: E402

from bench.forms import form_fields  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
STACK = PROJECT / "var" / "stack"
BASE = "https://127.0.0.1:8443"
CERTIFICATE = str(STACK / "tls" / "cert.pem")
# requests prefers these to a session's own `verify`: every client here trusts the stack's
# self-signed certificate, and nothing else.
os.environ["REQUESTS_CA_BUNDLE"] = CERTIFICATE
os.environ.pop("CURL_CA_BUNDLE", None)
SEED = 20261203
LOAD_SECONDS = int(os.environ.get("STACK_LOAD_SECONDS", 60))
READERS = 10
IMPORT_ROWS = 3000
KILLED_IMPORT_ROWS = 30000


def stack_env():
    lines = (STACK / "stack.env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def manage(*arguments, timeout=300):
    result = subprocess.run(
        [str(PROJECT / ".venv" / "bin" / "python"), "manage.py", *arguments],
        cwd=PROJECT,
        env={"PATH": os.environ["PATH"], "LANG": "C.UTF-8", **stack_env()},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {arguments[0]} failed: {result.stderr[-2000:]}")
    return result.stdout


def query(code):
    """What `code` (Python run by manage.py shell, with Django set up) prints, as JSON."""
    return json.loads(manage("shell", "-c", code).strip().splitlines()[-1])


# What readers open -----------------------------------------------------------------------


def reader_paths():
    """Pages, feeds, searches and API calls, found on the site as a reader finds them."""
    session = requests.Session()
    session.verify = CERTIFICATE
    events_api = session.get(f"{BASE}/api/v1/events/", timeout=30).json()
    slugs = [item["slug"] for item in events_api["results"]][:10]
    paths = {"page": [], "feed": [], "search": [], "api": []}
    for language in ("az", "en", "ru"):
        paths["page"] += [
            f"/{language}/",
            f"/{language}/events/",
            f"/{language}/organisations/",
            f"/{language}/numbers/",
        ] + [f"/{language}/events/{slug}/" for slug in slugs]
        paths["feed"] += [f"/{language}/events/feed/", f"/{language}/events/calendar.ics"]
        paths["search"] += [
            f"/{language}/search/?q={word}" for word in ("Baku", "Novruz", "forum")
        ]
    paths["api"] += ["/api/v1/events/", "/api/v1/organisations/", "/api/v1/medals/"]
    paths["api"] += [f"/api/v1/events/?q={word}" for word in ("camp", "Berlin")]
    for found in paths.values():
        for path in found:
            status = session.get(BASE + path, timeout=30).status_code
            if status != 200:
                raise RuntimeError(f"{path} answered {status} before any load")
    return paths


# Staff -----------------------------------------------------------------------------------


class Admin:
    """A member of staff's browser in the admin: signed in through the login form."""

    def __init__(self, client=None):
        self.client = client or requests.Session()
        self.client.verify = CERTIFICATE

    def log_in(self):
        page = self.client.get(f"{BASE}/admin/login/", timeout=30).text
        token = dict(form_fields(page, every_form=True))["csrfmiddlewaretoken"]
        answer = self.client.post(
            f"{BASE}/admin/login/",
            data={
                "csrfmiddlewaretoken": token,
                "username": "admin",
                "password": stack_env()["DJANGO_SUPERUSER_PASSWORD"],
                "next": "/admin/",
            },
            headers={"Referer": f"{BASE}/admin/login/"},
            allow_redirects=False,
            timeout=30,
        )
        if answer.status_code != 302:
            raise RuntimeError(f"the admin's login answered {answer.status_code}")

    def post(self, path, data=None, files=None, **kwargs):
        return self.client.post(
            BASE + path,
            data=data,
            files=files,
            headers={"Referer": BASE + path},
            allow_redirects=False,
            timeout=120,
            **kwargs,
        )

    def csrf(self, path):
        page = self.client.get(BASE + path, timeout=60).text
        return dict(form_fields(page, every_form=True))["csrfmiddlewaretoken"]

    def upload_people(self, rows, tag):
        """Upload a people spreadsheet; the check's job id."""
        path = "/admin/organisations/person/import/"
        lines = "".join(f"{tag} person {n},DE,Berlin,draft\r\n" for n in range(rows))
        answer = self.post(
            path,
            data={"csrfmiddlewaretoken": self.csrf(path)},
            files={"file": (f"{tag}.csv", "full_name,country,city,status\r\n" + lines)},
        )
        return job_from(answer)

    def confirm(self, check):
        """Confirm a checked upload from its preview; the import's job id."""
        preview = self.client.get(f"{BASE}/admin/jobs/job/{check}/change/", timeout=60).text
        fields = dict(form_fields(preview, every_form=True))
        answer = self.post(
            "/admin/organisations/person/import/confirm/",
            data={"csrfmiddlewaretoken": fields["csrfmiddlewaretoken"], "token": fields["token"]},
        )
        return job_from(answer)

    def status(self, job):
        return self.client.get(f"{BASE}/admin/jobs/job/{job}/status/", timeout=30).json()

    def wait(self, job, until=("done",), timeout=600):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.status(job)
            if status["state"] in until:
                return status
            if status["finished"] and status["state"] not in until:
                raise RuntimeError(f"job {job} ended {status['state']}: {status}")
            time.sleep(0.5)
        raise RuntimeError(f"job {job} still not {until} after {timeout} s")

    def run_again(self, job):
        path = f"/admin/jobs/job/{job}/again/"
        change = f"/admin/jobs/job/{job}/change/"
        return self.post(path, data={"csrfmiddlewaretoken": self.csrf(change)}).status_code


def job_from(answer):
    location = answer.headers.get("Location", "")
    if answer.status_code != 302 or "/jobs/job/" not in location:
        raise RuntimeError(f"the admin answered {answer.status_code}, not a job's page")
    return location.rstrip("/").split("/")[-2]


# The load --------------------------------------------------------------------------------

PATHS = {}
SAVES = {"made": [], "refused": []}
EDITED = []  # the events the editors save, one each


class Reader(HttpUser):
    weight = READERS
    wait_time = between(0.1, 0.6)

    def on_start(self):
        self.client.verify = CERTIFICATE

    def read(self, kind):
        path = random.choice(PATHS[kind])
        self.client.get(path, name=kind)

    @task(6)
    def page(self):
        self.read("page")

    @task(1)
    def feed(self):
        self.read("feed")

    @task(2)
    def search(self):
        self.read("search")

    @task(2)
    def api(self):
        self.read("api")


class Editor(HttpUser):
    """Saves its own event's venue through the admin, again and again."""

    fixed_count = 2
    wait_time = between(0.5, 1.5)

    def on_start(self):
        Admin(self.client).log_in()
        self.event = EDITED[len(SAVES.setdefault("editors", []))]
        SAVES["editors"].append(self.event)
        self.count = 0

    @task
    def save(self):
        url = f"/admin/events/event/{self.event}/change/"
        page = self.client.get(url, name="admin page")
        if page.status_code != 200:
            return
        self.count += 1
        venue = f"Hall {self.event}-{self.count}"
        fields = [
            (name, venue if name == "venue" else value) for name, value in form_fields(page.text)
        ]
        # Before the answer: the load may stop while this save is on its way, and then the
        # event keeps a venue the editor sent but never heard was saved.
        SAVES.setdefault("sent", []).append((self.event, venue))
        with self.client.post(
            url,
            data=fields + [("_save", "Save")],
            headers={"Referer": BASE + url},
            allow_redirects=False,
            name="admin save",
            catch_response=True,
        ) as answer:
            if answer.status_code == 302:
                SAVES["made"].append((self.event, venue))
                answer.success()
            else:
                SAVES["refused"].append((self.event, answer.status_code))
                answer.failure(f"save answered {answer.status_code}")


class Importer(HttpUser):
    """Imports one spreadsheet of people as a job while the others work."""

    fixed_count = 1
    wait_time = between(1, 1)
    imported = None

    def on_start(self):
        self.admin = Admin(self.client)
        self.admin.log_in()

    @task
    def import_people(self):
        if Importer.imported is not None:
            return
        Importer.imported = "running"
        started = time.monotonic()
        check = self.admin.upload_people(IMPORT_ROWS, "Load")
        self.admin.wait(check)
        job = self.admin.confirm(check)
        self.admin.wait(job)
        Importer.imported = {"rows": IMPORT_ROWS, "seconds": round(time.monotonic() - started, 1)}


class Failures:
    """Each failed request's time and kind, for counting those inside a fault's window."""

    def __init__(self):
        self.times = []

    def heard(self, request_type, name, response_time, response_length, exception=None, **_):
        if exception is not None:
            self.times.append((time.monotonic(), name, str(exception)[:200]))


def run_load(user_classes, seconds, users, failures=None):
    environment = Environment(user_classes=user_classes, host=BASE)
    if failures is not None:
        environment.events.request.add_listener(failures.heard)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=users)
    gevent.sleep(seconds)
    runner.quit()
    return environment.stats


def figures(stats):
    kinds = {}
    for (name, _method), entry in sorted(stats.entries.items()):
        kinds[name] = {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "per_second": round(entry.total_rps, 1),
            "p50_ms": entry.get_response_time_percentile(0.5),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "p99_ms": entry.get_response_time_percentile(0.99),
        }
    total = stats.total
    return {
        "requests": total.num_requests,
        "failures": total.num_failures,
        "per_second": round(total.total_rps, 1),
        "p95_ms": total.get_response_time_percentile(0.95),
        "kinds": kinds,
    }


def lost_saves():
    """Saves answered as made whose venue is not in the event's history, and editors whose
    last save is not the event's venue now (unless a later one was on its way when the load
    stopped, and landed)."""
    made = SAVES["made"]
    found = query(
        "import json; from events.models import Event; "
        f"ids = {sorted({event for event, _ in made})!r}; "
        "print(json.dumps({str(i): [sorted(set(Event.history.filter(id=i).values_list("
        "'venue', flat=True))), Event.objects.get(pk=i).venue] for i in ids}))"
    )
    lost = sum(1 for event, venue in made if venue not in found[str(event)][0])
    for event in {event for event, _ in made}:
        last = [venue for each, venue in made if each == event][-1]
        sent = [venue for each, venue in SAVES.get("sent", []) if each == event][-1]
        lost += found[str(event)][1] not in {last, sent}
    return lost


# The faults ------------------------------------------------------------------------------


def pids(name):
    return int((STACK / "pids" / f"{name}.pid").read_text())


def readers_during(fault, seconds=40, fault_at=10):
    """Readers at work for `seconds`; `fault()` runs `fault_at` seconds in and returns when
    the site should have recovered. Failures inside [fault start, recovered + 5 s] are the
    fault's own; any other is a failure of the site."""
    failures = Failures()
    window = {}

    def trigger():
        gevent.sleep(fault_at)
        window["from"] = time.monotonic()
        try:
            window["outcome"] = fault()
        except Exception as error:  # noqa: BLE001 - reported as not recovered
            window["outcome"] = {"recovered": False, "error": repr(error)[:500]}
        window["to"] = time.monotonic() + 5

    worker = gevent.spawn(trigger)
    stats = run_load([Reader], seconds, READERS, failures)
    worker.join()
    inside = [f for f in failures.times if window["from"] <= f[0] <= window["to"]]
    outside = [f for f in failures.times if not window["from"] <= f[0] <= window["to"]]
    return {
        "requests": stats.total.num_requests,
        "failed_inside_window": len(inside),
        "failed_outside_window": len(outside),
        "outside_examples": outside[:5],
        "inside_examples": inside[:5],
        "window_seconds": round(window["to"] - window["from"], 1),
        **window["outcome"],
    }


def ready():
    try:
        return requests.get(f"{BASE}/readyz", verify=CERTIFICATE, timeout=5).status_code == 200
    except requests.RequestException:
        return False


def wait_ready(timeout=120):
    started = time.monotonic()
    while not ready():
        if time.monotonic() - started > timeout:
            raise RuntimeError(f"the site was not ready {timeout} s after the fault")
        time.sleep(0.5)
    return round(time.monotonic() - started, 1)


def kill_tree(pid):
    """SIGKILL to a worker and every process under it, as the kernel's out-of-memory killer
    or systemd stopping its unit's cgroup does: RQ runs each job in a work horse of a session
    of its own, which a signal to the worker's group alone would leave running."""
    worker = psutil.Process(pid)
    for process in [*worker.children(recursive=True), worker]:
        try:
            process.send_signal(signal.SIGKILL)
        except psutil.NoSuchProcess:
            continue


def stack(code):
    """Run `code` in a process of its own with bin/stack's functions as `s`: the stack's own
    way of starting and stopping its servers."""
    preamble = "import runpy, sys; sys.argv = ['stack']; s = runpy.run_path('bin/stack'); "
    return subprocess.run([sys.executable, "-c", preamble + code], cwd=PROJECT).returncode == 0


def start_worker(number):
    if not stack(f"s['start_worker']({number})"):
        raise RuntimeError(f"worker {number} did not start")


def stop_and_wait(name):
    """SIGTERM to one of the stack's processes and its group; back once they have exited."""
    group = [psutil.Process(pids(name))]
    group += group[0].children(recursive=True)
    os.killpg(pids(name), signal.SIGTERM)
    psutil.wait_procs(group, timeout=30)


def worker_killed_mid_import():
    """SIGKILL to every worker while an import writes: the job shows as interrupted, the
    scheduler removes what it wrote, Run again imports the file whole."""
    admin = Admin()
    admin.log_in()
    before = query("from organisations.models import Person; print(Person.objects.count())")
    # Names of this run's own: on a stack used before, rows matching earlier ones would be
    # imported as unchanged, and the count would not show the import whole.
    check = admin.upload_people(KILLED_IMPORT_ROWS, f"Killed-{time.time_ns()}")
    admin.wait(check)
    job = admin.confirm(check)
    deadline = time.monotonic() + 300
    while not (admin.status(job).get("done") or 0) > 1000:
        if time.monotonic() > deadline:
            raise RuntimeError("the import never started writing")
        time.sleep(0.2)
    for number in (1, 2):
        kill_tree(pids(f"worker-{number}"))
    killed_at = time.monotonic()
    for number in (1, 2):  # as systemd's Restart=always does
        start_worker(number)
    admin.wait(job, until=("interrupted",), timeout=120)
    interrupted_after = round(time.monotonic() - killed_at, 1)
    code = (
        "from organisations.models import Person; from imports.models import ImportBatch; "
        "print([Person.objects.count(), ImportBatch.objects.count()])"
    )
    while query(code) != [before, 0]:
        if time.monotonic() - killed_at > 240:
            raise RuntimeError(f"the interrupted import's rows were not removed: {query(code)}")
        time.sleep(2)
    cleaned_after = round(time.monotonic() - killed_at, 1)
    admin.run_again(job)
    admin.wait(job, timeout=600)
    after = query("from organisations.models import Person; print(Person.objects.count())")
    return {
        "interrupted_shown_after_s": interrupted_after,
        "removed_without_a_person_after_s": cleaned_after,
        "run_again_imported": after - before,
        "recovered": after - before == KILLED_IMPORT_ROWS,
    }


def postgres_restarted():
    started = time.monotonic()
    if not stack("s['stop_postgres']('fast'); s['start_postgres']()"):
        raise RuntimeError("PostgreSQL did not start again")
    return {"restart_s": round(time.monotonic() - started, 1), "ready_after_s": wait_ready()}


def redis_stopped():
    """Redis stopped: pages still answer; a job submitted meanwhile is refused in words, with
    nothing made; jobs queued before run once Redis is back."""
    admin = Admin()
    admin.log_in()
    for number in (1, 2):  # so that a job waits in the queue when Redis stops
        stop_and_wait(f"worker-{number}")
    waiting = admin.upload_people(10, "Queued")
    stop_and_wait("redis")
    page = requests.get(f"{BASE}/en/events/", verify=CERTIFICATE, timeout=30).status_code
    refused = admin.upload_people(10, "Refused")
    refused_status = admin.status(refused)
    restarted = stack("s['start_redis']()")
    for number in (1, 2):
        start_worker(number)
    done = admin.wait(waiting, timeout=120)["state"]
    return {
        "page_without_redis": page,
        "job_submitted_meanwhile": refused_status["state"],
        "its_message": refused_status.get("message", ""),
        "queued_job_after_redis_returned": done,
        "ready_after_s": wait_ready(),
        "recovered": restarted and page == 200 and done == "done",
    }


def front_server_against_gunicorn(seconds=20, users=8):
    """Readers opening pages as fast as answers come, through nginx and then straight from
    gunicorn (as the proxy would ask it): requests a second and p95 of each."""
    gunicorn = "http://" + stack_env()["GUNICORN_BIND"]
    compared = {}
    for name, host, headers in (
        ("nginx (HTTPS, HTTP/1.1 keep-alive)", BASE, {}),
        ("gunicorn alone", gunicorn, {"X-Forwarded-Proto": "https"}),
    ):

        class Fast(HttpUser):
            wait_time = constant(0)
            sent = headers

            def on_start(self):
                self.client.verify = CERTIFICATE
                self.client.headers.update(self.sent)

            @task
            def page(self):
                self.client.get(random.choice(PATHS["page"]), name="page")

        Fast.host = host
        stats = run_load([Fast], seconds, users)
        entry = stats.entries[("page", "GET")]
        compared[name] = {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "per_second": round(entry.total_rps, 1),
            "p50_ms": entry.get_response_time_percentile(0.5),
            "p95_ms": entry.get_response_time_percentile(0.95),
        }
    return compared


def compression_savings():
    """What nginx's gzip saves on the five largest of the pages, feeds and API answers."""
    sizes = []
    for path in sorted({path for found in PATHS.values() for path in found}):
        plain = requests.get(BASE + path, headers={"Accept-Encoding": "identity"}, timeout=30)
        packed = requests.get(
            BASE + path, headers={"Accept-Encoding": "gzip"}, timeout=30, stream=True
        )
        wire = len(packed.raw.read(decode_content=False))
        sizes.append(
            {
                "path": path,
                "bytes": len(plain.content),
                "gzip_bytes": wire,
                "encoding": packed.headers.get("Content-Encoding", ""),
            }
        )
    largest = sorted(sizes, key=lambda size: size["bytes"], reverse=True)[:5]
    for size in largest:
        size["saved_percent"] = round(100 * (1 - size["gzip_bytes"] / size["bytes"]), 1)
    return largest


def application_down():
    """gunicorn stopped (a release, a crash): nginx answers 503 with the site's own page in
    the address's language, static files still come; started again, the site answers."""
    stop_and_wait("gunicorn")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        down = requests.get(f"{BASE}/ru/events/", timeout=10)
        if down.status_code == 503:
            break
        time.sleep(0.2)
    static = requests.get(f"{BASE}/static/site/site.css", timeout=10).status_code
    api = requests.get(f"{BASE}/api/v1/events/", timeout=10)
    if not stack("s['start_gunicorn']()"):
        raise RuntimeError("gunicorn did not start again")
    ready_after = wait_ready()
    page = down.content.decode()
    own_page = '<html lang="ru"' in page and "Азербайджанская диаспора" in page
    utf8 = "charset=utf-8" in down.headers.get("Content-Type", "")
    api_problem = (
        api.status_code == 503
        and api.headers.get("Content-Type") == "application/problem+json"
        and api.json()["status"] == 503
        and int(api.headers.get("Retry-After", 0)) > 0
    )
    return {
        "status_while_down": down.status_code,
        "the_sites_own_page_in_russian": own_page,
        "said_to_be_utf8": utf8,
        "static_while_down": static,
        "api_answered_a_problem_with_retry_after": api_problem,
        "ready_after_restart_s": ready_after,
        "recovered": down.status_code == 503
        and own_page
        and utf8
        and static == 200
        and api_problem,
    }


def uploads_disk_full():
    """The uploads' disk full while staff add a document: a clear message, no record, no
    file; once there is room again, the same upload is stored. The full disk is a small
    tmpfs mounted over the folder documents go to (root only, as CI runs)."""
    if os.geteuid() != 0:
        return {"skipped": "mounting a small file system needs root"}
    folder = Path(stack_env()["MEDIA_ROOT"]) / "documents" / time.strftime("%Y/%m")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", str(folder)], check=True)
    admin = Admin()
    admin.log_in()
    count = "from media.models import Document; print(Document.objects.count())"
    before = query(count)
    try:
        (folder / "filler").write_bytes(b"\0" * 120 * 1024)
        refused = add_document(admin)
        left = sorted(path.name for path in folder.iterdir())
        refused_count = query(count)
    finally:
        subprocess.run(["umount", str(folder)], check=True)
    stored = add_document(admin)
    return {
        "refused_with": refused,
        "files_left_on_the_full_disk": [name for name in left if name != "filler"],
        "records_made_while_full": refused_count - before,
        "stored_once_there_was_room": stored == "",
        "recovered": refused.startswith("The file was not stored")
        and left == ["filler"]
        and refused_count == before
        and stored == "",
    }


def add_document(admin):
    """Add a document with a 64 KiB PDF through the admin; the error message shown, or ""."""
    path = "/admin/media/document/add/"
    answer = admin.post(
        path,
        data={"csrfmiddlewaretoken": admin.csrf(path), "title_en": "Statute"},
        files={"file": ("statute.pdf", b"%PDF-1.4\n" + b"0" * 64 * 1024, "application/pdf")},
    )
    if answer.status_code != 302:
        return f"answered {answer.status_code}"
    page = admin.client.get(BASE + answer.headers["Location"], timeout=30).text
    found = re.search(r'<li class="error">(.*?)</li>', page, re.S)
    return html.unescape(found.group(1).strip()) if found else ""


def main():
    random.seed(SEED)
    PATHS.update(reader_paths())
    EDITED.extend(
        query(
            "from events.models import Event; "
            "print(list(Event.objects.order_by('pk').values_list('pk', flat=True)[:2]))"
        )
    )
    failures = Failures()
    stats = run_load([Reader, Editor, Importer], LOAD_SECONDS, READERS + 3, failures)
    result = {
        "seed": SEED,
        "load": {
            "seconds": LOAD_SECONDS,
            "readers": READERS,
            "editors": 2,
            **figures(stats),
            "saves": len(SAVES["made"]),
            "saves_refused": len(SAVES["refused"]),
            "saves_lost": lost_saves(),
            "import_during_load": Importer.imported,
        },
        "faults": {},
    }
    result["front_server"] = front_server_against_gunicorn()
    result["compression"] = compression_savings()
    for name, fault in (
        ("worker_killed_mid_import", lambda: readers_during(worker_killed_mid_import, 30, 5)),
        ("postgres_restarted", lambda: readers_during(postgres_restarted)),
        ("redis_stopped", lambda: readers_during(redis_stopped)),
        ("uploads_disk_full", lambda: readers_during(uploads_disk_full, 20, 5)),
        ("application_down", lambda: readers_during(application_down, 20, 5)),
    ):
        try:
            result["faults"][name] = fault()
        except Exception as error:  # noqa: BLE001 - reported, and fails the run below
            result["faults"][name] = {"recovered": False, "error": repr(error)[:500]}
    out = PROJECT / "var" / "bench" / "stack.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    problems = []
    if result["load"]["failures"]:
        problems.append(f"{result['load']['failures']} failed requests under load")
    if result["load"]["saves_lost"]:
        problems.append(f"{result['load']['saves_lost']} saves lost")
    for name, outcome in result["faults"].items():
        if outcome.get("recovered") is False or outcome.get("failed_outside_window"):
            problems.append(f"{name}: {outcome}")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
