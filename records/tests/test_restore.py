"""Records deleted in the admin, one by one or several at once, come back from the admin."""

import pytest
from django.urls import reverse

from events.models import Event
from events.tests.factories import EventFactory
from organisations.models import Organisation
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

DELETED = reverse("admin:events_event_deleted")


def test_an_event_deleted_alone_is_restored_as_it_was(admin_client):
    event = EventFactory(title_en="Novruz in Berlin", title_az="Berlində Novruz")
    pk, slug = event.pk, event.slug
    admin_client.post(reverse("admin:events_event_delete", args=[pk]), {"post": "yes"})
    assert not Event.objects.filter(pk=pk).exists()

    listing = admin_client.get(DELETED)
    assert "Novruz in Berlin" in listing.content.decode()
    ((record, _as_it_was),) = listing.context["records"]
    response = admin_client.post(DELETED, {"history_id": record.history_id}, follow=True)
    assert "is restored" in response.content.decode()

    restored = Event.objects.get(pk=pk)
    assert (restored.title_en, restored.title_az, restored.slug) == (
        "Novruz in Berlin",
        "Berlində Novruz",
        slug,
    )
    assert admin_client.get(DELETED).context["records"] == []


def test_records_deleted_together_are_restored_one_by_one(admin_client):
    first, second = (
        OrganisationFactory(name_en="Odlar Yurdu"),
        OrganisationFactory(name_en="Vətən"),
    )
    admin_client.post(
        reverse("admin:organisations_organisation_changelist"),
        {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"},
    )
    deleted = reverse("admin:organisations_organisation_deleted")
    records = admin_client.get(deleted).context["records"]
    assert sorted(str(as_it_was) for _record, as_it_was in records) == ["Odlar Yurdu", "Vətən"]
    for record, _as_it_was in records:
        admin_client.post(deleted, {"history_id": record.history_id})
    assert sorted(Organisation.objects.values_list("name_en", flat=True)) == [
        "Odlar Yurdu",
        "Vətən",
    ]


def test_a_record_whose_name_was_taken_since_is_not_restored_and_says_why(admin_client):
    event = EventFactory(title_en="Novruz", slug="novruz")
    admin_client.post(reverse("admin:events_event_delete", args=[event.pk]), {"post": "yes"})
    EventFactory(title_en="Another Novruz", slug="novruz")
    ((record, _as_it_was),) = admin_client.get(DELETED).context["records"]
    response = admin_client.post(DELETED, {"history_id": record.history_id}, follow=True)
    assert "Another record now has the same name or address" in response.content.decode()
    assert Event.objects.count() == 1


def test_a_viewer_can_neither_see_nor_restore_deleted_records(client, viewer):
    client.force_login(viewer)
    assert client.get(DELETED).status_code == 403
    assert client.post(DELETED, {"history_id": "1"}).status_code == 403


def test_nonsense_is_answered_with_a_message(admin_client):
    response = admin_client.post(DELETED, {"history_id": "abc"}, follow=True)
    assert response.status_code == 200
    response = admin_client.post(DELETED, {"history_id": "999999"}, follow=True)
    assert "There is no such deleted record." in response.content.decode()


def test_the_deleted_list_is_read_a_page_at_a_time(admin_client, django_assert_num_queries):
    """After an undone import the list holds 100,000 records: a page costs the same queries
    whether 3 or 120 records were deleted."""
    from organisations.models import Person
    from organisations.tests.factories import PersonFactory

    deleted = reverse("admin:organisations_person_deleted")

    def delete_people(count):
        for number in range(count):  # one after the other: the newest is listed first
            PersonFactory(full_name=f"Gone {number:03}").delete()

    delete_people(3)
    with django_assert_num_queries(4):
        few = admin_client.get(deleted)
    assert [str(record) for _version, record in few.context["records"]] == [
        "Gone 002",
        "Gone 001",
        "Gone 000",
    ]
    Person.history.all().delete()
    delete_people(120)
    with django_assert_num_queries(4):
        first = admin_client.get(deleted)
    with django_assert_num_queries(4):
        last = admin_client.get(deleted, {"p": 3})
    assert [str(record) for _version, record in first.context["records"]] == [
        f"Gone {number:03}" for number in range(119, 69, -1)
    ]
    assert [str(record) for _version, record in last.context["records"]] == [
        f"Gone {number:03}" for number in range(19, -1, -1)
    ]
    assert "120 deleted records" in first.content.decode()
