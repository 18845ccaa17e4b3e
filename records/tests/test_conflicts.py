"""Two editors, one record: the second to save a stale copy is told, and nothing is lost."""

import pytest
from django.test import Client
from django.urls import reverse

from bench.forms import AdminFormFields
from events.models import Event
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def opened(client, url):
    """The fields of the change form as the editor's browser holds them."""
    parser = AdminFormFields()
    parser.feed(client.get(url).content.decode())
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return data


def test_the_second_editor_to_save_a_stale_copy_is_told_and_the_first_change_survives(
    admin_user, editor
):
    event = EventFactory(title_en="Novruz")
    url = reverse("admin:events_event_change", args=[event.pk])
    first, second = Client(), Client()
    first.force_login(admin_user)
    second.force_login(editor)
    first_copy, second_copy = opened(first, url), opened(second, url)

    assert first.post(url, {**first_copy, "title_en": ["Novruz in Berlin"]}).status_code == 302
    response = second.post(url, {**second_copy, "title_en": ["Novruz in Paris"]})

    assert response.status_code == 200
    (message,) = response.context["adminform"].form.non_field_errors()
    assert message.startswith("admin saved this record at ")
    assert "Your changes were not saved" in message
    assert Event.objects.get(pk=event.pk).title_en == "Novruz in Berlin"


def test_an_editor_saving_a_fresh_copy_saves(admin_client):
    event = EventFactory(title_en="Novruz")
    url = reverse("admin:events_event_change", args=[event.pk])
    copy = opened(admin_client, url)
    assert admin_client.post(url, {**copy, "title_en": ["Novruz in Baku"]}).status_code == 302
    again = opened(admin_client, url)
    assert admin_client.post(url, {**again, "title_en": ["Novruz in Gəncə"]}).status_code == 302
    assert Event.objects.get(pk=event.pk).title_en == "Novruz in Gəncə"
