"""PostgreSQL answers the lists and the searches from their indexes (the plans, not timings).

A test database holds a few rows, for which a sequential scan is cheapest; with sequential
scans priced out of reach, the plan shows whether an index can serve the query at all, which
is what keeps a list of 500,000 people as fast as one of 50.
"""

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory

from awards.models import Conferment
from bench.data import generate
from events.models import Event
from media.models import Photo
from organisations.models import Organisation, Person
from search import search

ARCHIVE_SCALE = 0.05  # 2,500 people, 1,000 events, 250 organisations

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the indexes' plans are PostgreSQL's"
    ),
]


@pytest.fixture
def plan_of(admin_user):
    """The plan of a queryset over an archive of a few thousand rows, with the statistics
    PostgreSQL keeps of it."""
    generate(ARCHIVE_SCALE, log=lambda line: None)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SET enable_seqscan = off")
    yield lambda queryset: queryset.explain()
    with connection.cursor() as cursor:
        cursor.execute("RESET enable_seqscan")


def changelist_page(model, user, **query):
    request = RequestFactory().get("/", query)
    request.user = user
    changelist = admin.site.get_model_admin(model).get_changelist_instance(request)
    return changelist.queryset[: changelist.list_per_page]


@pytest.mark.parametrize(
    ("model", "index"),
    [
        (Person, "organisations_person_by_name"),
        (Event, "events_event_by_start"),
        (Organisation, "organisations_org_by_name-en"),
        (Conferment, "awards_conferment_by_date"),
        (Photo, "media_photo_by_created"),
    ],
)
def test_admin_lists_are_read_in_the_order_of_an_index(plan_of, admin_user, model, index):
    plan = plan_of(changelist_page(model, admin_user))
    assert index in plan, plan
    assert f"Seq Scan on {model._meta.db_table}" not in plan, plan


def test_public_events_upcoming_and_past_are_read_from_the_index_on_start(plan_of):
    listing = Event.objects.published().upcoming_first()
    for part in (listing.upcoming, listing.past):
        plan = plan_of(part[:12])
        assert "events_event_by_start" in plan, plan
        assert "Sort" not in plan, plan


@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (Person.objects.all(), "organisations_person_search_trgm"),
        (Event.objects.all(), "events_event_search_trgm"),
        (Organisation.objects.all(), "organisations_org_search_trgm"),
    ],
)
def test_searches_read_the_trigram_index_of_the_folded_names(plan_of, queryset, index):
    plan = plan_of(search(queryset, "Həsənov").order_by())  # as they are counted
    assert f"Bitmap Index Scan on {index}" in plan, plan


def test_the_admin_search_reads_the_names_and_slugs_indexes_together(plan_of, admin_user):
    request = RequestFactory().get("/", {"q": "hasanov"})
    request.user = admin_user
    person_admin = admin.site.get_model_admin(Person)
    results, _duplicates = person_admin.get_search_results(
        request, Person.objects.all(), "hasanov"
    )
    plan = plan_of(results.order_by())  # as the list counts them
    assert "Bitmap Index Scan on organisations_person_search_trgm" in plan, plan
    assert "Bitmap Index Scan on organisations_person_slug_trgm" in plan, plan
