"""Locked down by default: production settings, headers, passwords and logins."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from diaspora_site.tests.test_settings import run_with

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k3Y-" + "production-secret-of-enough-length-and-variety-" * 2,
    "DJANGO_ALLOWED_HOSTS": "diaspora.example.org",
    "DATABASE_URL": "sqlite:////tmp/never-opened.sqlite3",
}
CHECK_DEPLOY = (
    "__import__('django.core.management', fromlist=['call_command'])"
    ".call_command('check', deploy=True, fail_level='WARNING')"
)


def test_deployment_checklist_is_clean_with_the_production_variables():
    result = run_with(PRODUCTION, CHECK_DEPLOY)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_deployment_checklist_fails_when_a_defence_is_turned_off():
    result = run_with({**PRODUCTION, "DJANGO_HSTS_SECONDS": "0"}, CHECK_DEPLOY)
    assert result.returncode != 0
    assert "security.W004" in result.stderr


def test_production_sends_everyone_to_https_with_secure_cookies():
    result = run_with(
        {**PRODUCTION, "DJANGO_TRUSTED_PROXIES": "1"},
        "(settings.SECURE_SSL_REDIRECT, settings.SECURE_PROXY_SSL_HEADER,"
        " settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,"
        " settings.SESSION_COOKIE_HTTPONLY, settings.SECURE_HSTS_SECONDS)",
    )
    assert result.stdout.strip() == (
        "(True, ('HTTP_X_FORWARDED_PROTO', 'https'), True, True, True, 31536000)"
    ), result.stderr


@pytest.mark.django_db
def test_pages_carry_the_security_headers(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    policy = {
        directive.split()[0]: directive.split()[1:]
        for directive in response["Content-Security-Policy"].split(";")
        if directive.strip()
    }
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["frame-src"] == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
    assert {
        name: response.get(name)
        for name in ("Referrer-Policy", "X-Frame-Options", "X-Content-Type-Options")
    } == {
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
    }
    assert response.get("Cross-Origin-Opener-Policy") == "same-origin"


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2(django_user_model):
    user = django_user_model.objects.create_user("leyla", password="a long pass phrase 2026")
    assert user.password.startswith("argon2$")
    assert user.check_password("a long pass phrase 2026")


@pytest.mark.parametrize("weak", ["12345678", "password1", "short", "leyla2026"])
def test_weak_passwords_are_refused(weak, django_user_model):
    with pytest.raises(ValidationError):
        validate_password(weak, django_user_model(username="leyla2026"))


LOGIN = "/admin/login/?next=/admin/"


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_five_failures_lock_the_username_from_that_address(client, editor):
    for _ in range(4):
        assert log_in(client, "editor", "wrong").status_code == 200
    fifth = log_in(client, "editor", "wrong")
    assert fifth.status_code == 429
    # Even the right password is refused now, from this address...
    locked = log_in(client, "editor", "correct horse battery staple")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    # ...but not from another one.
    elsewhere = log_in(client, "editor", "correct horse battery staple", address="198.51.100.2")
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_an_unknown_username_gets_the_same_answers(client, editor):
    known = [log_in(client, "editor", "wrong").content for _ in range(6)]
    unknown = [log_in(client, "nobody", "wrong").content for _ in range(6)]
    strip = lambda pages: [  # noqa: E731 - the CSRF token differs from page to page
        page.decode().split('name="csrfmiddlewaretoken"')[0] for page in pages
    ]
    assert strip(known) == [page.replace("nobody", "editor") for page in strip(unknown)]


def five_guesses_then_the_password(client, connected_from, forwarded):
    """Five wrong passwords, each with another invented address in X-Forwarded-For
    (`forwarded(n)`), then the right one: the answer to the last."""
    for attempt in range(5):
        client.post(
            LOGIN,
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR=connected_from,
            HTTP_X_FORWARDED_FOR=forwarded(attempt),
        )
    return client.post(
        LOGIN,
        {"username": "editor", "password": "correct horse battery staple"},
        REMOTE_ADDR=connected_from,
        HTTP_X_FORWARDED_FOR=forwarded(99),
    )


@pytest.mark.django_db
def test_behind_the_proxy_the_address_it_saw_counts_not_what_the_client_wrote(
    client, editor, settings
):
    settings.TRUSTED_PROXIES = 1
    # A client inventing a new address each time, before the proxy's own entry.
    response = five_guesses_then_the_password(
        client, "10.0.0.2", lambda attempt: f"192.0.2.{attempt}, 203.0.113.7"
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_without_a_trusted_proxy_invented_addresses_do_not_escape_the_lockout(client, editor):
    response = five_guesses_then_the_password(
        client, "203.0.113.7", lambda attempt: f"192.0.2.{attempt}"
    )
    assert response.status_code == 429


def test_without_a_trusted_proxy_no_forwarded_header_is_believed():
    result = run_with(PRODUCTION, "(settings.TRUSTED_PROXIES, settings.SECURE_PROXY_SSL_HEADER)")
    assert result.stdout.strip() == "(0, None)", result.stderr


@pytest.mark.parametrize("replaced", ["DJANGO_PROXY_COUNT", "API_PROXIES"])
def test_the_replaced_proxy_settings_are_named_rather_than_ignored(replaced):
    result = run_with({**PRODUCTION, replaced: "1"}, "settings.TRUSTED_PROXIES")
    assert result.returncode != 0
    assert f"{replaced} was replaced by DJANGO_TRUSTED_PROXIES" in result.stderr


def test_a_proxy_count_that_is_not_a_number_is_refused():
    result = run_with({**PRODUCTION, "DJANGO_TRUSTED_PROXIES": "nginx"}, "settings.DEBUG")
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXIES must be the number" in result.stderr
