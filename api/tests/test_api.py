"""The public read API as partners' sites, journalists and researchers use it."""

import datetime
import json
import zoneinfo

import factory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from freezegun import freeze_time

from awards.tests.factories import ConfermentFactory, MedalFactory
from events.models import Event
from events.tests.factories import EventFactory
from media.tests.factories import PhotoFactory
from organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PublicPersonFactory,
)

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
SECRET_NAME = "Sentinel Privatova"
SECRET_EMAIL = "sentinel-secret@example.org"
SECRET_PHONE = "+994501234567"


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def slugs(response):
    return [item["slug"] for item in results(response)]


@pytest.fixture
def council():
    return OrganisationFactory(
        status="published",
        name_en="Coordination Council of Germany",
        name_az="Almaniya Koordinasiya Şurası",
        slug="council-de",
        type="coordination_council",
        country="DE",
        city="Berlin",
    )


@pytest.fixture
def forum(council):
    event = EventFactory(
        status="published",
        slug="forum-2025",
        title_en="Forum of Azerbaijanis of Europe",
        title_az="Avropa azərbaycanlılarının forumu",
        summary_en="The yearly forum.",
        body_en="<p>Two days of <strong>talks</strong>.</p><script>x()</script>",
        start=datetime.datetime(2025, 6, 14, 10, 0, tzinfo=PARIS),
        end=datetime.datetime(2025, 6, 14, 18, 0, tzinfo=PARIS),
        time_zone="Europe/Paris",
        format="in_person",
        venue="Maison de l'Europe",
        city="Paris",
        country="FR",
        organiser=council,
    )
    return event


def test_an_event_has_the_fields_of_its_page_in_its_own_time_zone(client, forum, council):
    partner = OrganisationFactory(status="published", slug="house-paris", name_en="House Paris")
    draft_partner = OrganisationFactory(status="draft", slug="draft-house")
    forum.participating_organisations.add(partner, draft_partner)
    item = client.get("/api/v1/events/forum-2025/").json()
    updated = item.pop("updated")
    assert datetime.datetime.fromisoformat(updated) == forum.updated
    assert item == {
        "slug": "forum-2025",
        "url": "http://testserver/en/events/forum-2025/",
        "title": "Forum of Azerbaijanis of Europe",
        "summary": "The yearly forum.",
        "body": "<p>Two days of <strong>talks</strong>.</p>",
        "start": "2025-06-14T10:00:00+02:00",
        "end": "2025-06-14T18:00:00+02:00",
        "time_zone": "Europe/Paris",
        "format": {"code": "in_person", "label": "In person"},
        "venue": "Maison de l'Europe",
        "city": "Paris",
        "country": {"code": "FR", "name": "France"},
        "online_url": "",
        "organiser": {
            "slug": "council-de",
            "name": "Coordination Council of Germany",
            "url": "http://testserver/en/organisations/council-de/",
        },
        "participating_organisations": [
            {
                "slug": "house-paris",
                "name": "House Paris",
                "url": "http://testserver/en/organisations/house-paris/",
            }
        ],
        "images": [],
    }


def test_images_are_renditions_never_the_original(client, forum):
    forum.cover_photo = PhotoFactory()
    forum.save()
    images = client.get("/api/v1/events/forum-2025/").json()["images"]
    assert images
    original = forum.cover_photo.image.url
    for image in images:
        assert image["url"].startswith("http://testserver/")
        assert image["url"] != f"http://testserver{original}"
        assert "/renditions/" in image["url"]
        assert image["width"] > 0


def test_organisations_medals_conferments_and_people_have_their_pages_fields(client, council):
    school = OrganisationFactory(
        status="published",
        slug="school-berlin",
        parent=council,
        type="weekend_school",
        email=SECRET_EMAIL,
        phone=SECRET_PHONE,
        address="Secret street 1",
    )
    organisation = client.get("/api/v1/organisations/school-berlin/").json()
    assert organisation["parent"] == {
        "slug": "council-de",
        "name": "Coordination Council of Germany",
        "url": "http://testserver/en/organisations/council-de/",
    }
    assert organisation["type"] == {"code": "weekend_school", "label": "Weekend School"}
    assert set(organisation) == {
        "slug",
        "url",
        "name",
        "type",
        "country",
        "city",
        "founded",
        "website",
        "parent",
        "description",
        "logo",
        "updated",
    }
    medal = MedalFactory(status="published", slug="merit", name_en="For Merit")
    named = PublicPersonFactory(status="published", slug="leyla", full_name="Leyla Həsənova")
    MembershipFactory(person=named, organisation=school)
    unnamed = PersonFactory(status="published", full_name=SECRET_NAME)
    ConfermentFactory(
        medal=medal, person=named, status="published", event=None, date=datetime.date(2025, 3, 1)
    )
    ConfermentFactory(
        medal=medal, person=unnamed, status="published", event=None, date=datetime.date(2025, 2, 1)
    )
    assert [item["slug"] for item in results(client.get("/api/v1/medals/"))] == ["merit"]
    recipients = [item["recipient"] for item in results(client.get("/api/v1/conferments/"))]
    assert recipients == [
        {"named": True, "name": "Leyla Həsənova", "url": "http://testserver/en/people/leyla/"},
        {"named": False, "name": "not named", "url": None},
    ]
    person = client.get("/api/v1/people/leyla/").json()
    assert person["organisations"] == [
        {
            "slug": "school-berlin",
            "name": school.name_en,
            "url": "http://testserver/en/organisations/school-berlin/",
        }
    ]
    assert "email" not in person
    assert client.get(f"/api/v1/people/{unnamed.slug}/").status_code == 404


