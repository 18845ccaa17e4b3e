"""gunicorn reads this file from the folder it starts in, before it starts any worker: the
same settings for every start (deploy/'s unit, `make stack`, a start by hand); the command
line's options win over it (the benchmark's fixed two workers)."""

import multiprocessing
import os

from diaspora_site.startup import read_settings_or_exit

# Settings that refuse (no DJANGO_SECRET_KEY in production) stop the server here, with their
# one line, rather than in every worker it would start.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diaspora_site.settings")
read_settings_or_exit()

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, as gunicorn advises for an application behind a buffering proxy (nginx):
# two per core and one more, each with a few threads for the requests that wait on the
# database rather than the processor.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
# A request still running after this long is stopped and its worker replaced; uploads and
# imports hand their work to the queue long before it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# Each worker is replaced after about this many requests, so that memory a rare large page
# took goes back to the machine; the jitter keeps workers from restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = max_requests // 10
# The request log is the site's own (one JSON line a request, diaspora_site.logs); gunicorn
# logs only its own events.
errorlog = "-"
# Only the front server on this machine may say which scheme a request came by.
forwarded_allow_ips = "127.0.0.1"
