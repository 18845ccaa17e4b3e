"""The settings of the test suite: the project's own, with the small app the spreadsheet
engine's tests import into (imports/tests/engine), which production never installs."""

import os

# The suite is a developer's run: debug settings and the key kept in var/, passed on to the
# worker processes and servers the tests start (any other start is production).
os.environ.setdefault("DJANGO_DEBUG", "1")

from .settings import *  # noqa: E402, F403

INSTALLED_APPS = [*INSTALLED_APPS, "imports.tests.engine"]  # noqa: F405

# Jobs run inside the request that starts them, through django-tasks' own immediate backend,
# so that a test follows an upload to its preview as staff do; the tests of the queue itself
# (jobs/tests) run the database and RQ backends with real worker processes.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Run inside the test's own transaction, which a forked process could not see; the worker
# processes the queue's tests start fork for each job, as production does.
JOBS_IN_CHILD_PROCESS = False

if DATABASES["default"]["ENGINE"] == "diaspora_site.sqlite":  # noqa: F405
    # A file rather than memory, so that the worker processes the queue's tests start can
    # open the same test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
