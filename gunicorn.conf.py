"""gunicorn reads this file from the folder it starts in, before it starts any worker."""

import os

from diaspora_site.startup import read_settings_or_exit

# Settings that refuse (no DJANGO_SECRET_KEY in production) stop the server here, with their
# one line, rather than in every worker it would start.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diaspora_site.settings")
read_settings_or_exit()
