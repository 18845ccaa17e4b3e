"""The public site as its readers and their tools (calendars, feed readers, crawlers) see it."""

import datetime
import io
import itertools
import json
import re
import zoneinfo

import feedparser
import icalendar
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from awards.tests.factories import ConfermentFactory, MedalFactory
from events.models import Event
from events.tests.factories import EventFactory, ProgrammeItemFactory
from organisations.tests.factories import OrganisationFactory, PersonFactory, PublicPersonFactory

pytestmark = pytest.mark.django_db

SECRET_EMAIL = "sentinel-secret@example.org"
SECRET_PHONE = "+994501234567"
PRIVATE_NAME = "Sentinel Privatova"


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def json_ld(response):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(block) for block in blocks]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def test_root_leads_to_the_visitors_language(client):
    response = client.get("/", headers={"accept-language": "ru"})
    assert (response.status_code, response["Location"]) == (302, "/ru/")


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_every_section_answers_in_every_language(client, demo, language):
    pages = [
        url("home", language=language),
        url("events:list", language=language),
        url("events:detail", "videoconference-outcomes-2024", language=language),
        url("organisations:list", language=language),
        url("organisations:detail", "azerbaijan-house-berlin", language=language),
        url("organisations:person", "leyla-hasanova", language=language),
        url("awards:roll", language=language),
        url("awards:medal", "for-merits-in-diaspora-activity", language=language),
        url("search", language=language) + "?q=leyla",
    ]
    responses = [client.get(page) for page in pages]
    assert [response.status_code for response in responses] == [200] * len(pages)
    assert all(f'<html lang="{language}">' in r.content.decode() for r in responses)


def test_content_comes_in_the_visitors_language_with_english_as_fallback(client, demo):
    event = url("events:detail", "videoconference-outcomes-2024", language="az")
    page = client.get(event).content.decode()
    assert "2024-cü ilin yekunlarına həsr olunmuş videokonfrans" in page
    # The body has no Azerbaijani text yet: the English one is shown.
    assert "Representatives of Azerbaijan Houses" in page


def test_language_switch_keeps_the_visitor_on_the_same_page(client, demo):
    page = client.get(url("events:detail", "videoconference-outcomes-2024")).content.decode()
    assert 'href="/ru/events/videoconference-outcomes-2024/" lang="ru"' in page


def test_event_list_shows_only_published_events_upcoming_first(client):
    now = datetime.datetime.now(tz=datetime.UTC)
    past = EventFactory(status="published", start=now - datetime.timedelta(days=30))
    later = EventFactory(status="published", start=now + datetime.timedelta(days=60))
    sooner = EventFactory(status="published", start=now + datetime.timedelta(days=5))
    EventFactory(status="draft", start=now + datetime.timedelta(days=1))
    response = client.get(url("events:list"))
    assert list(response.context["events"]) == [sooner, later, past]


def test_event_list_pages_run_from_the_upcoming_into_the_past(client):
    now = datetime.datetime.now(tz=datetime.UTC)
    upcoming = [
        EventFactory(status="published", start=now + datetime.timedelta(days=day))
        for day in range(1, 16)
    ]
    past = [
        EventFactory(status="published", start=now - datetime.timedelta(days=day))
        for day in range(1, 11)
    ]
    pages = [
        list(client.get(url("events:list") + f"?page={number}").context["events"])
        for number in (1, 2, 3)
    ]
    assert pages == [upcoming[:12], upcoming[12:] + past[:9], past[9:]]
    assert client.get(url("events:list") + "?page=3").context["paginator"].count == 25


