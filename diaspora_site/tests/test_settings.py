"""Settings come from the environment, and production refuses unsafe defaults."""

import os
import stat
import subprocess
import sys

import pytest
from django.conf import settings

CHECK = "import django; django.setup(); from django.conf import settings; print({})"


def run_with(environment, expression):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    env.update(environment, DJANGO_SETTINGS_MODULE="diaspora_site.settings")
    return subprocess.run(
        [sys.executable, "-c", CHECK.format(expression)],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with({"DJANGO_DEBUG": "0"}, "settings.DEBUG")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_a_start_without_any_variable_is_production():
    result = run_with({"DJANGO_SECRET_KEY": "x" * 50}, "(settings.DEBUG, settings.ALLOWED_HOSTS)")
    assert result.stdout.strip() == "(False, [])", result.stderr


def test_settings_are_read_from_the_environment():
    result = run_with(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "diaspora.example.org, www.diaspora.example.org",
            "DATABASE_URL": "postgres://user:pw@db.example.org:5432/diaspora",
        },
        "(settings.DEBUG, settings.ALLOWED_HOSTS, settings.DATABASES['default']['HOST'])",
    )
    assert result.stdout.strip() == (
        "(False, ['diaspora.example.org', 'www.diaspora.example.org'], 'db.example.org')"
    ), result.stderr


def test_a_developer_asks_for_debug_and_gets_local_defaults():
    result = run_with(
        {"DJANGO_DEBUG": "1"}, "(settings.DEBUG, settings.ALLOWED_HOSTS, settings.TIME_ZONE)"
    )
    assert result.stdout.strip() == "(True, ['127.0.0.1', 'localhost', '[::1]'], 'Asia/Baku')"


def test_debug_signs_with_a_random_key_kept_in_var_for_its_owner_alone():
    first = run_with({"DJANGO_DEBUG": "1"}, "settings.SECRET_KEY")
    second = run_with({"DJANGO_DEBUG": "1"}, "settings.SECRET_KEY")
    key_file = settings.BASE_DIR / "var" / "secret-key"
    assert first.stdout.strip() == second.stdout.strip() == key_file.read_text().strip()
    assert len(first.stdout.strip()) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    tracked = subprocess.run(
        ["git", "grep", "--fixed-strings", "--files-with-matches", first.stdout.strip()],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert tracked.stdout == ""


def test_no_key_in_the_repository_signs_anything():
    """The settings module has no key of its own to fall back on, in any mode."""
    source = (settings.BASE_DIR / "diaspora_site" / "settings.py").read_text()
    assert "insecure" not in source
    assert (settings.BASE_DIR / "var" / "secret-key").read_text().strip() == settings.SECRET_KEY


def run_command(command, environment):
    return subprocess.run(
        command,
        env={"PATH": os.environ["PATH"], **environment},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
        check=False,
    )


SECRET_KEY_LINE = (
    "DJANGO_SECRET_KEY is not set: production needs a long random key of its own "
    "(or DJANGO_DEBUG=1 on a developer's machine).\n"
)


def test_manage_py_with_an_empty_environment_refuses_with_one_line():
    result = run_command([sys.executable, "manage.py", "check"], {})
    assert (result.returncode, result.stdout, result.stderr) == (4, "", SECRET_KEY_LINE)


def test_the_wsgi_server_with_an_empty_environment_refuses_with_one_line():
    """gunicorn as production starts it, with nothing set: it stops before any worker, with
    the one line, rather than restarting workers that print a traceback each."""
    result = run_command(
        [sys.executable, "-m", "gunicorn", "diaspora_site.wsgi", "--bind", "127.0.0.1:0"], {}
    )
    assert (result.returncode, result.stdout, result.stderr) == (4, "", SECRET_KEY_LINE)


def test_uploads_can_go_to_another_storage_by_settings_alone():
    result = run_with(
        {
            "DJANGO_DEBUG": "1",
            "MEDIA_STORAGE_BACKEND": "django.core.files.storage.InMemoryStorage",
            "MEDIA_STORAGE_OPTIONS": '{"base_url": "https://cdn.example.org/uploads/"}',
        },
        "__import__('django.core.files.storage').core.files.storage.default_storage.url('a.jpg')",
    )
    assert result.stdout.strip() == "https://cdn.example.org/uploads/a.jpg", result.stderr


def test_storage_options_that_are_not_json_are_named():
    result = run_with(
        {
            "DJANGO_DEBUG": "1",
            "MEDIA_STORAGE_BACKEND": "django.core.files.storage.InMemoryStorage",
            "MEDIA_STORAGE_OPTIONS": "bucket_name=diaspora",
        },
        "settings.STORAGES",
    )
    assert result.returncode != 0
    assert "MEDIA_STORAGE_OPTIONS is not valid JSON" in result.stderr


@pytest.mark.django_db
def test_the_benchmarks_floor_view_is_not_mounted_outside_the_benchmark(client):
    assert client.get("/en/bench/floor/").status_code == 404


EMAIL = "(settings.EMAIL_BACKEND.rsplit('.', 2)[1], settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD, settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL)"  # noqa: E501


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "submission://press%40example.org:p%2Fss@mail.example.org",
            "('smtp', 'mail.example.org', 587, 'press@example.org', 'p/ss', True, False)",
        ),
        (
            "smtp://press:secret@mail.example.org:465?ssl=True",
            "('smtp', 'mail.example.org', 465, 'press', 'secret', False, True)",
        ),
        ("smtp://relay.internal", "('smtp', 'relay.internal', 25, '', '', False, False)"),
    ],
)
def test_one_email_url_says_where_mail_goes(url, expected):
    result = run_with({"DJANGO_DEBUG": "1", "EMAIL_URL": url}, EMAIL)
    assert result.stdout.strip() == expected, result.stderr


def test_without_an_email_url_mail_goes_to_the_console():
    result = run_with({"DJANGO_DEBUG": "1"}, "settings.EMAIL_BACKEND")
    assert result.stdout.strip() == "django.core.mail.backends.console.EmailBackend"


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"EMAIL_URL": "smtp://press:secret@mail.example.org:587"}, "password unencrypted"),
        ({"EMAIL_URL": "http://mail.example.org"}, "EMAIL_URL must start with submission://"),
        ({"EMAIL_HOST": "mail.example.org"}, "replaced by one EMAIL_URL"),
    ],
)
def test_an_email_setting_that_would_fail_or_leak_stops_the_start(environment, message):
    result = run_with({"DJANGO_DEBUG": "1", **environment}, "settings.EMAIL_BACKEND")
    assert result.returncode != 0
    assert message in result.stderr


def test_the_example_environment_starts_once_given_a_key():
    example = (settings.BASE_DIR / "deploy" / "diaspora.env").read_text()
    environment = dict(
        line.split("=", 1) for line in example.splitlines() if line and not line.startswith("#")
    )
    environment["DJANGO_SECRET_KEY"] = "x" * 50
    result = run_with(environment, "(settings.DEBUG, settings.EMAIL_HOST, settings.EMAIL_USE_TLS)")
    assert result.stdout.strip() == "(False, 'mail.example.org', True)", result.stderr
