"""Every admin page staff use answers, and a changelist's queries do not grow with its rows."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.tests.factories import ConfermentFactory, MedalFactory
from events.tests.factories import EventFactory, PressReportFactory, ProgrammeItemFactory
from media.tests.factories import DocumentFactory, PhotoFactory, VideoFactory
from organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)

PROJECT_APPS = {"media", "organisations", "events", "awards"}

# A row as staff see it in each list: with its relations and images filled in, so that a
# missing select_related shows up as a query per row.
ROW_FACTORIES = {
    "media.photo": PhotoFactory,
    "media.video": VideoFactory,
    "media.document": DocumentFactory,
    "organisations.organisation": lambda: OrganisationFactory(
        parent=OrganisationFactory(type="coordination_council"), logo="logos/x.png"
    ),
    "organisations.person": lambda: PersonFactory(photo=PhotoFactory()),
    "organisations.membership": MembershipFactory,
    "events.event": lambda: EventFactory(cover_photo=PhotoFactory()),
    "events.programmeitem": lambda: ProgrammeItemFactory(
        person=PersonFactory(), organisation=OrganisationFactory()
    ),
    "events.pressreport": PressReportFactory,
    "awards.medal": lambda: MedalFactory(image="medals/x.png"),
    "awards.conferment": ConfermentFactory,
}

SEARCHES = {
    "media.photo": "Photo",
    "media.video": "Video",
    "media.document": "Document",
    "organisations.organisation": "Azərbaycan",
    "organisations.person": "Hasanova",
    "organisations.membership": "Həsənova",
    "events.event": "Videoconference",
    "events.programmeitem": "Speech",
    "events.pressreport": "Trend",
    "awards.medal": "Merits",
    "awards.conferment": "Hasanova",
}

FILTERS = {
    "media.photo": "date_taken__isnull=True",
    "media.video": "created__gte=2000-01-01+00%3A00%3A00%2B04%3A00",
    "media.document": "created__gte=2000-01-01+00%3A00%3A00%2B04%3A00",
    "organisations.organisation": "type__exact=azerbaijan_house&country=DE",
    "organisations.person": "public__exact=0&profession__exact=scientist&country=FR",
    "organisations.membership": "organisation__country=DE",
    "events.event": "format__exact=online&status__exact=draft&start__year=2025",
    "events.programmeitem": "kind__exact=speech",
    "events.pressreport": "agency=Trend",
    "awards.medal": "status__exact=draft",
    "awards.conferment": "status__exact=draft&date__year=2025",
}


def project_model_admins():
    return sorted(
        (model._meta.label_lower, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in PROJECT_APPS
    )


MODEL_LABELS = [label for label, _model_admin in project_model_admins()]


def admin_url(label, view, *args):
    return reverse(f"admin:{label.replace('.', '_')}_{view}", args=args)


def test_every_project_admin_is_covered_here():
    assert set(MODEL_LABELS) == set(ROW_FACTORIES) == set(SEARCHES) == set(FILTERS)


@pytest.mark.django_db
@pytest.mark.parametrize("label", MODEL_LABELS)
def test_admin_pages_answer_for_a_superuser(admin_client, label):
    record = ROW_FACTORIES[label]()
    changelist = admin_url(label, "changelist")

    plain = admin_client.get(changelist)
    searched = admin_client.get(changelist, {"q": SEARCHES[label]})
    filtered = admin_client.get(f"{changelist}?{FILTERS[label]}")
    add = admin_client.get(admin_url(label, "add"))
    change = admin_client.get(admin_url(label, "change", record.pk))
    history = admin_client.get(admin_url(label, "history", record.pk))

    assert [
        plain.status_code,
        searched.status_code,
        filtered.status_code,
        add.status_code,
        change.status_code,
        history.status_code,
    ] == [200] * 6
    # The search and the filter found the record rather than silently falling back.
    assert record in searched.context["cl"].result_list
    assert record in filtered.context["cl"].result_list


@pytest.mark.django_db
@pytest.mark.parametrize("label", MODEL_LABELS)
def test_admin_changelist_queries_do_not_grow_with_rows(
    admin_client, django_assert_num_queries, label
):
    ROW_FACTORIES[label]()
    url = admin_url(label, "changelist")
    admin_client.get(url)  # warms the per-process caches (content types, sessions)
    with CaptureQueriesContext(connection) as one_row:
        assert admin_client.get(url).status_code == 200
    queries_for_one_row = len(one_row.captured_queries)

    for _ in range(19):
        ROW_FACTORIES[label]()
    # The new rows' thumbnails are made on this first view, once (media/test_renditions.py).
    admin_client.get(url)
    with django_assert_num_queries(queries_for_one_row):
        response = admin_client.get(url)
    assert response.status_code == 200
    # Every row is listed (an organisation's factory makes its council too).
    stored = apps.get_model(label)._default_manager.count()
    assert (response.context["cl"].result_count, stored >= 20) == (stored, True)


LISTS_WITH_IMAGES = [
    "media.photo",
    "organisations.organisation",
    "organisations.person",
    "events.event",
    "awards.medal",
]


@pytest.mark.django_db
@pytest.mark.parametrize("label", LISTS_WITH_IMAGES)
def test_admin_lists_of_images_waiting_for_renditions_stay_flat(admin_client, settings, label):
    """Photos added in bulk (an import, a restored backup) have no renditions yet: the first
    view of their list reads the page's renditions at once and asks for them in one task."""
    from django_tasks_db.models import DBTaskResult
    from sorl.thumbnail.models import KVStore

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    url = admin_url(label, "changelist")

    def first_view(rows):
        while apps.get_model(label)._default_manager.count() < rows:
            ROW_FACTORIES[label]()
        KVStore.objects.all().delete()
        caches["renditions"].clear()
        admin_client.get(url)  # the per-process caches warmed, the renditions asked for
        caches["renditions"].clear()
        tasks_before = DBTaskResult.objects.count()
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(url)
        assert response.status_code == 200
        assert 'class="rendition-pending"' in response.content.decode()
        return len(queries.captured_queries), DBTaskResult.objects.count() - tasks_before

    assert first_view(5) == first_view(25)
    assert first_view(25)[1] == 1  # one task for the page's renditions


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "?q=%00%27%22<script>",
        "?status__exact=nonsense",
        "?start__year=abc",
        "?o=99",
        "?p=abc",
        "?country=XX",
        "?unknown_field=1",
        "?organiser__id__exact=99999999999999999999",
        "?organiser__id__exact=abc",
        "?start__gte=99999-01-01",
        "?q=" + "x" * 10000,
    ],
)
def test_admin_changelist_survives_bad_query_strings(admin_client, query):
    EventFactory()
    response = admin_client.get(admin_url("events.event", "changelist") + query)
    if response.status_code == 302:
        # The admin's own answer to a filter it cannot apply: the list with a notice.
        assert response["Location"].endswith("?e=1")
    else:
        assert response.status_code == 200
        assert response.context["cl"].result_count in {0, 1}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("az", ["Tədbirlər", "Başlanğıc (yerli vaxtla)", "Onlayn", "Qaralama"]),
        ("ru", ["Мероприятия", "Начало (по местному времени)", "Онлайн", "Черновик"]),
    ],
)
def test_admin_speaks_the_staffs_language(admin_client, language, expected):
    EventFactory()
    response = admin_client.get(
        admin_url("events.event", "changelist"), headers={"accept-language": language}
    )
    page = response.content.decode()
    assert [text for text in expected if text in page] == expected


