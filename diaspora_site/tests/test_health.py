"""What a front server, a monitor and a browser ask of every site: /healthz, /readyz and
the icons."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobs.models import Job


def ask(client, path, **kwargs):
    """(the answer to `path`, the queries it made), asked from a thread of its own, as a
    WSGI server's threads ask: the browser tests' Playwright leaves an event loop running in
    this one, where Django cannot call the health checks' async view."""

    def request():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, **kwargs)
        connection.close()
        return response, len(queries)

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(request).result()


@pytest.mark.django_db
def test_healthz_says_the_process_answers_without_the_database(client):
    response, queries = ask(client, "/healthz", headers={"accept": "application/json"})
    assert (response.status_code, response.json(), queries) == (200, {}, 0)
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_checks_the_database_the_shared_caches_and_the_queue(client):
    response, _queries = ask(client, "/readyz", headers={"accept": "application/json"})
    assert response.status_code == 200
    assert response.json() == {
        "Database(alias='default')": "OK",
        "Cache(alias='content_version')": "OK",
        "Cache(alias='jobs')": "OK",
        "QueueCheck()": "OK",
    }


# Committed: the checks run in threads of their own, with connections of their own.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_readyz_fails_when_no_worker_takes_the_jobs(client, settings):
    settings.JOBS_READY_WAIT_SECONDS = 300
    job = Job.objects.create(kind="imports.check", title="Check people.csv")
    Job.objects.filter(pk=job.pk).update(created=timezone.now() - datetime.timedelta(minutes=4))
    assert ask(client, "/readyz")[0].status_code == 200
    Job.objects.filter(pk=job.pk).update(created=timezone.now() - datetime.timedelta(minutes=6))
    response, _queries = ask(client, "/readyz", headers={"accept": "application/json"})
    assert response.status_code == 500
    assert response.json()["QueueCheck()"].startswith("Unavailable: the oldest waiting job")
    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE)
    assert ask(client, "/readyz")[0].status_code == 200


@pytest.mark.django_db
def test_a_monitor_asks_over_plain_http_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    assert ask(client, "/healthz")[0].status_code == 200
    assert ask(client, "/readyz")[0].status_code == 200
    assert client.get("/robots.txt").status_code == 301


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/favicon.ico", "image/"), ("/apple-touch-icon.png", "image/png")],
)
def test_the_icons_browsers_ask_for_are_there(client, path, content_type):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    home = client.get("/en/").content.decode()
    assert 'type="image/svg+xml"' in home
    assert f'href="{path}"' in home
