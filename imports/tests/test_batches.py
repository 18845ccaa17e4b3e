"""An import writes a batch at a time, each batch committed on its own: an editor's save
never waits for the whole file, the public sees the import's new records only once it
completes, and an import that stops halfway leaves the domain tables and their history as
they were."""

import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Event
from events.tests.factories import EventFactory
from imports.models import ImportBatch, ImportRecord
from imports.tests.helpers import import_text
from imports.undoing import forget_values, undo_import
from jobs.progress import JobCancelled
from publishing.cache import content_version

# Batches are committed: the test database is flushed after each test, and what the
# migrations stored (the staff groups) restored for the tests that run after these.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NEW = 1500  # checked in two batches of 1,000 rows and 500, written 100 at a time


def events_csv(existing=None, new=NEW):
    lines = ["title,start,city,status"]
    if existing is not None:
        lines.append(f"{existing.title_en},{existing.start.isoformat()},Baku,published")
    lines += [
        f"Imported event {number},2026-05-01 10:00,Berlin,published" for number in range(new)
    ]
    return "\n".join(lines)


def save_at_once_from_another_connection(event):
    """Save `event` as an editor would, from another connection that will not wait a moment
    for a lock: it fails if the import holds one. Returns what went wrong, or None."""
    problems = []

    def save():
        try:
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET lock_timeout = '1ms'")
            # On SQLite the backend waits for the write lock up to SQLITE_BUSY_TIMEOUT.
            with override_settings(SQLITE_BUSY_TIMEOUT=0), transaction.atomic():
                Event.objects.filter(pk=event.pk).update(venue="The editor's hall")
        except Exception as error:  # noqa: BLE001 - the test reports whatever it was
            problems.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=save)
    thread.start()
    thread.join()
    return problems[0] if problems else None


def public_titles(client):
    """The event titles the public API lists, as a reader of it sees them."""
    answer = client.get(reverse("api:event-list"), {"limit": 100}).json()
    return frozenset(event["title"] for event in answer["results"])


def dump():
    """The domain tables and their history, as `dumpdata` writes them."""
    out = io.StringIO()
    call_command("dumpdata", "events", "organisations", "awards", stdout=out)
    return out.getvalue()


@pytest.fixture
def existing():
    return EventFactory(title_en="Congress", city="Paris", status="published")


def test_between_two_batches_an_editor_saves_at_once_and_the_public_sees_only_the_updates(
    client, existing
):
    seen = []

    def between_batches(record):
        seen.append(
            {
                "save problem": save_at_once_from_another_connection(existing),
                "stored": Event.objects.count(),
                "public": Event.objects.published().count(),
                "city": Event.objects.published().get(pk=existing.pk).city,
                "api": public_titles(client),
                "version": content_version(),
                "batches": record.batches.count(),
            }
        )

    version = content_version()
    result = import_text("events", events_csv(existing), between_batches=between_batches)

    assert result.ok, result.errors
    # 1,000 rows checked, then the other 501: written 100 at a time.
    assert len(seen) == 10 + 6
    assert [state["save problem"] for state in seen] == [None] * 16
    assert [state["stored"] for state in seen][:3] == [101, 201, 301]
    # The new events are not public until the end; the update is, from its batch on (the
    # tenth: the first check batch's new rows are written before its update).
    assert {state["public"] for state in seen} == {1}
    assert {state["api"] for state in seen[:9]} == {frozenset({"Congress"})}
    assert [state["city"] for state in seen].index("Baku") == 9
    assert {state["version"] for state in seen} == {version}
    assert [state["batches"] for state in seen][:3] == [1, 2, 3]
    assert Event.objects.published().count() == NEW + 1
    assert {title.rsplit(" ", 1)[0] for title in public_titles(client)} == {"Imported event"}
    assert content_version() != version
    record = result.record
    assert (record.status, record.new_count, record.updated_count) == ("done", NEW, 1)
    assert ImportBatch.objects.count() == 0
    assert Event.objects.get(pk=existing.pk).venue == "The editor's hall"


@pytest.mark.parametrize("stop", [RuntimeError("the worker's disk is full"), JobCancelled()])
def test_an_import_stopped_halfway_leaves_the_tables_and_their_history_as_they_were(
    existing, stop
):
    EventFactory(title_en="Another event")
    before = dump()

    def between_batches(record):
        raise stop

    with pytest.raises(type(stop)):
        import_text("events", events_csv(existing), between_batches=between_batches)

    assert dump() == before
    record = ImportRecord.objects.get()
    assert (record.status, record.batches.count()) == (ImportRecord.Status.FAILED, 0)


def test_an_undo_commits_batch_by_batch_and_restores_everything(existing):
    before = dump()
    result = import_text("events", events_csv(existing))
    saves = []

    def progress(done, total):
        saves.append(save_at_once_from_another_connection(existing))

    undo_import(record=result.record, progress=progress)

    # Before the first batch and after each: the restored event's, then the 15 batches of
    # created ones. None of the saves waited.
    assert saves == [None] * (1 + 1 + 15)
    result.record.refresh_from_db()
    assert result.record.status == ImportRecord.Status.UNDONE
    assert Event.objects.count() == 1
    stored = Event.objects.get()
    assert (stored.city, stored.venue) == ("Paris", "The editor's hall")
    assert dump() != before  # the undo is in the history, as every change is


def people_csv(rows):
    lines = "".join(f"Person {number} of {rows},DE,Berlin\n" for number in range(rows))
    return "full_name,country,city\n" + lines


def test_each_batch_costs_the_same_queries_however_long_the_file(db):
    counts = []
    for rows in (2000, 3000, 4000):
        with CaptureQueriesContext(connections["default"]) as queries:
            result = import_text("people", people_csv(rows), name=f"people-{rows}.csv")
        assert result.ok, result.errors
        counts.append(len(queries))
    assert counts[1] - counts[0] == counts[2] - counts[1] > 0


def test_an_erasure_during_an_import_leaves_no_old_value_in_its_batches(existing):
    kept = []

    def between_batches(record):
        if Event.objects.get(pk=existing.pk).city != "Baku":
            return  # its batch is yet to come
        forget_values(model=Event, pk=existing.pk)
        kept.append(str(list(record.batches.values_list("changes", flat=True))))
        raise RuntimeError("stopped, to be removed")

    with pytest.raises(RuntimeError):
        import_text("events", events_csv(existing), between_batches=between_batches)
    assert "Paris" not in kept[0]
    # Nothing is left to restore it from: the value the import wrote stays.
    assert (Event.objects.count(), Event.objects.get().city) == (1, "Baku")


def test_a_checked_file_that_fails_in_a_later_batch_leaves_nothing_written(existing):
    """The admin's write job validates as it writes (its preview checked the file); what
    changed since is found in the batch it falls in, and the batches before go again."""
    before = dump()
    lines = ["title,start,status,publish_from,publish_until"]
    lines += [f"Checked event {number},2026-05-01 10:00,published,," for number in range(1500)]
    lines[1300] = "Checked event late,2026-05-01 10:00,published,2026-06-01,2026-05-01"
    written = []

    result = import_text(
        "events", "\n".join(lines), checked=True, between_batches=lambda record: written.append(1)
    )

    assert not result.ok
    # Row 1,301 of the spreadsheet, below its header.
    assert [(error.row, error.column) for error in result.errors] == [(1301, "publish_until")]
    assert len(written) == 10  # the first 1,000 rows were written, then removed
    assert dump() == before
    assert ImportRecord.objects.get().status == ImportRecord.Status.FAILED