@pytest.mark.django_db
def test_staff_switch_the_admin_language(admin_client):
    response = admin_client.post(
        reverse("set_language"), {"language": "ru", "next": "/admin/"}, follow=True
    )
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Мероприятия" in response.content.decode()


HOSTILE_VALUES = [
    "x" * 5000,
    "99999999999999999999",
    "-1",
    "31.02.2025",
    "<script>alert(1)</script>\u0000",
    "",
]


def hostile(value):
    def transform(name, original):
        if name == "csrfmiddlewaretoken" or name.endswith(
            ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
        ):
            return original
        return value

    return transform


@pytest.mark.django_db
@pytest.mark.parametrize("value", HOSTILE_VALUES, ids=range(len(HOSTILE_VALUES)))
@pytest.mark.parametrize("label", MODEL_LABELS)
def test_admin_forms_answer_hostile_input_with_messages(
    admin_client, submit_admin_form, label, value
):
    record = ROW_FACTORIES[label]()
    for url in (admin_url(label, "add"), admin_url(label, "change", record.pk)):
        response = submit_admin_form(admin_client, url, transform=hostile(value))
        if response.status_code == 302:  # a value the form could take, and stored
            assert response["Location"].startswith("/admin/"), response["Location"]
        else:  # the form again, saying what to correct
            assert response.status_code == 200, (url, response.status_code)
            assert 'class="errornote"' in response.content.decode(), url


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/admin/events/event/abc/change/", 404),
        ("/admin/events/event/99999999999999999999/change/", 404),
        ("/admin/events/event/{pk}/history/abc/", 404),
        ("/admin/events/event/{pk}/history/99999999999999999999/", 404),
        ("/admin/events/event/abc/history/", 404),
        (
            "/admin/autocomplete/?app_label=events&model_name=event&field_name=organiser&term=%00",
            200,
        ),
        ("/admin/autocomplete/?app_label=nope&model_name=event&field_name=organiser", 403),
    ],
)
def test_admin_answers_made_up_addresses_without_failing(admin_client, path, status):
    event = EventFactory()
    assert admin_client.get(path.format(pk=event.pk)).status_code == status


