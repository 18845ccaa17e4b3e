"""Starting a process: settings that do not fit stop it with one line that names what to set."""

import sys

from django.core.exceptions import ImproperlyConfigured

# gunicorn's code for "the application cannot be loaded": its master then stops with the
# workers instead of starting them again and again.
CANNOT_LOAD = 4


def read_settings_or_exit():
    """Read the settings module now; if it refuses (no secret key in production, an option
    that is not valid), print its reason on one line and exit, rather than a traceback that
    an operator has to read to the bottom, or a server that keeps restarting its workers."""
    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # noqa: B018 - reading a setting imports the module
    except ImproperlyConfigured as error:
        sys.stderr.write(f"{error}\n")
        sys.stderr.flush()
        raise SystemExit(CANNOT_LOAD) from None
