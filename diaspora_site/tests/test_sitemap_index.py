"""The sitemap: an index of sections, each paginated under the protocol's limits."""

import re

import pytest

from awards.tests.factories import MedalFactory
from events.tests.factories import EventFactory
from organisations.tests.factories import OrganisationFactory, PublicPersonFactory

pytestmark = pytest.mark.django_db

SECTIONS = ["sections", "events", "organisations", "people", "medals"]
PROTOCOL_URLS = 50_000
PROTOCOL_BYTES = 50 * 1024 * 1024


def locations(xml):
    return re.findall(r"<url><loc>([^<]*)</loc>", xml)


def test_the_index_lists_every_section_and_each_page_keeps_to_the_limit(client, settings):
    settings.SITEMAP_URLS_PER_PAGE = 4
    events = [EventFactory(status="published") for _ in range(3)]
    EventFactory(status="draft")
    organisations = OrganisationFactory.create_batch(2, status="published")
    people = [PublicPersonFactory(status="published")]
    medals = [MedalFactory(status="published")]

    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    pages = re.findall(r"<sitemap><loc>http://testserver([^<]*)</loc>", index.content.decode())
    # 3 events × 3 languages = 9 addresses: three pages of at most 4; 5 sections, 15.
    assert pages == [
        "/sitemap-sections.xml",
        "/sitemap-sections.xml?p=2",
        "/sitemap-sections.xml?p=3",
        "/sitemap-sections.xml?p=4",
        "/sitemap-events.xml",
        "/sitemap-events.xml?p=2",
        "/sitemap-events.xml?p=3",
        "/sitemap-organisations.xml",
        "/sitemap-organisations.xml?p=2",
        "/sitemap-people.xml",
        "/sitemap-medals.xml",
    ]
    found = []
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert len(response.content) <= PROTOCOL_BYTES
        listed = locations(response.content.decode())
        assert 0 < len(listed) <= settings.SITEMAP_URLS_PER_PAGE <= PROTOCOL_URLS, page
        found += listed
    expected = {
        f"http://testserver/{language}{record.get_absolute_url()[3:]}"
        for record in [*events, *organisations, *people, *medals]
        for language in ("az", "en", "ru")
    }
    assert expected <= set(found)
    assert {f"http://testserver/{language}/numbers/" for language in ("az", "en", "ru")} <= set(
        found
    )
    assert len(found) == len(set(found)), "each address once"
    assert client.get("/sitemap-events.xml?p=4").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_the_default_page_keeps_under_the_protocols_limits(settings):
    assert settings.SITEMAP_URLS_PER_PAGE <= PROTOCOL_URLS
    # An address with its alternates in three languages is about 600 bytes.
    assert settings.SITEMAP_URLS_PER_PAGE * 1000 <= PROTOCOL_BYTES
