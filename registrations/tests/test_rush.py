"""200 people submitting at once for 50 places, taken by 5 server processes of 8 threads
each, as gunicorn's workers take a rush (40 at a time, each thread the next in its queue),
on the real test database (SQLite's file or PostgreSQL): never a place too many, the others
all on the waiting list."""

import datetime
import os
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings
from django.utils import timezone

from events.tests.factories import EventFactory
from jobs.tests.fixtures import database_url
from registrations import services
from registrations.models import Registration, RegistrationSettings, Status

PROCESSES, THREADS, EACH, PLACES = 5, 8, 5, 50

SERVER = textwrap.dedent(
    """
    import os, sys, threading, time
    import django
    django.setup()
    from django.db import connection
    from events.models import Event
    from registrations import services

    process, threads, each, go = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    event = Event.objects.get(pk=int(sys.argv[5]))
    consent = services.current_consent()
    connection.close()
    errors = []

    def serve(thread):
        for turn in range(each):
            number = (process * threads + thread) * each + turn
            try:
                services.register(
                    event, name=f"Person {number}", email=f"person{number}@example.org",
                    country="AZ", language="en", consent=consent, visibility="nobody",
                )
            except Exception as error:
                errors.append(repr(error))
        connection.close()

    people = [threading.Thread(target=serve, args=(n,)) for n in range(threads)]
    print("ready", flush=True)
    while not os.path.exists(go):
        time.sleep(0.001)
    for thread in people:
        thread.start()
    for thread in people:
        thread.join()
    print(len(errors), errors[:2], flush=True)
    """
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_hundred_at_once_never_overbook_fifty_places(tmp_path):
    event = EventFactory(status="published", start=timezone.now() + datetime.timedelta(days=3))
    RegistrationSettings.objects.create(event=event, is_open=True, capacity=PLACES)
    services.current_consent()  # written once here, not raced for by the servers
    go = tmp_path / "go"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "diaspora_site.settings",
        "DATABASE_URL": database_url(),
        "DJANGO_DEBUG": "1",
    }
    environment.pop("REDIS_URL", None)
    servers = [
        subprocess.Popen(
            [sys.executable, "-c", SERVER, *map(str, (n, THREADS, EACH, go, event.pk))],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(PROCESSES)
    ]
    for server in servers:
        line = server.stdout.readline()  # "ready", or nothing if it failed to start
        if line.strip() != "ready":
            raise AssertionError(line + server.communicate(timeout=60)[1][-3000:])
    go.touch()  # all at once
    for server in servers:
        output, errors = server.communicate(timeout=300)
        assert server.returncode == 0, errors[-3000:]
        assert output.startswith("0 "), output
    statuses = list(Registration.objects.values_list("status", flat=True))
    assert statuses.count(Status.HELD) == PLACES
    assert statuses.count(Status.WAITING) == PROCESSES * THREADS * EACH - PLACES
    assert Registration.objects.taking_places(timezone.now()).count() == PLACES
