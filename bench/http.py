"""Public pages and the admin over HTTP, from gunicorn, against the floor view."""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time

from django.conf import settings


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with 2 workers on 127.0.0.1, with this process's settings (bin/bench sets
    DEBUG off and mounts the floor view); with `threads`, each serves that many requests at
    once."""

    def __init__(self, threads=1, access_log=None, env=None):
        self.port = free_port()
        self.env = {**os.environ, **(env or {})}
        self.threads = threads
        # gunicorn's own record of each request: method, path, status and the server's time
        # in microseconds, from the request read to the response sent.
        self.access_log = access_log
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "diaspora_site.wsgi",
                "--workers",
                "2",
                "--threads",
                str(self.threads),
                # Never replaced mid-measurement (gunicorn.conf.py recycles them in production).
                "--max-requests",
                "0",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                *(
                    [
                        "--access-logfile",
                        str(self.access_log),
                        "--access-logformat",
                        "%(m)s %(U)s %(s)s %(D)s",
                    ]
                    if self.access_log
                    else []
                ),
            ],
            cwd=settings.BASE_DIR,
            env=self.env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if fetch(self.port, "/en/bench/floor/")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer within 30 seconds")

    def __exit__(self, *exc):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)

    def server_ms(self, method, path):
        """The server's time of each `method` request to `path`, from the access log."""
        times = []
        for line in self.access_log.read_text().splitlines():
            parts = line.split()
            if parts[:2] == [method, path]:
                times.append(int(parts[3]) / 1000)
        return times


def fetch(port, path, headers=None):
    """(status, seconds, bytes) of one GET on a new connection, as gunicorn's sync workers
    close each one."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    seconds = time.perf_counter() - started
    connection.close()
    return response.status, seconds, len(body)


def sequential(port, pages, *, requests, headers=None):
    """Interleaved: each round asks every page once, so that drift hits them all alike.

    Returns {name: [seconds, ...]}; a page that does not answer 200 raises.
    """
    times = {name: [] for name in pages}
    for _round in range(requests):
        for name, path in pages.items():
            status, seconds, _size = fetch(port, path, headers)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            times[name].append(seconds)
    return times


def concurrent(port, path, *, connections, requests, headers=None):
    """Requests per second with `connections` clients asking at once."""
    per_client = max(1, requests // connections)
    failures = []

    def client():
        for _ in range(per_client):
            status, _seconds, _size = fetch(port, path, headers)
            if status != 200:
                failures.append(status)

    threads = [threading.Thread(target=client) for _ in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{path} answered {failures[0]} under load")
    return per_client * connections / elapsed


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(times):
    return {
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": percentile(times, 0.95) * 1000,
    }
