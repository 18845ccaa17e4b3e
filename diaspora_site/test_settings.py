"""The settings of the test suite: the project's own, with the small app the spreadsheet
engine's tests import into (imports/tests/engine), which production never installs."""

from .settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "imports.tests.engine"]  # noqa: F405
