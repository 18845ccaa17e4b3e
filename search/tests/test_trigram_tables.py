"""On SQLite the search reads FTS5 trigram tables, kept in step with the records by triggers,
and finds what comparing every row finds."""

import pytest
from django.db import connection
from django.db.models import Q

from events.models import Event
from events.tests.factories import EventFactory
from organisations.models import Person
from organisations.tests.factories import PersonFactory
from search import search
from search.models import heal_trigram_tables
from search.operations import trigram_table

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's trigram tables"),
]

NOT_FOUND = {"az"}  # a name's start, but two letters are not a word of it
QUERIES = [
    "hasanov",
    "Həsənova",
    "ГАСАНОВ",
    "leyla hasanova",
    "nov",
    "az",
    "vienna",
    "100%",
    "a_b",
    '"quoted"',
    "ova:",
]


def scanned(queryset, query):
    """What the search finds comparing every row, as it did before the trigram tables."""
    from search import SEARCH_MAX_LENGTH, fold

    for word in query[:SEARCH_MAX_LENGTH].split():
        queryset = queryset.filter(Q(search_text__contains=fold(word)) | Q(slug__icontains=word))
    return queryset


def plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " / ".join(row[-1] for row in cursor.fetchall())


@pytest.fixture
def people():
    return [
        PersonFactory(full_name="Leyla Həsənova", full_name_cyrillic="Лейла Гасанова"),
        PersonFactory(full_name="Rauf Həsənov", full_name_latin="Rauf Hasanov"),
        PersonFactory(full_name="Nərgiz Novruzova", full_name_latin="Nargiz Novruzova"),
        PersonFactory(full_name="Az Vienna", full_name_latin="Az Vienna"),
        PersonFactory(full_name='Klub "quoted" 100% a_b ova:', full_name_latin=""),
    ]


@pytest.mark.parametrize("query", QUERIES)
def test_finds_what_comparing_every_row_finds(people, query):
    found = search(Person.objects.all(), query)
    assert set(found) == set(scanned(Person.objects.all(), query))
    assert found.exists() or query in NOT_FOUND


def test_reads_the_trigram_table_for_words_of_three_letters(people):
    """The public search's; the admin's compares other fields too, so it reads the list in its
    order and stops at a page."""
    query_plan = plan(search(Person.objects.all(), "hasanov"))
    assert "SCAN organisations_person_trigrams VIRTUAL TABLE INDEX 0:M" in query_plan
    assert "SCAN organisations_person " not in query_plan + " "
    admin_plan = plan(search(Person.objects.all(), "hasanov", also=["slug"]))
    assert "trigrams" not in admin_plan


def test_changes_and_deletions_reach_the_trigram_table():
    event = EventFactory(title_en="Novruz in Vienna")
    assert list(search(Event.objects.all(), "vienna")) == [event]
    event.title_en = "Novruz in Paris"
    event.save()
    assert list(search(Event.objects.all(), "vienna")) == []
    Event.objects.filter(pk=event.pk).update(search_text="mugham in baku")
    assert list(search(Event.objects.all(), "baku")) == [event]
    event.delete()
    assert list(search(Event.objects.all(), "baku")) == []


def test_triggers_dropped_by_a_table_rebuild_come_back_after_migrate():
    trigrams = trigram_table(Event._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {trigrams}_insert")
    event = EventFactory(title_en="Novruz in Vienna")
    assert list(search(Event.objects.all(), "vienna")) == []
    heal_trigram_tables(sender=Event._meta.app_config)
    assert list(search(Event.objects.all(), "vienna")) == [event]
    later = EventFactory(title_en="Mugham in Vienna")
    assert set(search(Event.objects.all(), "vienna")) == {event, later}