def test_event_filter_lists_organisers_while_a_list_can_be_read(client, monkeypatch):
    organisers = [OrganisationFactory(status="published") for _ in range(3)]
    for organiser in organisers:
        EventFactory(status="published", organiser=organiser)
    listed = client.get(url("events:list")).context["filters"].fields["organisation"].choices
    assert {slug for slug, _name in listed} == {"", *(o.slug for o in organisers)}
    monkeypatch.setattr("events.views.ORGANISER_CHOICES", 2)
    page = client.get(url("events:list")).context
    assert page["filters"].fields["organisation"].choices == [("", "All")]
    chosen = client.get(url("events:list") + f"?organisation={organisers[1].slug}").context
    assert [slug for slug, _ in chosen["filters"].fields["organisation"].choices] == [
        "",
        organisers[1].slug,
    ]
    assert [event.organiser for event in chosen["events"]] == [organisers[1]]


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("?year=99999", True),
        ("?year=abc", True),
        ("?country=XX", True),
        ("?format=<b>", True),
        ("?organisation=nobody", True),
        ("?page=abc", False),
        ("?page=99999", False),
    ],
)
def test_unknown_filters_are_ignored_and_unknown_pages_are_404(client, query, listed):
    event = EventFactory(status="published", title_en="Novruz in Kiel")
    response = client.get(url("events:list") + query)
    if listed:
        assert list(response.context["events"]) == [event]
    else:
        assert response.status_code == 404
        assert "Novruz in Kiel" not in response.content.decode()


def test_the_list_page_the_embed_and_the_api_filter_events_alike(client):
    organiser = OrganisationFactory(status="published", slug="house-in-kiel")
    organised = EventFactory(
        status="published",
        organiser=organiser,
        country="DE",
        start=timezone.now() + datetime.timedelta(days=3),
    )
    joined = EventFactory(
        status="published", country="DE", start=timezone.now() + datetime.timedelta(days=4)
    )
    joined.participating_organisations.add(organiser)
    EventFactory(
        status="published", country="FR", start=timezone.now() + datetime.timedelta(days=5)
    )
    query = "?organisation=house-in-kiel&country=de"
    page = client.get(url("events:list") + query.replace("=de", "=DE")).context["events"]
    embed = client.get("/embed/events/" + query).context["events"]
    # The API takes the code as its schema writes it, and says so otherwise.
    assert client.get("/api/v1/events/" + query).status_code == 400
    api = client.get("/api/v1/events/" + query.replace("=de", "=DE")).json()["results"]
    # The organiser's events and those it joined, in each output's own order.
    wanted = {organised.slug, joined.slug}
    assert {event.slug for event in page} == wanted
    assert {event.slug for event in embed} == wanted
    assert {event["slug"] for event in api} == wanted
    assert len(page) == len(embed) == len(api) == 2


def test_event_filters_narrow_the_list(client):
    online = EventFactory(status="published", format="online", country="DE")
    EventFactory(status="published", format="in_person", country="FR")
    response = client.get(
        url("events:list") + f"?format=online&country=DE&year={online.start.year}"
    )
    assert list(response.context["events"]) == [online]


def test_unknown_slug_is_a_404_page_in_the_visitors_language(client):
    response = client.get(url("events:detail", "no-such-event", language="ru"))
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_event_page_has_programme_structured_data_and_calendar_link(client, demo):
    response = client.get(url("events:detail", "videoconference-outcomes-2024"))
    page = response.content.decode()
    (data,) = json_ld(response)
    assert (data["@type"], data["eventAttendanceMode"], data["location"]["@type"]) == (
        "Event",
        "https://schema.org/OnlineEventAttendanceMode",
        "VirtualLocation",
    )
    assert data["startDate"] == "2025-01-24T15:00:00+04:00"
    assert page.index("Opening speech") < page.index("Answers to questions")
    assert "Chairman of the State Committee" in page
    assert 'property="og:title"' in page
    assert url("events:event_calendar", "videoconference-outcomes-2024") in page


def test_in_person_event_has_a_place_in_its_structured_data(client):
    event = EventFactory(status="published", format="in_person", city="Vienna", country="AT")
    (data,) = json_ld(client.get(event.get_absolute_url()))
    assert data["location"] == {
        "@type": "Place",
        "name": "Vienna",
        "address": {"@type": "PostalAddress", "addressLocality": "Vienna", "addressCountry": "AT"},
    }


