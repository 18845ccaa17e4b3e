"""The diaspora in numbers: the map, the figures and the charts the public reads."""

import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from awards.tests.factories import ConfermentFactory, MedalFactory
from events.tests.factories import EventFactory
from organisations.models import Organisation, OrganisationType
from organisations.tests.factories import OrganisationFactory, PersonFactory, PublicPersonFactory

pytestmark = pytest.mark.django_db


def numbers_url(language="en"):
    with translation.override(language):
        return reverse("numbers")


def directory_url(language="en"):
    with translation.override(language):
        return reverse("organisations:list")


def shaded_countries(html):
    """{code: (shade, link, accessible name)} of the map's linked countries."""
    return {
        code: (int(level), link.replace("&amp;", "&"), name)
        for link, level, code, name in re.findall(
            r'<a href="([^"]+)" class="country level-(\d)" data-country="(\w+)" '
            r'aria-label="([^"]+)">',
            html,
        )
    }


def table_rows(html, table_id):
    table = re.search(rf'<table class="plain numbers" id="{table_id}">(.*?)</table>', html, re.S)
    return [
        (re.sub(r"<[^>]+>", "", name), count)
        for name, count in re.findall(
            r'<tr><th scope="row">(.*?)</th><td class="count">([^<]+)</td></tr>', table[1]
        )
    ]


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def organisations():
    """Germany 12, Turkey 3, Malta 1 (a state too small to see), published; drafts and
    organisations in review in France, which the public never sees."""
    made = [
        *OrganisationFactory.create_batch(12, status="published", country="DE"),
        *OrganisationFactory.create_batch(3, status="published", country="TR", type="community"),
        OrganisationFactory(status="published", country="MT", type="student_union"),
    ]
    OrganisationFactory(status="draft", country="FR")
    OrganisationFactory(status="review", country="FR")
    OrganisationFactory(status="draft", country="DE")
    return made


def test_the_map_shades_and_links_each_country_by_its_published_organisations(
    client, organisations
):
    html = client.get(numbers_url()).content.decode()
    directory = directory_url()
    assert shaded_countries(html) == {
        "DE": (4, f"{directory}?country=DE", "Germany: 12 organisations"),
        "MT": (1, f"{directory}?country=MT", "Malta: 1 organisation"),
        "TR": (2, f"{directory}?country=TR", "Türkiye: 3 organisations"),
    }
    # Malta is a dot as well as its few pixels of shape.
    malta = re.search(r'data-country="MT".*?</a>', html, re.S)[0]
    assert "<circle" in malta
    assert "<circle" not in re.search(r'data-country="DE".*?</a>', html, re.S)[0]
    # France has only drafts and a record in review: drawn in the plain shade, not linked.
    assert "<title>France</title>" in html
    assert 'data-country="FR"' not in html
    legend = re.findall(r'<span class="swatch level-(\d)"></span>([^<]+)</span>', html)
    assert legend == [("1", "1"), ("2", "2–4"), ("3", "5–9"), ("4", "10 or more")]


def test_the_country_table_lists_the_counts_largest_first_linked_to_the_directory(
    client, organisations
):
    html = client.get(numbers_url()).content.decode()
    assert table_rows(html, "countries") == [("Germany", "12"), ("Türkiye", "3"), ("Malta", "1")]
    assert f'<a href="{directory_url()}?country=MT">Malta</a>' in html


def test_the_figures_count_only_what_the_public_sees(client, organisations):
    PublicPersonFactory(status="published")
    PublicPersonFactory(status="draft")
    PersonFactory(status="published")  # no consent: never counted
    medal = MedalFactory(status="published")
    honoured = PublicPersonFactory(status="published")
    ConfermentFactory(medal=medal, person=honoured, status="published")
    ConfermentFactory(medal=medal, person=PersonFactory(status="published"), status="published")
    ConfermentFactory(medal=medal, status="draft")
    EventFactory(status="published", start=datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC))
    EventFactory(status="draft")
    response = client.get(numbers_url())
    figures = {
        key: response.context[key]
        for key in ("organisation_count", "country_count", "event_count", "people_count")
    }
    assert figures == {
        "organisation_count": 16,
        "country_count": 3,
        "event_count": 1,
        "people_count": 2,  # the consenting published person and the honoured one
    }
    assert response.context["honoured_count"] == 2


