"""The embedded default under many writers: an import in one process while an editor saves
and a visitor reads in others, on a real SQLite file, as `make run` has it."""

import contextlib
import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from django.conf import settings
from django.db import connection

from diaspora_site.sqlite.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the embedded default's own behaviour"
)

ROWS = 20_000

EDITOR = """
import sys, time
from django.db import transaction
from events.models import Event

saves, errors, last = 0, [], ""
until = time.monotonic() + float(sys.argv[1])
while time.monotonic() < until:
    try:
        with transaction.atomic():  # as the admin saves a change
            event = Event.objects.get(slug="novruz")
            last = f"Novruz {saves}"
            event.title_en = last
            event.save()
        saves += 1
    except Exception as error:
        errors.append(repr(error))
    time.sleep(0.05)
print(saves, len(errors), errors[:1], last, sep="|")
"""

READER = """
import sys, time
from organisations.models import Person

reads, errors = 0, []
until = time.monotonic() + float(sys.argv[1])
while time.monotonic() < until:
    try:
        Person.objects.filter(country="DE").count()
        reads += 1
    except Exception as error:
        errors.append(repr(error))
    time.sleep(0.05)
print(reads, len(errors), errors[:1], sep="|")
"""


def manage(environment, *arguments, **options):
    return subprocess.Popen(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **options,
    )


def run_script(environment, script, seconds):
    return manage(environment, "shell", "-v", "0", "-c", script_with_args(script, seconds))


def script_with_args(script, seconds):
    return f"import sys; sys.argv = ['', {seconds!r}]\n" + textwrap.dedent(script)


def finished(process):
    stdout, stderr = process.communicate(timeout=300)
    return process.returncode, stdout.strip().splitlines(), stderr


def test_editors_and_readers_go_on_while_an_import_writes(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "diaspora_site.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "uploads"),
        "IMPORTS_ROOT": str(tmp_path / "imports"),
    }
    assert finished(manage(environment, "migrate", "-v", "0"))[0] == 0
    setup = (
        "from events.tests.factories import EventFactory; "
        "EventFactory(title_en='Novruz', slug='novruz', organiser=None)"
    )
    assert finished(manage(environment, "shell", "-c", setup))[0] == 0
    people = tmp_path / "people.csv"
    people.write_text(
        "full_name,country,city\r\n"
        + "".join(f"Person {number},DE,Berlin\r\n" for number in range(ROWS))
    )

    started = time.monotonic()
    importing = manage(environment, "import_data", "people", str(people))
    editor = run_script(environment, EDITOR, 15)
    reader = run_script(environment, READER, 15)
    imported = finished(importing)
    import_seconds = time.monotonic() - started
    edited, read = finished(editor), finished(reader)

    for code, _stdout, stderr in (imported, edited, read):
        assert code == 0, stderr[-400:]
    assert imported[1][-1] == f"new: {ROWS}, updated: 0, unchanged: 0, errors: 0"
    saves, failures, first_failure, last_title = edited[1][-1].split("|")
    reads, read_failures, first_read_failure = read[1][-1].split("|")
    assert (failures, first_failure, read_failures, first_read_failure) == ("0", "[]", "0", "[]")
    # Saves went on through the import (its writing pass included), and the last one stuck.
    assert int(saves) > 10, (saves, import_seconds)
    assert int(reads) > 10
    stored = finished(
        manage(
            environment,
            "shell",
            "-c",
            "from events.models import Event; print(Event.objects.get(slug='novruz').title_en)",
        )
    )
    assert stored[1][-1] == last_title


@pytest.fixture
def database_of_its_own(django_db_blocker):
    """Connections of the test's own to a file of its own, not the test database."""
    with django_db_blocker.unblock():
        yield


@pytest.mark.usefixtures("database_of_its_own")
def test_a_job_writing_back_to_back_lets_a_waiting_writer_in_at_its_next_transaction(tmp_path):
    """Without it, the job took the lock again the moment it let it go, while the waiting
    save slept in SQLite's busy handler: saves waited seconds behind a stream of batches."""
    job, editor = (
        DatabaseWrapper(
            {**connection.settings_dict, "NAME": str(tmp_path / "db.sqlite3")}, alias=name
        )
        for name in ("job", "editor")
    )
    job.inc_thread_sharing()  # made here, used by the job's thread
    job.ensure_connection()
    job.connection.execute("CREATE TABLE batch (number INTEGER)")
    transactions = []  # the job's, in order, as they commit
    editor_in = threading.Event()
    editor_tried = threading.Event()

    def write_batches():
        for number in range(300):
            job.make_way_for_waiting_writers()
            with in_transaction(job):
                job.connection.execute("INSERT INTO batch VALUES (?)", [number])
                if number == 5:
                    editor_tried.set()
                time.sleep(0.005)  # the batch's work, holding the lock
            transactions.append(number)
            if editor_in.is_set():
                return

    writer = threading.Thread(target=write_batches)
    writer.start()
    assert editor_tried.wait(timeout=120), "the job's thread stopped"
    tried_after = len(transactions)
    with in_transaction(editor):
        editor_in.set()
        got_in_after = len(transactions)
    writer.join()
    job.close()
    editor.close()
    # In at the job's next gap: after the batch it was holding when the editor came, or the
    # one after it if the editor came just as that one began.
    assert got_in_after - tried_after <= 2, (tried_after, got_in_after)


@contextlib.contextmanager
def in_transaction(wrapper):
    """A transaction as `atomic()` begins and ends one, on a connection of its own."""
    wrapper.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    try:
        yield
        wrapper.commit()
    finally:
        wrapper.set_autocommit(True)


@pytest.mark.django_db
def test_the_embedded_database_is_set_for_many_writers():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
    # WAL; synchronous NORMAL is 1; the write lock taken as a transaction begins.
    assert (journal, synchronous, connection.transaction_mode) == ("wal", 1, "IMMEDIATE")
    assert connection.features.max_query_params > 999