@pytest.mark.django_db
def test_admin_search_finds_azerbaijani_letters_typed_in_plain_latin(admin_client):
    from organisations.tests.factories import PersonFactory

    PersonFactory(full_name="Leyla Həsənova", full_name_latin="")
    PersonFactory(full_name="Rauf Məmmədov", full_name_latin="")
    response = admin_client.get(admin_url("organisations.person", "changelist") + "?q=hasanova")
    assert [str(person) for person in response.context["cl"].result_list] == ["Leyla Həsənova"]


@pytest.mark.django_db
def test_events_filter_by_year_from_the_first_to_the_last(admin_client):
    import datetime

    from events.tests.factories import BAKU

    for year in (2019, 2025):
        EventFactory(start=datetime.datetime(year, 5, 1, 12, tzinfo=BAKU))
    url = admin_url("events.event", "changelist")
    years = [
        choice["display"]
        for choice in admin_client.get(url)
        .context["cl"]
        .filter_specs[1]
        .choices(admin_client.get(url).context["cl"])
    ]
    assert years[1:] == [str(year) for year in range(2025, 2018, -1)]
    filtered = admin_client.get(url + "?start_year=2019").context["cl"].result_list
    assert [event.start.year for event in filtered] == [2019]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("hasanova", ["Leyla Həsənova"]),  # a folded name
        ("leyla-hasanova-2", ["Leyla Həsənova"]),  # the slug, a search field beside the names
        ("müəllim", ["Rauf Məmmədov"]),  # the position, as it is stored
        ("MÜƏLLİM rauf", ["Rauf Məmmədov"]),  # every word, each in a name or a field
        ("müəllim leyla", []),
    ],
)
def test_admin_search_reads_every_declared_search_field(admin_client, query, found):
    from organisations.tests.factories import PersonFactory

    PersonFactory(full_name="Leyla Həsənova", full_name_latin="", slug="leyla-hasanova-2")
    PersonFactory(full_name="Rauf Məmmədov", full_name_latin="", position="Müəllim")
    response = admin_client.get(admin_url("organisations.person", "changelist"), {"q": query})
    assert response.status_code == 200
    assert [str(person) for person in response.context["cl"].result_list] == found