def test_calendar_has_the_published_events_of_the_past_year_and_to_come(client):
    vienna = zoneinfo.ZoneInfo("Europe/Vienna")
    next_novruz = datetime.datetime(timezone.now().year + 1, 3, 20, 17, 0, tzinfo=vienna)
    EventFactory(
        status="published",
        title_en="Novruz in Vienna",
        start=next_novruz,
        end=next_novruz + datetime.timedelta(hours=3),
        time_zone="Europe/Vienna",
    )
    EventFactory(
        status="published",
        title_en="Last month",
        start=timezone.now() - datetime.timedelta(days=30),
        end=None,
    )
    EventFactory(
        status="published",
        title_en="Two years ago",
        start=timezone.now() - datetime.timedelta(days=730),
        end=None,
    )
    EventFactory(status="draft", title_en="Draft", start=next_novruz, end=None)
    response = client.get(url("events:calendar"))
    calendar = icalendar.Calendar.from_ical(response.content)
    entries = calendar.walk("VEVENT")
    assert [str(entry["SUMMARY"]) for entry in entries] == ["Last month", "Novruz in Vienna"]
    entry = entries[1]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert entry.decoded("DTSTART") == next_novruz
    assert entry["DTSTART"].params["TZID"] == "Europe/Vienna"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Baku", "Europe/Vienna"]


@pytest.mark.parametrize(
    ("upcoming", "past", "listed"),
    [
        (2, 5, ["past 3", "past 2", "past 1", "to come 1", "to come 2"]),
        (6, 5, ["to come 1", "to come 2", "to come 3", "to come 4", "to come 5"]),
    ],
)
def test_calendar_carries_at_most_its_limit_those_to_come_first(
    client, settings, upcoming, past, listed
):
    settings.EVENTS_CALENDAR_LIMIT = 5
    now = timezone.now()
    for day in range(1, upcoming + 1):
        EventFactory(
            status="published", title_en=f"to come {day}", start=now + datetime.timedelta(day)
        )
    for day in range(1, past + 1):
        EventFactory(
            status="published", title_en=f"past {day}", start=now - datetime.timedelta(day)
        )
    calendar = icalendar.Calendar.from_ical(client.get(url("events:calendar")).content)
    assert [str(entry["SUMMARY"]) for entry in calendar.walk("VEVENT")] == listed


