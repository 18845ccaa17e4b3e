"""deploy/'s files, written for an installation, are what nginx, systemd and gunicorn accept;
and nginx's limits and paths are the settings' own."""

import io
import json
import os
import shutil
import subprocess
import sys

import pytest
from django.core.management import call_command

from diaspora_site.deploying import largest_upload

needs = pytest.mark.skipif(
    not (shutil.which("nginx") and shutil.which("systemd-analyze") and shutil.which("openssl")),
    reason="Debian's nginx, systemd and openssl (make test installs nginx)",
)


@pytest.fixture
def written(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.STATIC_ROOT = tmp_path / "static"
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    call_command(
        "deploy_config",
        "--to",
        str(tmp_path / "conf"),
        "--server-name",
        "diaspora.example.org",
        "--certificate",
        str(cert),
        "--certificate-key",
        str(key),
        "--stack",
        str(tmp_path / "prefix"),
        "--nginx-user",
        "www-data" if os.geteuid() == 0 else "",
        "--https-port",
        "8443",
        stdout=io.StringIO(),
    )
    return tmp_path


@needs
def test_nginx_accepts_the_site(written):
    result = subprocess.run(
        [
            "nginx",
            "-t",
            "-p",
            str(written / "prefix"),
            "-c",
            str(written / "conf/nginx.conf"),
            "-e",
            str(written / "prefix/error.log"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "[warn]" not in result.stderr, result.stderr
    site = (written / "conf" / "nginx-site.conf").read_text()
    assert f"client_max_body_size {largest_upload()};" in site
    assert f"alias {written / 'uploads'}/renditions/;" in site
    assert "listen 8443 ssl http2;" in site
    assert "return 301 https://$host:8443$request_uri;" in site
    # The error pages nginx sends while the application is down say they are UTF-8.
    assert "alias " + str(written / "conf" / "errors") + "/;\n        charset utf-8;" in site


@needs
def test_systemd_accepts_the_units_without_a_warning(written):
    units = sorted((written / "conf" / "systemd").glob("*.service"))
    # A template is checked as the instance systemctl would start.
    worker = written / "conf" / "systemd" / "diaspora-worker@1.service"
    worker.write_text((written / "conf" / "systemd" / "diaspora-worker@.service").read_text())
    units = [unit for unit in units if not unit.name.endswith("@.service")] + [worker]
    assert len(units) == 3
    result = subprocess.run(
        ["systemd-analyze", "verify", *map(str, units)], capture_output=True, text=True
    )
    assert (result.returncode, result.stderr) == (0, "")
    for unit in units:
        text = unit.read_text()
        assert "NoNewPrivileges=yes" in text
        assert "ProtectSystem=strict" in text
        assert "Restart=always" in text
        assert "\nUser=diaspora\n" in text


def test_gunicorn_accepts_its_configuration():
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", "diaspora_site.wsgi"],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_DEBUG": "1"},
    )
    assert result.returncode == 0, result.stderr


def test_the_error_pages_nginx_sends_are_the_sites_own_in_each_language(written):
    pages = written / "conf" / "errors"
    assert sorted(path.name for path in pages.iterdir()) == [
        f"{code}-{language}.html" for code in (404, 503) for language in ("az", "en", "ru")
    ] + ["503.problem.json"]
    problem = json.loads((pages / "503.problem.json").read_text())
    assert (problem["status"], problem["title"]) == (503, "Service Unavailable")
    assert '<html lang="ru">' in (pages / "503-ru.html").read_text()
    assert "Səhifə tapılmadı" in (pages / "404-az.html").read_text()
