"""Public pages from the cache until what they show changes, through any way of changing it."""

import io
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.tests.factories import EventFactory
from imports.importing import import_file
from publishing.cache import content_version
from publishing.services import publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600


def events_page(client):
    return client.get(reverse("events:list")).content.decode()


def test_a_cached_page_reads_no_database(client):
    EventFactory(status="published", title_en="Novruz in Berlin")
    assert "Novruz in Berlin" in events_page(client)
    with CaptureQueriesContext(connection) as queries:
        assert "Novruz in Berlin" in events_page(client)
    assert len(queries.captured_queries) == 0


def test_a_change_in_another_process_shows_at_once(client, django_capture_on_commit_callbacks):
    """Each server process keeps its pages in its own memory; the version they are kept
    under is one all processes read, so another process's change is seen here."""
    EventFactory(status="published", title_en="Novruz in Berlin")
    assert "Novruz in Berlin" in events_page(client)
    changed = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", CHANGE_IN_ANOTHER_PROCESS],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert changed.returncode == 0, changed.stderr
    # The other process changed no row this test's transaction could see; the page is
    # rendered again all the same, under the new version.
    with CaptureQueriesContext(connection) as queries:
        events_page(client)
    assert len(queries.captured_queries) > 0


CHANGE_IN_ANOTHER_PROCESS = "from publishing.cache import _move_on; _move_on()"


def test_a_cleared_cache_renders_the_pages_again(client):
    EventFactory(status="published", title_en="Novruz in Berlin")
    events_page(client)
    caches["content_version"].clear()
    with CaptureQueriesContext(connection) as queries:
        assert "Novruz in Berlin" in events_page(client)
    assert len(queries.captured_queries) > 0


# The number moves on when a transaction commits; these tests run inside one, so
# django_capture_on_commit_callbacks(execute=True) stands for the commit.


def test_a_save_in_the_admin_shows_at_once(
    admin_client, client, submit_admin_form, django_capture_on_commit_callbacks
):
    event = EventFactory(status="published", title_en="Novruz in Berlin")
    assert "Novruz in Berlin" in events_page(client)
    change = reverse("admin:events_event_change", args=[event.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = submit_admin_form(admin_client, change, title_en="Novruz in Paris")
    assert response.status_code == 302
    assert "Novruz in Paris" in events_page(client)


def test_publishing_shows_at_once(client, admin_user, django_capture_on_commit_callbacks):
    event = EventFactory(status="draft", title_en="Novruz in Berlin")
    assert "Novruz in Berlin" not in events_page(client)
    with django_capture_on_commit_callbacks(execute=True):
        publish(queryset=type(event).objects.filter(pk=event.pk), user=admin_user)
    assert "Novruz in Berlin" in events_page(client)


def test_an_import_shows_at_once(client, django_capture_on_commit_callbacks):
    from organisations.tests.factories import OrganisationFactory

    with django_capture_on_commit_callbacks(execute=True):
        OrganisationFactory(status="published", name_en="Azerbaijan House", country="DE")
    before = content_version()
    client.get(reverse("organisations:list"))
    csv = "name,type,country,status\nOdlar Yurdu,cultural_centre,FR,published\n"
    with django_capture_on_commit_callbacks(execute=True):
        result = import_file(
            dataset_name="organisations", uploaded=io.BytesIO(csv.encode()), file_name="o.csv"
        )
    assert result.ok, result.problem
    assert content_version() != before
    assert "Odlar Yurdu" in client.get(reverse("organisations:list")).content.decode()


def test_a_dry_run_changes_nothing_and_keeps_the_cache(client, django_capture_on_commit_callbacks):
    before = content_version()
    csv = "name,type,country,status\nOdlar Yurdu,cultural_centre,FR,published\n"
    with django_capture_on_commit_callbacks(execute=True):
        import_file(
            dataset_name="organisations",
            uploaded=io.BytesIO(csv.encode()),
            file_name="o.csv",
            dry_run=True,
        )
    assert content_version() == before


def test_only_successful_pages_are_kept(client, django_capture_on_commit_callbacks):
    missing = reverse("events:detail", args=["no-such-event"])
    assert client.get(missing).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        EventFactory(status="published", slug="no-such-event")
    assert client.get(missing).status_code == 200


def test_an_admin_lists_countries_are_kept_until_the_content_changes(
    admin_client, django_capture_on_commit_callbacks
):
    EventFactory(country="DE")
    changelist = reverse("admin:events_event_changelist")
    assert "France" not in admin_client.get(changelist).content.decode()
    with CaptureQueriesContext(connection) as queries:
        admin_client.get(changelist)
    assert not [q for q in queries.captured_queries if "DISTINCT" in q["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        EventFactory(country="FR")
    assert "France" in admin_client.get(changelist).content.decode()


def test_an_admin_lists_count_is_kept_until_the_content_changes(
    admin_client, django_capture_on_commit_callbacks
):
    EventFactory.create_batch(3, country="DE")
    changelist = reverse("admin:events_event_changelist")

    def counted():
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(changelist, {"country__exact": "DE"})
        counts = [q for q in queries.captured_queries if "COUNT(" in q["sql"]]
        return response.context["cl"].result_count, len(counts)

    assert counted() == (3, 1)
    assert counted() == (3, 0)
    with django_capture_on_commit_callbacks(execute=True):
        EventFactory(country="DE")
    assert counted() == (4, 1)