def test_events_per_year_and_organisations_by_type_match_a_count_and_their_csv(
    client, organisations
):
    for year, count in ((2021, 2), (2023, 1)):
        for _ in range(count):
            EventFactory(
                status="published", start=datetime.datetime(year, 3, 1, tzinfo=datetime.UTC)
            )
    EventFactory(status="draft", start=datetime.datetime(2022, 3, 1, tzinfo=datetime.UTC))
    response = client.get(numbers_url())
    charts = {chart.slug: chart for chart in response.context["charts"]}
    assert charts["events-per-year"].rows == (("2021", (2,)), ("2022", (0,)), ("2023", (1,)))
    expected_types = {
        str(label): Organisation.objects.published().filter(type=value).count()
        for value, label in OrganisationType.choices
    }
    assert dict((label, counts[0]) for label, counts in charts["organisations-by-type"].rows) == (
        expected_types
    )
    assert expected_types["Azerbaijan House"] == 12
    with translation.override("en"):
        events_csv = client.get(reverse("numbers-csv", args=["events-per-year"]))
        types_csv = client.get(reverse("numbers-csv", args=["organisations-by-type"]))
    assert read_csv(events_csv) == [
        ["Year", "Events"],
        ["2021", "2"],
        ["2022", "0"],
        ["2023", "1"],
    ]
    assert read_csv(types_csv)[0] == ["Type", "Organisations"]
    assert {row[0]: int(row[1]) for row in read_csv(types_csv)[1:]} == expected_types
    assert client.get("/en/numbers/people.csv").status_code == 404


def test_the_page_speaks_the_visitors_language_and_groups_thousands_as_it_does(client):
    OrganisationFactory.create_batch(3, status="published", country="DE")
    html = client.get(numbers_url("az")).content.decode()
    assert 'aria-label="Almaniya: 3 təşkilat"' in html
    html = client.get(numbers_url("ru")).content.decode()
    assert "Германия: 3 организации" in html
    from charts.templatetags.charts import grouped

    with translation.override("ru"):
        assert grouped(12345) == "12\xa0345"
    with translation.override("en"):
        assert grouped(12345) == "12,345"


def test_the_home_page_and_the_directory_show_the_map_too(client, organisations):
    home = client.get(reverse("home")).content.decode()
    assert set(shaded_countries(home)) == {"DE", "TR", "MT"}
    assert f'href="{numbers_url()}"' in home
    directory = client.get(directory_url() + "?type=community").content.decode()
    # The directory's map counts what its filter shows, and keeps the filter in its links.
    assert shaded_countries(directory) == {
        "TR": (2, f"{directory_url()}?country=TR&type=community", "Türkiye: 3 organisations")
    }


def test_the_main_navigation_leads_to_the_numbers(client):
    html = client.get(reverse("home")).content.decode()
    nav = re.search(r'<nav aria-label="Main">(.*?)</nav>', html, re.S)[1]
    assert f'<a href="{numbers_url()}">In numbers</a>' in nav


@pytest.mark.parametrize("page", ["numbers", "home"])
def test_the_numbers_take_as_many_queries_for_many_records_as_for_few(
    client, django_assert_num_queries, page
):
    def add(country):
        OrganisationFactory(status="published", country=country)
        EventFactory(status="published")
        ConfermentFactory(
            status="published", medal__status="published", person__status="published"
        )

    add("DE")
    address = numbers_url() if page == "numbers" else reverse("home")
    with CaptureQueriesContext(connection) as few:
        client.get(address)
    for country in ("FR", "TR", "MT", "US", "DE"):
        add(country)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(address)
    assert response.context["organisation_count"] == 6
    assert len(few.captured_queries) <= 10


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_the_drawings_coordinates_are_numbers_in_every_language(client, organisations, language):
    EventFactory(status="published")
    html = client.get(numbers_url(language)).content.decode()
    coordinates = re.findall(r' (?:x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)"', html)
    assert len(coordinates) > 50
    assert [value for value in coordinates if not re.fullmatch(r"-?\d+(\.\d+)?", value)] == []
