"""WSGI entry point, for gunicorn or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

from diaspora_site.startup import read_settings_or_exit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diaspora_site.settings")
read_settings_or_exit()

application = get_wsgi_application()