def test_events_filter_by_country_organisation_format_dates_words_and_change(
    client, forum, council
):
    other = EventFactory(
        status="published",
        slug="online-talk",
        title_en="Online talk on Novruz",
        country="DE",
        format="online",
        start=datetime.datetime(2025, 3, 20, 18, 0, tzinfo=datetime.UTC),
    )
    partner_event = EventFactory(
        status="published",
        slug="taking-part",
        country="TR",
        format="hybrid",
        start=datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC),
    )
    partner_event.participating_organisations.add(council)
    EventFactory(status="draft", slug="draft-event", country="FR", organiser=council)
    assert slugs(client.get("/api/v1/events/?country=FR")) == ["forum-2025"]
    assert set(slugs(client.get("/api/v1/events/?organisation=council-de"))) == {
        "forum-2025",
        "taking-part",
    }
    assert slugs(client.get("/api/v1/events/?format=online")) == ["online-talk"]
    assert slugs(client.get("/api/v1/events/?from=2025-03-20&to=2025-06-14")) == [
        "forum-2025",
        "online-talk",
    ]
    assert slugs(client.get("/api/v1/events/?to=2025-03-19")) == ["taking-part"]
    assert slugs(client.get("/api/v1/events/?q=NOVRUZ")) == ["online-talk"]
    monday = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)
    Event.objects.update(updated=monday)
    Event.objects.filter(pk=other.pk).update(updated=monday + datetime.timedelta(hours=2))
    assert slugs(client.get("/api/v1/events/?updated_since=2026-11-30T10:00:00Z")) == [
        "online-talk"
    ]
    assert slugs(client.get("/api/v1/events/?updated_since=2026-11-30T16:00:00%2B04:00")) == []
    bad = client.get("/api/v1/events/?from=yesterday&format=teleport&country=fr")
    assert bad.status_code == 400
    assert {item["name"] for item in bad.json()["invalid_params"]} == {
        "from",
        "format",
        "country",
    }


def test_organisations_filter_by_country_type_and_parent(client, council):
    OrganisationFactory(
        status="published", slug="school", parent=council, country="DE", type="weekend_school"
    )
    OrganisationFactory(status="published", slug="house-fr", country="FR")
    OrganisationFactory(status="draft", slug="draft-de", country="DE", parent=council)
    assert set(slugs(client.get("/api/v1/organisations/?country=DE"))) == {"council-de", "school"}
    assert slugs(client.get("/api/v1/organisations/?type=weekend_school")) == ["school"]
    assert slugs(client.get("/api/v1/organisations/?parent=council-de")) == ["school"]


def test_the_language_is_asked_for_or_negotiated_and_falls_back_to_english(client, forum):
    def title(**kwargs):
        response = client.get("/api/v1/events/forum-2025/", **kwargs)
        return response["Content-Language"], response.json()["title"]

    assert title(QUERY_STRING="lang=az") == ("az", "Avropa azərbaycanlılarının forumu")
    assert title(headers={"accept-language": "az"}) == ("az", "Avropa azərbaycanlılarının forumu")
    # No Russian title: English, as on the site.
    assert title(headers={"accept-language": "ru"}) == ("ru", "Forum of Azerbaijanis of Europe")
    refused = client.get("/api/v1/events/forum-2025/?lang=xx", headers={"accept-language": "ru"})
    assert refused.status_code == 400
    assert refused["Content-Language"] == "ru"
    assert refused.json()["invalid_params"][0]["name"] == "lang"
    response = client.get("/api/v1/events/forum-2025/?lang=ru")
    assert response.json()["format"] == {"code": "in_person", "label": "Очно"}
    assert response.json()["url"] == "http://testserver/ru/events/forum-2025/"
    assert "Accept-Language" in response["Vary"]


