import pytest
from django.urls import reverse

from events.models import Event
from events.tests.factories import EventFactory
from publishing import services

pytestmark = pytest.mark.django_db


def test_publish_changes_only_drafts_and_records_who_did_it(admin_user):
    drafts = EventFactory.create_batch(2)
    already = EventFactory(status="published")

    count = services.publish(queryset=Event.objects.all(), user=admin_user)

    assert count == 2
    assert set(Event.objects.published()) == {*drafts, already}
    latest = drafts[0].history.first()
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        "published",
        admin_user,
        "Status set to published",
    )
    assert already.history.count() == 1


def test_unpublish_returns_records_to_draft(admin_user):
    event = EventFactory(status="published")
    assert services.unpublish(queryset=Event.objects.all(), user=admin_user) == 1
    event.refresh_from_db()
    assert event.status == "draft"


def test_publish_action_in_the_admin_is_a_publishers(client, editor, publisher):
    first, second, untouched = EventFactory.create_batch(3)
    selected = {"action": "publish_selected", "_selected_action": [first.pk, second.pk]}
    client.force_login(editor)
    refused = client.post(reverse("admin:events_event_changelist"), selected, follow=True)
    offered = [name for name, _label in refused.context["action_form"].fields["action"].choices]
    assert "submit_for_review" in offered
    assert "publish_selected" not in offered
    assert not Event.objects.published().exists()

    client.force_login(publisher)
    response = client.post(reverse("admin:events_event_changelist"), selected, follow=True)
    assert [str(message) for message in response.context["messages"]] == ["2 records published."]
    assert list(Event.objects.published().order_by("pk")) == [first, second]
    assert first.history.first().history_user == publisher
