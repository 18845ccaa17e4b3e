"""Settings for diaspora_site, read from the environment with defaults that close doors.

See `deploy/diaspora.env` for every variable. Any start without the environment is production:
debug off, no host allowed, and no secret key but the one given in `DJANGO_SECRET_KEY` (without
it nothing starts). A developer asks for debug with `DJANGO_DEBUG=1`, as the Makefile's
development targets and the test settings do: the site then runs on an SQLite file in `var/`,
signed with a random key made once into `var/secret-key`.
"""

import datetime
import json
import os
import secrets
from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from . import logs

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)


def development_secret_key(path):
    """The key a developer's machine signs with: random, made once into `path` (readable by
    its owner alone) and reused, so that sessions outlive a restart and no process ever signs
    with a key that anyone can read in the repository."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(secrets.token_urlsafe(50))
    try:
        # Whole or not at all, and the first of several processes starting at once wins.
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return path.read_text().strip()


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        # manage.py, wsgi.py and gunicorn.conf.py print this one line and stop
        # (diaspora_site/startup.py).
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set: production needs a long random key of its own "
            "(or DJANGO_DEBUG=1 on a developer's machine)."
        )
    SECRET_KEY = development_secret_key(VAR_DIR / "secret-key")

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before it.
    "modeltranslation",
    "diaspora_site.apps.StaffAdminConfig",  # django.contrib.admin with the staff's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "django_prose_editor",
    "phonenumber_field",
    "simple_history",
    "sorl.thumbnail",
    "csp",
    "diaspora_site.apps.SignInProtectionConfig",  # axes, named in the staff's languages
    "django_otp",
    "diaspora_site.apps.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp
    "django_tasks",
    "diaspora_site.apps.TaskQueueConfig",  # django_tasks_db
    # The project's layers, bottom first: each imports only from the ones before it here
    # (diaspora_site/tests/test_layout.py reads the imports).
    "search",
    "countries",
    "jobs",
    "charts",
    "scopes",
    "imports",
    "publishing",
    "records",
    "media",
    "organisations",
    "events",
    "registrations",
    "awards",
    "nominations",
    "dashboard",
    "privacy",
    "backups",
    "demo",
    "bench",
    "diaspora_site",
    "api",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "health_check",
    "django_structlog",
    # Last, as its documentation asks: removes a file from storage once the record that held
    # it is deleted or given another file, after the transaction commits.
    "django_cleanup.apps.CleanupConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "diaspora_site.security.ClientAddressMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before CommonMiddleware, as django-cors-headers asks; it answers only under /api/.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_structlog.middlewares.RequestMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "diaspora_site.urls"
WSGI_APPLICATION = "diaspora_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Ahead of the apps' templates, so that the project can refine the admin's.
        "DIRS": [BASE_DIR / "diaspora_site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    # The embedded default: an SQLite file in var/, which git ignores.
    VAR_DIR.mkdir(exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
    )
}
# How long a write waits for SQLite's write lock, in seconds, before it fails with "database
# is locked". Imports and undos hold it for one transaction of 100 rows at a time (about
# 0.05 s, `imports.batches.WRITE_BATCH_SIZE`), so a wait this long means something is wrong.
SQLITE_BUSY_TIMEOUT = int(os.environ.get("SQLITE_BUSY_TIMEOUT", "60"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Made for many writers at once, with Django's own options (5.1+): every transaction
    # takes the write lock when it begins, so that two writers queue for it rather than one
    # failing when it upgrades a read lock; it waits for the lock; the write-ahead log lets
    # pages be read while an import writes, with the `synchronous` SQLite advises for it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=SQLITE_BUSY_TIMEOUT,
        init_command="PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL",
    )
    # The same backend, with what no option gives (see the module): bulk queries as large
    # as SQLite allows, and a job that lets waiting editors' saves go first.
    DATABASES["default"]["ENGINE"] = "diaspora_site.sqlite"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the fallback for content that has not been translated yet.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("az", _("Azerbaijani")),
    ("en", _("English")),
    ("ru", _("Russian")),
]
# The project's catalogue, then the country names django-countries lacks in Azerbaijani
# (countries/names.py writes them).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "countries"]
# Day-first dates in English too (see diaspora_site/formats/en/formats.py).
FORMAT_MODULE_PATH = ["diaspora_site.formats"]
USE_I18N = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

TIME_ZONE = "Asia/Baku"
USE_TZ = True

# Files a browser asks for at the root of the site (favicon.ico, apple-touch-icon.png), served
# as static files are.
WHITENOISE_ROOT = BASE_DIR / "diaspora_site" / "root"
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
if DEBUG:
    # WhiteNoise serves from the finders locally but warns while this folder is missing.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "uploads/"
# Behind nginx (deploy/): the internal location from which nginx sends an upload that Django
# allowed (X-Accel-Redirect), e.g. /_uploads/. Empty: Django sends the file itself.
MEDIA_ACCEL_REDIRECT = os.environ.get("MEDIA_ACCEL_REDIRECT", "")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "uploads"))
# Files no address serves, read through views that check who asks (a nomination's
# documents); outside MEDIA_ROOT, which the front server publishes.
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", VAR_DIR / "private"))
# On this machine's disk, each file whole or not at all: a disk that fills mid-upload leaves
# no half photo behind (diaspora_site.storage).
STORAGES = {
    "default": {"BACKEND": "diaspora_site.storage.WholeFileStorage"},
    "imports": {
        "BACKEND": "diaspora_site.storage.WholeFileStorage",
        "OPTIONS": {
            "location": Path(os.environ.get("IMPORTS_ROOT", VAR_DIR / "imports")),
        },
    },
    # Never under MEDIA_ROOT, which the front server publishes: a nomination's documents.
    "private": {"BACKEND": "diaspora_site.storage.PrivateStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads on another storage by settings alone, e.g. an S3-compatible one through
# django-storages (requirements-s3.txt): MEDIA_STORAGE_BACKEND=storages.backends.s3.S3Storage
# and MEDIA_STORAGE_OPTIONS='{"bucket_name": "diaspora-uploads", "endpoint_url": "..."}'.
if os.environ.get("MEDIA_STORAGE_BACKEND"):
    try:
        media_storage_options = json.loads(os.environ.get("MEDIA_STORAGE_OPTIONS") or "{}")
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(f"MEDIA_STORAGE_OPTIONS is not valid JSON: {error}") from None
    STORAGES["default"] = {
        "BACKEND": os.environ["MEDIA_STORAGE_BACKEND"],
        "OPTIONS": media_storage_options,
    }

# Links typed without a scheme are read as https://, as Django 6 will do.
FORMS_URLFIELD_ASSUME_HTTPS = True

# Phone numbers are stored in international form; with no default region, staff type the
# country code (+994 ...), since contacts come from every country.
PHONENUMBER_DEFAULT_REGION = None
PHONENUMBER_DB_FORMAT = "E164"
PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"


# Spreadsheet imports: limits, and where uploads wait between preview and confirmation
# (never in the public uploads folder: they hold personal data).
IMPORTS_MAX_FILE_SIZE = int(os.environ.get("IMPORTS_MAX_FILE_SIZE", 20 * 1024 * 1024))
IMPORTS_MAX_ROWS = int(os.environ.get("IMPORTS_MAX_ROWS", 100_000))
IMPORTS_MAX_UNPACKED_SIZE = int(os.environ.get("IMPORTS_MAX_UNPACKED_SIZE", 200 * 1024 * 1024))
IMPORTS_PREVIEW_ROWS_PER_PAGE = 50
# An upload waits this long for its import to be confirmed (or run again) before it is
# removed (`manage.py prune_imports`, also run by each import job).
IMPORTS_KEEP_DAYS = int(os.environ.get("IMPORTS_KEEP_DAYS", 7))
# Exports of more records than this run as jobs (undos do when they touch more than a batch).
IMPORTS_INLINE_ROWS = int(os.environ.get("IMPORTS_INLINE_ROWS", 5_000))

# How far back the calendar feed (events/calendar.ics) reaches; the site keeps every event.
EVENTS_CALENDAR_PAST_DAYS = int(os.environ.get("EVENTS_CALENDAR_PAST_DAYS", 365))
# ...and at most this many events: a feed that calendar programs can still read in full.
EVENTS_CALENDAR_LIMIT = int(os.environ.get("EVENTS_CALENDAR_LIMIT", 500))

# The benchmark's floor view (`manage.py bench`); never on in production.
BENCH_FLOOR = env_bool("DIASPORA_BENCH_FLOOR", False)

# Photo uploads: the formats accepted (detected from the content, not the name), and the
# limits checked before a photo is decoded.
MEDIA_IMAGE_FORMATS = env_list("MEDIA_IMAGE_FORMATS", ["JPEG", "PNG", "WEBP", "GIF"])
MEDIA_MAX_IMAGE_SIZE = int(os.environ.get("MEDIA_MAX_IMAGE_SIZE", 20 * 1024 * 1024))
MEDIA_MAX_IMAGE_PIXELS = int(os.environ.get("MEDIA_MAX_IMAGE_PIXELS", 50_000_000))
MEDIA_MAX_FILES_PER_UPLOAD = 100
# Django's own cap on files per request answers "400 Bad Request"; above the upload form's
# limit, so that whoever chooses too many is told the limit instead.
DATA_UPLOAD_MAX_NUMBER_FILES = 1000
MEDIA_MAX_VIDEO_SIZE = int(os.environ.get("MEDIA_MAX_VIDEO_SIZE", 500 * 1024 * 1024))
MEDIA_MAX_DOCUMENT_SIZE = int(os.environ.get("MEDIA_MAX_DOCUMENT_SIZE", 20 * 1024 * 1024))

# Renditions of photos (sorl-thumbnail): made on first use, kept in storage next to the
# originals, and found again through the cache (the database behind it), so a page of photos
# costs no query per photo once its renditions exist. WebP keeps them small; never upscaled.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Where each rendition is (a few hundred bytes each): large enough for every photo's,
    # so that a page of photos is never culled back to database lookups.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "OPTIONS": {"MAX_ENTRIES": 200_000},
    },
    # Rendered public pages (publishing.cache), in each process's memory.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 2_000},
    },
    # The public content's version (publishing.cache): one small file every server process
    # reads, so that a change made in one shows at once in all of them.
    "content_version": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("CONTENT_VERSION_CACHE_DIR", str(VAR_DIR / "content-version")),
    },
    # How many requests each client address made to the API lately: shared by every process.
    "api_throttle": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("API_THROTTLE_CACHE_DIR", str(VAR_DIR / "api-throttle")),
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
    # A running job's progress, heartbeat and cancel request (jobs.progress): shared by the
    # worker and the web server, so files on this machine.
    "jobs": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("JOBS_CACHE_DIR", str(VAR_DIR / "jobs")),
        # Never culled while jobs run: a running job's heartbeat must not be dropped.
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    },
}

# Work that outlasts a page view (imports, large exports and undos, renditions) goes to a
# task queue through django-tasks, Django 6's tasks API. By default the queue is a table of
# this database and `manage.py db_worker` runs it (`make run` starts one). With REDIS_URL,
# tasks go to RQ on Redis (`manage.py rqworker --job-class django_tasks_rq.Job`, as many as
# wanted, on any machine), and the same Redis becomes the cache every process shares.
REDIS_URL = os.environ.get("REDIS_URL", "")
# A job whose worker has not been heard of for this long is shown as interrupted.
JOBS_HEARTBEAT_SECONDS = float(os.environ.get("JOBS_HEARTBEAT_SECONDS", 5))
JOBS_HEARTBEAT_TIMEOUT = float(os.environ.get("JOBS_HEARTBEAT_TIMEOUT", 30))
# /readyz fails once the oldest job waiting for a worker has waited this long (seconds): the
# workers are down or far behind.
JOBS_READY_WAIT_SECONDS = int(os.environ.get("JOBS_READY_WAIT_SECONDS", "300"))
# Each job runs in a process of its own, forked by the worker and gone when the job ends, so
# that the memory a large import takes is given back (`jobs.running.run`).
JOBS_IN_CHILD_PROCESS = env_bool("JOBS_IN_CHILD_PROCESS", True)
# The longest a job may run on RQ before its worker stops it.
JOBS_TIMEOUT = int(os.environ.get("JOBS_TIMEOUT", 3 * 3600))
RQ_QUEUES = {
    "default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": JOBS_TIMEOUT}
}
if REDIS_URL:
    INSTALLED_APPS.insert(INSTALLED_APPS.index("diaspora_site.apps.TaskQueueConfig"), "django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    for alias, cache in CACHES.items():
        cache.clear()
        cache.update(
            # Redis away: pages made afresh instead of failing (diaspora_site.redis_cache).
            BACKEND="diaspora_site.redis_cache.TolerantRedisCache",
            LOCATION=REDIS_URL,
            KEY_PREFIX=alias,
            OPTIONS={"socket_connect_timeout": 1, "socket_timeout": 2},
        )
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# What runs on a schedule: each a management command, at a cron time in TIME_ZONE, handed to
# the task queue by `manage.py scheduler` (one process beside the workers; the Procfile and
# deploy/ start it). A run missed while no scheduler ran runs once when one starts again; two
# schedulers never queue the same run twice (jobs.scheduling).
PERIODIC_JOBS = {
    # The database and the uploads, read back before older archives go (BACKUPS_KEEP_*).
    "backup": {"cron": "30 3 * * *", "command": ["backup", "--nightly"]},
    # What an import stopped with its worker had written, once its heartbeat is missed.
    "interrupted_imports": {"cron": "* * * * *", "command": ["prune_imports", "--interrupted"]},
    # Uploads waiting for confirmation and exports, after IMPORTS_KEEP_DAYS.
    "prune_imports": {"cron": "15 4 * * *", "command": ["prune_imports"]},
    "clear_sessions": {"cron": "25 4 * * *", "command": ["clearsessions"]},
    # Expired lockouts and the login log after LOGIN_LOG_KEEP_DAYS: addresses are personal data.
    "prune_lockouts": {"cron": "35 4 * * *", "command": ["prune_lockouts"]},
    # Review notices the mail server did not take.
    "send_notices": {"cron": "*/10 * * * *", "command": ["send_notices"]},
    # Places held for unconfirmed registrations and offers not taken, freed for the waiting
    # list; registrants' e-mails the mail server did not take.
    "release_registrations": {"cron": "*/5 * * * *", "command": ["release_registrations"]},
    # Declined nominations past NOMINATIONS_KEEP_DECLINED_MONTHS, erased.
    "erase_declined_nominations": {
        "cron": "45 4 * * *",
        "command": ["erase_declined_nominations"],
    },
}
# Registrations one client address may send in an hour (the public form's throttle).
REGISTRATIONS_PER_HOUR = int(os.environ.get("REGISTRATIONS_PER_HOUR", 10))
# A person takes a few seconds to fill the registration form in: one sent faster is a robot's.
REGISTRATIONS_FASTEST_SECONDS = int(os.environ.get("REGISTRATIONS_FASTEST_SECONDS", 3))
# Months after its event a registration keeps the person's name, address and answers; then
# only its status and country stay, for the figures (registrations.services).
REGISTRATIONS_KEEP_MONTHS = int(os.environ.get("REGISTRATIONS_KEEP_MONTHS", 12))
# Months a declined nomination is kept after the decision; then it is erased with its steps,
# scores and conflicts (nominations.services).
NOMINATIONS_KEEP_DECLINED_MONTHS = int(os.environ.get("NOMINATIONS_KEEP_DECLINED_MONTHS", 24))
# How often the scheduler looks at the clock (seconds).
SCHEDULER_TICK_SECONDS = float(os.environ.get("SCHEDULER_TICK_SECONDS", 20))

# Nightly backups (`manage.py backup --nightly`): written here, then one a day kept for the
# last BACKUPS_KEEP_DAILY days and one a week for the last BACKUPS_KEEP_WEEKLY weeks. Copy
# this folder off the machine (README, "Deploying").
BACKUPS_DIR = Path(os.environ.get("BACKUPS_DIR", VAR_DIR / "backups"))
BACKUPS_KEEP_DAILY = int(os.environ.get("BACKUPS_KEEP_DAILY", 7))
BACKUPS_KEEP_WEEKLY = int(os.environ.get("BACKUPS_KEEP_WEEKLY", 4))

THUMBNAIL_BACKEND = "media.thumbnails.Backend"
THUMBNAIL_KVSTORE = "media.thumbnails.KVStore"
THUMBNAIL_CACHE = "renditions"
THUMBNAIL_PREFIX = "renditions/"
THUMBNAIL_FORMAT = "WEBP"
THUMBNAIL_QUALITY = 80
THUMBNAIL_UPSCALE = False
THUMBNAIL_PRESERVE_FORMAT = False

# Public pages are kept for this long, or until the content changes (publishing.cache);
# 0 turns the cache off.
# Backups' JSON keeps times to the microsecond (Django's own cuts them to the millisecond).
SERIALIZATION_MODULES = {"backup-json": "backups.serializer"}

PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", 600))

# The public read API (api/): anonymous and read-only, JSON only, each client address
# (diaspora_site.security.client_address) limited to API_THROTTLE_RATE requests (answered 429
# with Retry-After beyond it).
API_THROTTLE_RATE = os.environ.get("API_THROTTLE_RATE", "600/minute")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientAddressThrottle"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiSchema",
    "DEFAULT_FILTER_BACKENDS": ["api.filters.ApiFilterBackend"],
    "EXCEPTION_HANDLER": "api.problems.problem",
    # "format" is an events filter (online, in person, hybrid), not the answer's format.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Azerbaijani Diaspora: public API",
    "DESCRIPTION": "Published events, organisations, medals, conferments and people, read-only.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.link_lists_to_records",
    ],
}
# Any site may read the API from its pages' scripts, and do nothing else.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
# Addresses per sitemap page: each page of a section stays well under the protocol's limits
# (50,000 addresses, 50 MB): an address with its three alternates is about 550 bytes, so a
# page is 5.5 MB, rendered in about 2 s after each change (30,000: 16.5 MB and 5.5 s).
SITEMAP_URLS_PER_PAGE = int(os.environ.get("SITEMAP_URLS_PER_PAGE", 10000))
# The apps whose records the public pages show: a change to any of them renews the pages.
PUBLIC_CONTENT_APPS = ["media", "organisations", "events", "awards"]

# The credit a photo is given when staff leave it unchanged, in each language.
DIASPORA_DEFAULT_PHOTO_CREDIT = os.environ.get(
    "DIASPORA_DEFAULT_PHOTO_CREDIT", "Photo: State Committee for Work with Diaspora"
)
DIASPORA_DEFAULT_PHOTO_CREDIT_AZ = os.environ.get(
    "DIASPORA_DEFAULT_PHOTO_CREDIT_AZ", "Foto: Diaspora ilə İş üzrə Dövlət Komitəsi"
)
DIASPORA_DEFAULT_PHOTO_CREDIT_RU = os.environ.get(
    "DIASPORA_DEFAULT_PHOTO_CREDIT_RU", "Фото: Государственный комитет по работе с диаспорой"
)

# The reverse proxies in front of the site, counted from the server outwards: the one fact
# from which the client's address (X-Forwarded-For, read by diaspora_site.security for the
# login lockout and the API's throttle) and the scheme (X-Forwarded-Proto) are believed. With
# 0, the default, neither header is believed: a client could write anything in them.
for _replaced in ("DJANGO_PROXY_COUNT", "API_PROXIES"):
    if os.environ.get(_replaced):
        raise ImproperlyConfigured(
            f"{_replaced} was replaced by DJANGO_TRUSTED_PROXIES (the number of reverse "
            "proxies in front of the site): set that one instead."
        )
_trusted_proxies = os.environ.get("DJANGO_TRUSTED_PROXIES", "").strip() or "0"
if not _trusted_proxies.isdigit():
    raise ImproperlyConfigured(
        "DJANGO_TRUSTED_PROXIES must be the number of reverse proxies in front of the site "
        "(0 when clients connect to it directly)."
    )
TRUSTED_PROXIES = int(_trusted_proxies)
if TRUSTED_PROXIES:
    # The proxy ends HTTPS and says so; it sets the header itself, whatever a client sent.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Production: HTTPS only, with secure cookies; locally (DEBUG on) everything is plain HTTP.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", True)
    # A load balancer or monitor asks these over plain HTTP, inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 365 * 24 * 3600))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
# A form sent without its token is told what to do in the site's layout and language.
CSRF_FAILURE_VIEW = "diaspora_site.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): scripts, styles, images and fonts from this site
# only; frames from the two video hosts' privacy-enhanced players, and only once a visitor
# clicks play. Inline styles stay allowed: Django's admin writes style attributes. The one
# inline script, the import map of the admin's text editor, carries the page's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", *env_list("CSP_MEDIA_ORIGINS", [])],
        "media-src": [SELF, *env_list("CSP_MEDIA_ORIGINS", [])],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Passwords: Argon2 first; the others only read hashes made before it.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Logins (django-axes): five failures for one username from one address lock that pair out
# for an hour, with the same answer whether the username exists or not. The address is the
# client's as DJANGO_TRUSTED_PROXIES says to read it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# A second factor for staff: the code of an authenticator app (django-otp, TOTP), asked at
# the admin's login when this is on. Give staff their devices first (Admin › TOTP devices,
# which shows each one's QR code), then turn it on.
STAFF_OTP_REQUIRED = env_bool("DJANGO_STAFF_OTP_REQUIRED", False)
OTP_TOTP_ISSUER = "Diaspora records"

AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = datetime.timedelta(hours=1)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "diaspora_site.security.locked_out"
AXES_CLIENT_IP_CALLABLE = "diaspora_site.security.client_address"
AXES_VERBOSE = False
# The log of logins (who, from which address, when) is kept this long (`prune_lockouts`).
LOGIN_LOG_KEEP_DAYS = int(os.environ.get("LOGIN_LOG_KEEP_DAYS", 90))

# Errors (with their request, never its personal data) to Sentry or a compatible tracker
# when SENTRY_DSN is set; its SDK is an optional dependency (requirements-sentry.txt).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    try:
        import sentry_sdk
    except ImportError:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set, but the error tracker's SDK is not installed: "
            "pip install -r requirements-sentry.txt"
        ) from None
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=0,
    )

# Logs: one JSON line an event on standard output, for whatever collects them. A request is
# one line (django-structlog's request_finished) with its id (X-Request-ID from the front
# server when it sends one), the user's id, the client's address as security.client_address
# reads it, the status and the time taken (diaspora_site.logs).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "structlog.stdlib.ProcessorFormatter",
            "processors": "ext://diaspora_site.logs.FORMATTER_PROCESSORS",
            "foreign_pre_chain": "ext://diaspora_site.logs.SHARED_PROCESSORS",
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # django-axes logs every successful login's reset at INFO; lockouts are warnings.
        "axes": {"level": "WARNING"},
        # Django's own handlers of these print plain text in debug: one JSON line instead.
        "django": {"handlers": [], "level": "INFO"},
        "django.server": {"handlers": [], "level": "INFO"},
    },
}
DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False  # ipware would believe any X-Forwarded-For
# The front server's request id, only from a proxy the site trusts.
DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID = bool(TRUSTED_PROXIES)
DJANGO_STRUCTLOG_STATUS_START_LOG_LEVEL = 10  # DEBUG: a request is its finished line
logs.configure()

# E-mail: Publishers are told what waits for their review. Printed to the console unless
# EMAIL_URL says where to send it, in dj-email-url's form: submission://user:password@host:587
# (STARTTLS), smtp://user:password@host:465?ssl=True (SSL), smtp://host:25 (a relay on this
# network, no password). SITE_URL makes the links in it.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "diaspora-records@localhost")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
if os.environ.get("EMAIL_HOST"):
    raise ImproperlyConfigured(
        "EMAIL_HOST and the other EMAIL_ variables are replaced by one EMAIL_URL, such as "
        "submission://user:password@host:587."
    )
if _email_url := os.environ.get("EMAIL_URL", "").strip():
    if not _email_url.startswith(("smtp://", "submission://")):
        raise ImproperlyConfigured(
            "EMAIL_URL must start with submission:// (STARTTLS) or smtp:// (add ?ssl=True for "
            "SSL, as on port 465)."
        )
    _email = dj_email_url.parse(_email_url)
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST, EMAIL_PORT = _email["EMAIL_HOST"], _email["EMAIL_PORT"]
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
    EMAIL_USE_TLS, EMAIL_USE_SSL = _email["EMAIL_USE_TLS"], _email["EMAIL_USE_SSL"]
    EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"] or 30
    if EMAIL_HOST_PASSWORD and not (EMAIL_USE_TLS or EMAIL_USE_SSL):
        raise ImproperlyConfigured(
            "EMAIL_URL would send its password unencrypted: use submission:// (STARTTLS) or "
            "add ?ssl=True or ?tls=True."
        )