def test_one_event_as_a_calendar_file(client):
    event = EventFactory(status="published")
    response = client.get(url("events:event_calendar", event.slug))
    (entry,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(entry["URL"]).endswith(event.get_absolute_url())


def test_feed_lists_published_events(client):
    EventFactory(status="published", title_en="Novruz", summary_en="Spring festival.")
    EventFactory(status="draft", title_en="Hidden")
    feed = feedparser.parse(client.get(url("events:feed")).content)
    assert [(entry.title, entry.summary) for entry in feed.entries] == [
        ("Novruz", "Spring festival.")
    ]


def test_directory_counts_per_country_and_filters_by_type(client):
    OrganisationFactory.create_batch(2, status="published", country="DE")
    OrganisationFactory(status="published", country="FR", type="weekend_school")
    OrganisationFactory(status="draft", country="US")
    response = client.get(url("organisations:list"))
    counts = [(country.code, total) for country, total in response.context["country_counts"]]
    schools = client.get(url("organisations:list") + "?type=weekend_school")
    assert counts == [("FR", 1), ("DE", 2)]
    assert [o.country.code for o in schools.context["organisations"]] == ["FR"]


def test_organisation_page_shows_council_members_and_organization_data(client):
    council = OrganisationFactory(status="published", type="coordination_council")
    house = OrganisationFactory(status="published", parent=council)
    response = client.get(council.get_absolute_url())
    (data,) = json_ld(response)
    assert data["@type"] == "Organization"
    assert list(response.context["members"]) == [house]


def test_private_person_has_no_page(client):
    person = PersonFactory(status="published", public=False)
    assert client.get(url("organisations:person", person.slug)).status_code == 404


def test_public_person_page_has_person_data_with_awards(client):
    person = PublicPersonFactory(status="published")
    ConfermentFactory(person=person, status="published", medal__status="published")
    (data,) = json_ld(client.get(person.get_absolute_url()))
    assert (data["@type"], data["award"]) == (
        "Person",
        [f"{person.conferments.get().medal.name} (2025)"],
    )


def test_roll_of_honour_names_only_consenting_people_and_counts_the_others(client):
    medal = MedalFactory(status="published", name_en="For Merits in Diaspora Activity")
    public = PublicPersonFactory(status="published", full_name="Leyla Həsənova")
    for person in [public, *PersonFactory.create_batch(3, status="published")]:
        ConfermentFactory(medal=medal, person=person, status="published")
    page = client.get(url("awards:roll")).content.decode()
    assert "Leyla Həsənova" in page
    assert "and 3 more recipients" in page


def test_roll_shows_each_medals_latest_and_the_medal_page_them_all_by_pages(client, monkeypatch):
    monkeypatch.setattr("awards.views.ROLL_RECIPIENTS", 2)
    monkeypatch.setattr("awards.views.MEDAL_PAGE_RECIPIENTS", 2)
    medals = [MedalFactory(status="published", name_en=name) for name in ("Order", "Diploma")]
    for medal in medals:
        for year, name in ((2021, "Aysel"), (2023, "Babək"), (2022, "Cavid")):
            ConfermentFactory(
                medal=medal,
                date=datetime.date(year, 5, 1),
                status="published",
                person=PublicPersonFactory(status="published", full_name=f"{name} {medal.name}"),
            )
    roll = client.get(url("awards:roll")).content.decode()
    for medal in medals:
        assert f"Babək {medal.name}" in roll
        assert f"Cavid {medal.name}" in roll
        assert f"Aysel {medal.name}" not in roll
    assert roll.count("All recipients (1 more)") == 2
    first = client.get(medals[0].get_absolute_url()).content.decode()
    second = client.get(medals[0].get_absolute_url() + "?page=2").content.decode()
    assert [name in first for name in ("Babək", "Cavid", "Aysel")] == [True, True, False]
    assert [name in second for name in ("Babək", "Cavid", "Aysel")] == [False, False, True]
    assert "Page 2 of 2" in second


@pytest.mark.parametrize("query", ["Həsənova", "hasanova", "HƏSƏNOVA", "Гасанова", "leyla"])
def test_search_folds_case_and_azerbaijani_letters_and_knows_every_script(client, query):
    person = PublicPersonFactory(
        status="published", full_name="Leyla Həsənova", full_name_cyrillic="Лейла Гасанова"
    )
    response = client.get(url("search"), {"q": query})
    assert list(response.context["results"]["people"]) == [person]


def test_search_finds_events_and_organisations_but_not_private_people(client):
    EventFactory(status="published", title_en="Novruz in Vienna")
    OrganisationFactory(status="published", name_en="Vienna House", name_az="Vyana Evi")
    PersonFactory(status="published", full_name="Vienna Private", public=False)
    results = client.get(url("search"), {"q": "vienna"}).context["results"]
    assert [len(results["events"]), len(results["organisations"]), len(results["people"])] == [
        1,
        1,
        0,
    ]


def test_search_query_is_cut_to_a_sane_length(client):
    response = client.get(url("search"), {"q": "x" * 10_000})
    assert response.status_code == 200
    assert len(response.context["query"]) == 100


def test_sitemap_lists_pages_in_every_language_with_alternates(client, demo):
    xml = client.get("/sitemap-events.xml").content.decode()
    assert "/az/events/videoconference-outcomes-2024/" in xml
    assert "/ru/events/videoconference-outcomes-2024/" in xml
    assert 'hreflang="az"' in xml
    people = client.get("/sitemap-people.xml").content.decode()
    assert "/people/" in people
    assert "/people/aynur-guliyeva/" not in people  # no consent


def test_sitemap_gives_every_record_page_its_last_modification(client):
    medal = MedalFactory(status="published")
    event = EventFactory(status="published")
    xml = "".join(
        client.get(f"/sitemap-{section}.xml").content.decode() for section in ("events", "medals")
    )
    entries = re.findall(r"<url><loc>([^<]*)</loc><lastmod>([^<]*)</lastmod>", xml)
    assert {
        (location.removeprefix("http://testserver"), lastmod)
        for location, lastmod in entries
        if "/en/" in location
    } == {
        # The date in the site's time zone, as Django's sitemap writes it (Baku's date is
        # already tomorrow's from 20:00 UTC).
        (record.get_absolute_url(), timezone.localdate(record.updated).isoformat())
        for record in (medal, event)
    }


def test_robots_txt(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_html_in_content_is_escaped(client):
    event = EventFactory(
        status="published",
        title_en="<script>alert(1)</script>",
        summary_en="<img src=x onerror=1>",
    )
    page = client.get(event.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "<img src=x onerror=1>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.fixture
def planted_sentinels():
    """A private person with contacts everywhere a public page could leak them."""
    private = PersonFactory(
        status="published", full_name=PRIVATE_NAME, email=SECRET_EMAIL, phone=SECRET_PHONE
    )
    public = PublicPersonFactory(status="published", email=SECRET_EMAIL, phone=SECRET_PHONE)
    organisation = OrganisationFactory(status="published")
    event = EventFactory(status="published", organiser=organisation)
    medal = MedalFactory(status="published")
    for person in (private, public):
        ConfermentFactory(person=person, medal=medal, event=event, status="published")
        ProgrammeItemFactory(event=event, person=person)
        person.memberships.create(organisation=organisation)
    return {"event": event, "organisation": organisation, "medal": medal, "public": public}


def test_no_public_output_shows_contacts_or_unconsenting_people(client, planted_sentinels):
    pages = [
        url("home"),
        url("events:list"),
        planted_sentinels["event"].get_absolute_url(),
        url("events:calendar"),
        url("events:event_calendar", planted_sentinels["event"].slug),
        url("events:feed"),
        url("organisations:list"),
        planted_sentinels["organisation"].get_absolute_url(),
        planted_sentinels["public"].get_absolute_url(),
        url("awards:roll"),
        planted_sentinels["medal"].get_absolute_url(),
        url("search") + "?q=Sentinel",
        url("search") + "?q=example.org",
        "/sitemap.xml",
        *(
            f"/sitemap-{section}.xml"
            for section in ("events", "organisations", "people", "medals")
        ),
    ]
    leaks = {}
    for page in pages:
        content = client.get(page).content.decode()
        found = [
            s
            for s in (SECRET_EMAIL, SECRET_PHONE, PRIVATE_NAME, "+994 50 123 45 67")
            if s in content
        ]
        if found:
            leaks[page] = found
    assert leaks == {}


def public_conferment():
    person = PublicPersonFactory(status="published")
    return ConfermentFactory(status="published", medal__status="published", person=person)


def upcoming_event():
    """An event to come: the calendar carries only the past year and the future."""
    days = Event.objects.count() + 1
    return EventFactory(status="published", start=timezone.now() + datetime.timedelta(days=days))


@pytest.mark.parametrize(
    ("name", "make", "shown"),
    [
        ("events:list", lambda: EventFactory(status="published", cover_photo=None), "title"),
        ("organisations:list", lambda: OrganisationFactory(status="published"), "name"),
        ("awards:roll", lambda: public_conferment().person, "full_name"),
        ("home", lambda: EventFactory(status="published"), "title"),
        ("events:calendar", lambda: upcoming_event(), "title"),
        ("events:feed", lambda: EventFactory(status="published"), "title"),
        ("search", lambda: PublicPersonFactory(status="published"), "full_name"),
    ],
)
def test_list_pages_make_as_many_queries_for_many_rows_as_for_one(
    client, django_assert_num_queries, name, make, shown
):
    records = [make()]
    page = url(name) + ("?q=leyla" if name == "search" else "")
    client.get(page)
    with CaptureQueriesContext(connection) as one:
        assert client.get(page).status_code == 200
    records += [make() for _ in range(9)]
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(page)
    assert response.status_code == 200
    text = response.content.decode()
    on_page = [record for record in records if escape(getattr(record, shown)) in text]
    # The home page shows the three latest events (the factory's are past).
    assert len(on_page) == (3 if name == "home" else len(records))


def test_event_page_queries_do_not_grow_with_its_programme_and_awards(
    client, django_assert_num_queries
):
    event = EventFactory(status="published")
    medal = MedalFactory(status="published")

    def add_rows():
        ProgrammeItemFactory(event=event, person=PublicPersonFactory(status="published"))
        ConfermentFactory(event=event, medal=medal, status="published")

    add_rows()
    client.get(event.get_absolute_url())
    with CaptureQueriesContext(connection) as one:
        client.get(event.get_absolute_url())
    for _ in range(5):
        add_rows()
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert response.context["unnamed_recipients"] == 6
    assert len(response.context["event"].programme.all()) == 6


def test_times_are_shown_in_the_events_own_time_zone(client):
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    event = EventFactory(
        status="published",
        start=datetime.datetime(2025, 6, 14, 10, 0, tzinfo=paris),
        end=datetime.datetime(2025, 6, 14, 16, 0, tzinfo=paris),
        time_zone="Europe/Paris",
    )
    listing = client.get(url("events:list")).content.decode()
    detail = client.get(event.get_absolute_url()).content.decode()
    assert "14 June 2025, 10:00" in listing
    assert "14 June 2025, 10:00</time>–<time" in detail
    assert ">16:00</time>" in detail


def test_admin_offers_view_on_site_only_for_what_the_public_can_see(admin_client):
    published = EventFactory(status="published")
    draft = EventFactory(status="draft")
    private = PersonFactory(status="published")
    pages = {
        "published": admin_client.get(f"/admin/events/event/{published.pk}/change/"),
        "draft": admin_client.get(f"/admin/events/event/{draft.pk}/change/"),
        "private": admin_client.get(f"/admin/organisations/person/{private.pk}/change/"),
    }
    shown = {name: "viewsitelink" in page.content.decode() for name, page in pages.items()}
    assert shown == {"published": True, "draft": False, "private": False}


@pytest.mark.parametrize("page", ["organisation", "person", "medal"])
def test_detail_pages_make_as_many_queries_for_many_related_rows_as_for_one(
    client, django_assert_num_queries, page
):
    organisation = OrganisationFactory(status="published")
    person = PublicPersonFactory(status="published")
    medal = MedalFactory(status="published")
    days = itertools.count()

    def add_rows():
        member = PublicPersonFactory(status="published")
        member.memberships.create(organisation=organisation)
        OrganisationFactory(status="published", parent=organisation)
        EventFactory(status="published", organiser=organisation)
        ConfermentFactory(
            person=person,
            medal=medal,
            status="published",
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=next(days)),
        )
        ProgrammeItemFactory(event__status="published", person=person)
        person.memberships.create(organisation=OrganisationFactory(status="published"))

    address = {
        "organisation": organisation.get_absolute_url(),
        "person": person.get_absolute_url(),
        "medal": medal.get_absolute_url(),
    }[page]
    add_rows()
    client.get(address)
    with CaptureQueriesContext(connection) as one:
        assert client.get(address).status_code == 200
    for _ in range(4):
        add_rows()
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(address)
    assert response.status_code == 200
    context = response.context
    rows = {
        "organisation": lambda: (
            len(context["members"]),
            len(context["events"]),
            len(context["people"]),
        ),
        "person": lambda: (
            len(context["conferments"]),
            len(context["appearances"]),
            len(person.memberships.all()),
        ),
        "medal": lambda: (sum(len(named) + more for _year, named, more in context["years"]),),
    }[page]()
    assert set(rows) == {5}
