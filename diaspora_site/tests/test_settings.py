"""Settings come from the environment, and production refuses unsafe defaults."""

import os
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
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


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


def test_local_defaults_are_safe_to_run_without_any_variable():
    result = run_with({}, "(settings.DEBUG, settings.ALLOWED_HOSTS, settings.TIME_ZONE)")
    assert result.stdout.strip() == "(True, ['127.0.0.1', 'localhost', '[::1]'], 'Asia/Baku')"


def test_uploads_can_go_to_another_storage_by_settings_alone():
    result = run_with(
        {
            "MEDIA_STORAGE_BACKEND": "django.core.files.storage.InMemoryStorage",
            "MEDIA_STORAGE_OPTIONS": '{"base_url": "https://cdn.example.org/uploads/"}',
        },
        "__import__('django.core.files.storage').core.files.storage.default_storage.url('a.jpg')",
    )
    assert result.stdout.strip() == "https://cdn.example.org/uploads/a.jpg", result.stderr


def test_storage_options_that_are_not_json_are_named():
    result = run_with(
        {
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
