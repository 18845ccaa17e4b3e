"""The configuration files of deploy/, written for one installation from the settings it
runs with, so that nginx's paths and limits cannot drift from Django's."""

import json
import math
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from .problems import problem_body

DEPLOY = Path(settings.BASE_DIR) / "deploy"
# Where nginx sends the uploads Django allowed (X-Accel-Redirect); the environment file sets
# MEDIA_ACCEL_REDIRECT to the same.
ACCEL_LOCATION = "/_uploads/"
ERROR_PAGES = {404: "404.html", 503: "500.html"}
API_UNAVAILABLE = "503.problem.json"
# What a client of the API sent the problem above is told to wait, in seconds.
API_RETRY_AFTER = 30


def largest_upload():
    """The largest body one request may send: the largest single file the site accepts, and
    room for the rest of the form."""
    largest = max(
        settings.MEDIA_MAX_VIDEO_SIZE,
        settings.MEDIA_MAX_DOCUMENT_SIZE,
        settings.MEDIA_MAX_IMAGE_SIZE,
        settings.IMPORTS_MAX_FILE_SIZE,
    )
    return f"{math.ceil(largest / 2**20) + 1}m"


def write_deploy_config(
    folder,
    *,
    server_name,
    certificate,
    certificate_key,
    upstream="127.0.0.1:8000",
    https_port=443,
    http_port=80,
    user="diaspora",
    env_file="/etc/diaspora.env",
    stack_prefix=None,
    nginx_user="",
):
    """Write the nginx site, the systemd units and the error pages nginx sends into `folder`;
    with `stack_prefix`, also nginx's main configuration for an nginx of its own there (its
    workers as `nginx_user` when it starts as root). Returns the paths written."""
    folder = Path(folder)
    (folder / "systemd").mkdir(parents=True, exist_ok=True)
    engine = Engine(dirs=[str(DEPLOY)], autoescape=False)
    values = {
        "server_name": server_name,
        "certificate": certificate,
        "certificate_key": certificate_key,
        "upstream": upstream,
        "https_port": https_port,
        "http_port": http_port,
        "https_port_suffix": "" if int(https_port) == 443 else f":{https_port}",
        "ipv6": stack_prefix is None,
        "acme_root": "/var/www/html",
        "max_body_size": largest_upload(),
        "static_root": Path(settings.STATIC_ROOT),
        "media_root": Path(settings.MEDIA_ROOT),
        "accel_location": ACCEL_LOCATION,
        "error_pages": folder / "errors",
        "api_unavailable": API_UNAVAILABLE,
        "api_retry_after": API_RETRY_AFTER,
        "read_timeout": 75,
        "user": user,
        "project": Path(settings.BASE_DIR),
        "env_file": env_file,
        "worker_command": (
            "rqworker --job-class django_tasks_rq.Job default"
            if settings.REDIS_URL
            else "db_worker --no-reload"
        ),
        "writable": sorted(
            {
                str(path)
                for path in (
                    Path(settings.BASE_DIR) / "var",
                    settings.MEDIA_ROOT,
                    settings.STORAGES["imports"]["OPTIONS"]["location"],
                    settings.BACKUPS_DIR,
                )
            }
        ),
    }
    written = []

    def write(template, path, extra=None):
        text = engine.get_template(template).render(Context({**values, **(extra or {})}))
        path.write_text(text)
        written.append(path)

    write("nginx/site.conf", folder / "nginx-site.conf")
    if stack_prefix is not None:
        write(
            "nginx/stack.conf",
            folder / "nginx.conf",
            {"prefix": stack_prefix, "site": folder / "nginx-site.conf", "user": nginx_user},
        )
        for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (Path(stack_prefix) / "nginx-temp" / temp).mkdir(parents=True, exist_ok=True)
    for unit in ("diaspora-web.service", "diaspora-worker@.service", "diaspora-scheduler.service"):
        write(f"systemd/{unit}", folder / "systemd" / unit)
    written += write_error_pages(folder / "errors")
    return written


def write_error_pages(folder):
    """The site's 404 and 500 pages in each language, as files nginx sends when the
    application cannot (it is down or restarting: 503)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for code, template in ERROR_PAGES.items():
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                request = RequestFactory().get(f"/{language}/")
                request.LANGUAGE_CODE, request.user = language, AnonymousUser()
                page = render_to_string(template, request=request).encode()
            path = folder / f"{code}-{language}.html"
            path.write_bytes(page)
            written.append(path)
    # The API's clients read errors as problem details, not as a page.
    path = folder / API_UNAVAILABLE
    body = problem_body(503, detail="The site is restarting: ask again in a minute.")
    path.write_text(json.dumps(body))
    written.append(path)
    return written