def test_a_cursor_pages_through_250_events_each_once_in_order(client):
    base = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    EventFactory.create_batch(
        250,
        status="published",
        start=factory.Sequence(lambda n: base + datetime.timedelta(hours=n)),
    )
    seen, pages = [], 0
    address = "/api/v1/events/"
    while address:
        page = client.get(address).json()
        seen += [item["start"] for item in page["results"]]
        address = page["next"]
        pages += 1
    assert pages == 5
    assert len(seen) == 250
    assert seen == sorted(seen, reverse=True)
    assert len(results(client.get("/api/v1/events/?limit=7"))) == 7
    assert len(results(client.get("/api/v1/events/?limit=200"))) == 200


def test_a_client_that_has_the_answer_is_told_304_until_the_content_changes(
    client, forum, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    first = client.get("/api/v1/events/")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get("/api/v1/events/", headers={"if-none-match": etag}).status_code == 304
    assert (
        client.get("/api/v1/events/", headers={"if-modified-since": modified}).status_code == 304
    )
    # Another language is another answer.
    other = client.get("/api/v1/events/?lang=az", headers={"if-none-match": etag})
    assert other.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        forum.title_en = "Forum, renamed"
        forum.save()
    again = client.get("/api/v1/events/", headers={"if-none-match": etag})
    assert again.status_code == 200
    assert again["ETag"] != etag
    assert results(again)[0]["title"] == "Forum, renamed"


def test_a_client_asking_too_often_is_told_when_to_come_back(client, forum, settings):
    settings.API_THROTTLE_RATE = "3/minute"
    for _ in range(3):
        assert client.get("/api/v1/events/").status_code == 200
    refused = client.get("/api/v1/events/forum-2025/")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["status"] == 429
    # Another address has its own count.
    assert client.get("/api/v1/events/", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_forged_forwarded_addresses_never_escape_the_throttle(client, forum, settings):
    """Served directly (no trusted proxy), X-Forwarded-For is the client's own writing."""
    settings.API_THROTTLE_RATE = "3/minute"
    answers = [
        client.get(
            "/api/v1/events/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=forged
        ).status_code
        for forged in (f"192.0.2.{number}" for number in range(40))
    ]
    assert answers == [200] * 3 + [429] * 37


def test_behind_a_proxy_the_address_it_appended_is_counted(client, forum, settings):
    settings.API_THROTTLE_RATE = "3/minute"
    settings.TRUSTED_PROXIES = 1

    def ask(forwarded):
        return client.get(
            "/api/v1/events/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded
        ).status_code

    # The client invents an address each time; the proxy appends the one it saw.
    answers = [ask(f"192.0.2.{number}, 203.0.113.7") for number in range(5)]
    assert answers == [200, 200, 200, 429, 429]
    # Another client behind the same proxy has its own count.
    assert ask("198.51.100.4") == 200


def test_any_site_may_read_and_none_may_write(client, forum):
    read = client.get("/api/v1/events/", headers={"origin": "https://partner.example"})
    assert read["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/events/",
        headers={"origin": "https://partner.example", "access-control-request-method": "POST"},
    )
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    for method in (client.post, client.put, client.patch, client.delete):
        assert method("/api/v1/events/forum-2025/").status_code == 405
    page = client.get("/en/", headers={"origin": "https://partner.example"})
    assert "Access-Control-Allow-Origin" not in page


def test_the_schema_is_openapi_3_and_lists_every_endpoint(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oai.openapi+json"
    schema = json.loads(response.content)
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/events/",
        "/api/v1/events/{slug}/",
        "/api/v1/organisations/",
        "/api/v1/organisations/{slug}/",
        "/api/v1/medals/",
        "/api/v1/medals/{slug}/",
        "/api/v1/conferments/",
        "/api/v1/conferments/{id}/",
        "/api/v1/people/",
        "/api/v1/people/{slug}/",
    }
    events = {
        parameter["name"] for parameter in schema["paths"]["/api/v1/events/"]["get"]["parameters"]
    }
    assert {
        "country",
        "organisation",
        "format",
        "from",
        "to",
        "q",
        "updated_since",
        "lang",
        "cursor",
        "limit",
    } <= events
    assert SchemaGenerator().get_schema(request=None, public=True)["paths"].keys() == (
        schema["paths"].keys()
    )
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert "cdn" not in docs.content.decode().lower()


def plant_sentinels():
    """A private person's name, e-mail and phone, planted everywhere they must not leave."""
    council = OrganisationFactory(
        status="published", slug="council", email=SECRET_EMAIL, phone=SECRET_PHONE, country="DE"
    )
    private = PersonFactory(
        status="published",
        full_name=SECRET_NAME,
        email=SECRET_EMAIL,
        phone=SECRET_PHONE,
        country="DE",
    )
    public = PublicPersonFactory(
        status="published", email=SECRET_EMAIL, phone=SECRET_PHONE, country="DE"
    )
    draft_public = PublicPersonFactory(status="draft", full_name=f"{SECRET_NAME} Draft")
    MembershipFactory(person=private, organisation=council)
    MembershipFactory(person=public, organisation=council)
    medal = MedalFactory(status="published", slug="merit")
    for person in (private, public, draft_public):
        ConfermentFactory(medal=medal, person=person, status="published", event=None)
    now = timezone.now()
    upcoming = now + datetime.timedelta(days=10)
    for status, extra in (
        ("draft", {}),
        ("review", {}),
        ("published", {"publish_from": now + datetime.timedelta(days=1)}),  # scheduled
        ("published", {"publish_until": now - datetime.timedelta(days=1)}),  # expired
    ):
        EventFactory(
            status=status,
            title_en=f"{SECRET_NAME} event",
            organiser=council,
            country="DE",
            start=upcoming,
            **extra,
        )
    EventFactory(
        status="published", title_en="Open day", organiser=council, country="DE", start=upcoming
    )
    return council, private, public


def test_no_private_name_contact_or_unpublished_record_leaves_through_the_api_or_embeds(client):
    council, private, public = plant_sentinels()
    addresses = [
        "/api/v1/events/",
        "/api/v1/organisations/",
        "/api/v1/medals/",
        "/api/v1/conferments/",
        "/api/v1/people/",
        f"/api/v1/people/{public.slug}/",
        "/api/v1/organisations/council/",
        "/api/v1/events/?organisation=council",
        "/api/schema/",
        "/embed/events/?organisation=council",
        "/embed/events/?country=DE&limit=20",
        "/embed/events/",
    ]
    leaks = {}
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        text = response.content.decode()
        found = [
            secret
            for secret in (SECRET_NAME, SECRET_EMAIL, SECRET_PHONE, "501234567")
            if secret in text
        ]
        if found:
            leaks[address] = found
    assert leaks == {}
    assert client.get(f"/api/v1/people/{private.slug}/").status_code == 404
    assert "Open day" in client.get("/embed/events/?organisation=council").content.decode()


@pytest.mark.parametrize(
    ("address", "add"),
    [
        ("/api/v1/events/", lambda: add_event()),
        (
            "/api/v1/organisations/",
            lambda: OrganisationFactory(
                status="published", parent=OrganisationFactory(status="draft")
            ),
        ),
        ("/api/v1/people/", lambda: add_person()),
        (
            "/api/v1/conferments/",
            lambda: ConfermentFactory(
                status="published", medal__status="published", person__status="published"
            ),
        ),
        ("/api/v1/medals/", lambda: MedalFactory(status="published")),
        ("/embed/events/", lambda: add_event(days=5)),
    ],
)
def test_each_list_takes_as_many_queries_for_many_records_as_for_one(
    client, django_assert_num_queries, address, add
):
    add()
    client.get(address)  # what is worked out once per version of the content (the schedule)
    with CaptureQueriesContext(connection) as one:
        first = client.get(address)
    assert first.status_code == 200
    for _ in range(9):
        add()
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(address)
    assert response.status_code == 200
    if address.startswith("/api/"):
        assert len(results(response)) == 10


def add_event(days=-5):
    event = EventFactory(
        status="published",
        organiser=OrganisationFactory(status="published"),
        start=timezone.now() + datetime.timedelta(days=days),
    )
    event.participating_organisations.add(OrganisationFactory(status="published"))
    return event


def add_person():
    person = PublicPersonFactory(status="published")
    MembershipFactory(person=person, organisation=OrganisationFactory(status="published"))
    return person


def test_a_scheduled_event_appears_at_its_time_with_a_new_etag(client, forum, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    later = timezone.now() + datetime.timedelta(hours=1)
    EventFactory(status="published", slug="scheduled", publish_from=later)
    before = client.get("/api/v1/events/")
    assert slugs(before) == ["forum-2025"]
    assert (
        client.get("/api/v1/events/", headers={"if-none-match": before["ETag"]}).status_code == 304
    )
    with freeze_time(later + datetime.timedelta(minutes=1)):
        after = client.get("/api/v1/events/", headers={"if-none-match": before["ETag"]})
        assert after.status_code == 200
        assert set(slugs(after)) == {"forum-2025", "scheduled"}
        since = client.get(
            "/api/v1/events/", headers={"if-modified-since": before["Last-Modified"]}
        )
        assert since.status_code == 200
