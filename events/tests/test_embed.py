"""The list of upcoming events that partners put on their own sites in an <iframe>."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.tests.factories import EventFactory
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def soon(days):
    return timezone.now() + datetime.timedelta(days=days)


@pytest.fixture
def council():
    return OrganisationFactory(
        status="published", slug="council-de", name_en="Council of Germany", name_az="Şura"
    )


def titles(response):
    assert response.status_code == 200
    return re.findall(r'target="_blank" rel="noopener">([^<]+)</a>\n', response.content.decode())


def test_the_upcoming_events_an_organisation_organises_or_takes_part_in(client, council):
    EventFactory(status="published", title_en="Organised", organiser=council, start=soon(3))
    taking_part = EventFactory(status="published", title_en="Taking part", start=soon(5))
    taking_part.participating_organisations.add(council)
    EventFactory(status="published", title_en="Past", organiser=council, start=soon(-3))
    EventFactory(status="draft", title_en="Draft", organiser=council, start=soon(4))
    EventFactory(status="published", title_en="Someone else's", start=soon(2))
    response = client.get("/embed/events/?organisation=council-de")
    assert titles(response) == ["Organised", "Taking part"]
    assert "Upcoming events: Council of Germany" in response.content.decode()


def test_by_country_in_the_language_asked_for_and_at_most_the_limit(client):
    for day in range(1, 8):
        EventFactory(
            status="published",
            title_en=f"Event {day}",
            title_az=f"Tədbir {day}",
            country="FR",
            start=soon(day),
        )
    EventFactory(status="published", title_en="In Germany", country="DE", start=soon(1))
    response = client.get("/embed/events/?country=fr&lang=az&limit=3")
    assert titles(response) == ["Tədbir 1", "Tədbir 2", "Tədbir 3"]
    assert '<html lang="az">' in response.content.decode()
    assert len(titles(client.get("/embed/events/?country=FR"))) == 5  # the default limit
    # A limit out of range or not a number is left out, never an error page.
    assert len(titles(client.get("/embed/events/?country=FR&limit=500"))) == 5
    assert len(titles(client.get("/embed/events/?country=FR&limit=many"))) == 5


def test_an_unknown_organisation_is_said_so(client):
    EventFactory(status="published", start=soon(1))
    response = client.get("/embed/events/?organisation=no-such-council")
    assert titles(response) == []
    assert "This organisation is not in the directory." in response.content.decode()


def test_only_the_embed_may_be_framed_by_other_sites(client, council):
    embed = client.get("/embed/events/?organisation=council-de")
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed
    others = [
        "/en/",
        "/en/events/",
        council.get_absolute_url(),
        "/api/v1/events/",
        "/api/docs/",
        reverse("admin:login"),
    ]
    for address in others:
        response = client.get(address)
        assert response.status_code == 200, address
        assert response["X-Frame-Options"] == "DENY", address
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], address


def test_each_organisations_page_gives_the_snippet_to_copy(client, council):
    with translation.override("az"):
        page = client.get(council.get_absolute_url()).content.decode()
    snippet = re.search(r'<textarea id="embed-code" readonly rows="4">(.*?)</textarea>', page)[1]
    # What a partner copies: the textarea shows the HTML as text.
    assert html.unescape(snippet) == (
        '<iframe src="http://testserver/embed/events/'
        '?organisation=council-de&amp;lang=az&amp;limit=5" '
        'title="Qarşıdakı tədbirlər: Şura" width="100%" height="420" '
        'loading="lazy" style="border:0"></iframe>'
    )
    assert "Saytınıza yerləşdirin" in page
