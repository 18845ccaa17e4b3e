"""Error pages of the site's own, in its layout and the visitor's language, with debug off."""

import pytest
from django.test import Client, RequestFactory
from django.urls import get_resolver
from django.utils import translation

HOME_LINKS = ('href="/az/"', 'href="/az/search/"')


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"),
    [("az", "Səhifə tapılmadı"), ("en", "Page not found"), ("ru", "Страница не найдена")],
)
def test_a_missing_page_is_answered_in_the_visitors_language(client, language, heading):
    response = client.get(f"/{language}/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert f"<h1>{heading}</h1>" in page
    assert f'<html lang="{language}">' in page
    assert 'class="site-header"' in page
    assert "URLconf" not in page  # Django's debug page lists the URL patterns


def test_the_server_error_page_renders_without_the_database():
    """No django_db mark: any query would fail the test. The page is what a visitor sees
    when the database itself is what failed."""
    request = RequestFactory().get("/az/events/")
    view = get_resolver().resolve_error_handler(500)
    with translation.override("az"):
        response = view(request)
    page = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Serverdə xəta</h1>" in page
    assert all(link in page for link in HOME_LINKS)


@pytest.mark.django_db
def test_a_host_the_site_does_not_serve_gets_the_sites_own_400(settings):
    settings.ALLOWED_HOSTS = ["diaspora.example.org"]
    response = Client(HTTP_HOST="attacker.example.com").get("/ru/")
    page = response.content.decode()
    assert response.status_code == 400
    assert "<h1>Неверный запрос</h1>" in page
    assert "attacker.example.com" not in page


@pytest.mark.django_db
def test_a_form_sent_without_its_token_gets_the_sites_own_403():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "az"}, HTTP_ACCEPT_LANGUAGE="az")
    page = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Giriş qadağandır</h1>" in page
    assert 'class="site-header"' in page
