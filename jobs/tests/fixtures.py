"""Real worker processes on the test database, and a throw-away Redis for RQ's."""

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from bench.http import free_port


def database_url():
    """The test database, as a worker process reaches it."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    return "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
        **{key: database[key] or "" for key in ("USER", "PASSWORD", "HOST", "PORT", "NAME")}
    )


def wait_for(condition, timeout=120, interval=0.1):
    """Wait until `condition()` is true, and return what it returned."""
    until = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > until:
            raise AssertionError(f"still waiting after {timeout} s")
        time.sleep(interval)


class Workers:
    """Worker processes, started as the Procfile starts them, stopped after the test."""

    def __init__(self, environment):
        self.environment = environment
        self.processes = []

    def start(self, *arguments):
        process = subprocess.Popen(
            [sys.executable, "manage.py", *arguments],
            cwd=settings.BASE_DIR,
            env=self.environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.processes.append(process)
        return process

    def db_worker(self):
        return self.start("db_worker", "--no-reload", "--interval", "0.1", "--no-startup-delay")

    def run(self, *arguments, timeout=120):
        """Run a worker until it has nothing left to do (`--batch`, `--burst`)."""
        process = self.start(*arguments)
        _stdout, stderr = process.communicate(timeout=timeout)
        assert process.returncode == 0, stderr[-2000:]

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                process.wait()


@pytest.fixture
def workers(settings, tmp_path):
    """Workers sharing this test's database, uploads, and the jobs' progress folder."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "imports"},
        },
    }
    settings.CACHES = {
        **settings.CACHES,
        "jobs": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "jobs"),
        },
    }
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "diaspora_site.settings",
        "DATABASE_URL": database_url(),
        "IMPORTS_ROOT": str(tmp_path / "imports"),
        "JOBS_CACHE_DIR": str(tmp_path / "jobs"),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "JOBS_HEARTBEAT_SECONDS": "0.2",
    }
    environment.pop("REDIS_URL", None)
    running = Workers(environment)
    yield running
    running.stop()


@pytest.fixture
def redis_url(tmp_path):
    """A redis-server of the test's own on a free port, removed afterwards; or the one
    REDIS_TEST_URL names."""
    if os.environ.get("REDIS_TEST_URL"):
        yield os.environ["REDIS_TEST_URL"]
        return
    server = "/usr/bin/redis-server"
    if not os.path.exists(server):
        pytest.skip("Debian's redis-server is not installed (make test installs it)")
    port = free_port()
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        wait_for(lambda: _answers(port), timeout=10)
        yield url
    finally:
        process.terminate()
        process.wait()


def _answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as client:
            client.sendall(b"PING\r\n")
            return client.recv(16).startswith(b"+PONG")
    except OSError:
        return False
