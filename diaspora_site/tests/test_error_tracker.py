"""With SENTRY_DSN set, an error logged anywhere (here a periodic job's) reaches the error
tracker; without its SDK installed, the start says what to install."""

import gzip
import http.server
import os
import subprocess
import sys
import threading

import pytest
from django.conf import settings


class Tracker(http.server.BaseHTTPRequestHandler):
    """The tracker's ingestion endpoint, as Sentry's protocol has it: envelopes POSTed."""

    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":  # the SDK's choice where brotli is installed
            import brotli

            body = brotli.decompress(body)
        Tracker.received.append((self.path, body.decode(errors="replace")))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def tracker():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Tracker)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Tracker.received = []
    yield f"http://public@127.0.0.1:{server.server_port}/7"
    server.shutdown()


def run(code, environment):
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_DEBUG": "1", **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_an_error_logged_reaches_the_tracker(tracker):
    code = (
        "import logging, sentry_sdk\n"
        "try:\n    1 / 0\n"
        "except ZeroDivisionError:\n"
        "    logging.getLogger('jobs.scheduling').exception('Periodic job backup failed')\n"
        "sentry_sdk.flush(10)\n"
    )
    result = run(code, {"SENTRY_DSN": tracker})
    assert result.returncode == 0, result.stderr
    paths = {path for path, _body in Tracker.received}
    assert paths == {"/api/7/envelope/"}
    envelope = "".join(body for _path, body in Tracker.received)
    assert "Periodic job backup failed" in envelope
    assert "ZeroDivisionError" in envelope


def test_a_dsn_without_the_sdk_stops_the_start_saying_what_to_install(tracker, tmp_path):
    # A folder first on the path where `import sentry_sdk` fails, as without the package.
    (tmp_path / "sentry_sdk.py").write_text("raise ImportError('not installed')\n")
    result = run("pass", {"SENTRY_DSN": tracker, "PYTHONPATH": str(tmp_path)})
    assert result.returncode != 0
    assert "pip install -r requirements-sentry.txt" in result.stderr
