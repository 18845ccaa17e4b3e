"""Registrations in the admin by role and scope: a coordinator sees the participants of
their countries' events and nothing of the others'."""

import datetime

import pytest
from django.utils import timezone

from events.tests.factories import EventFactory
from organisations.tests.factories import OrganisationFactory
from registrations import services
from registrations.models import RegistrationSettings
from scopes.tests.worlds import coordinator

pytestmark = pytest.mark.django_db


def event_with_a_participant(country, name):
    event = EventFactory(
        status="published",
        country=country,
        organiser=OrganisationFactory(country=country),
        title_en=f"Meeting {name}",
        start=timezone.now() + datetime.timedelta(days=9),
    )
    desk = RegistrationSettings.objects.create(event=event, is_open=True)
    registration = services.register(
        event,
        name=name,
        email=f"{name.lower()}@example.org",
        country=country,
        language="en",
        consent=services.current_consent(),
        visibility="nobody",
    )
    return desk, registration


def test_a_coordinator_sees_only_their_countries_participants(client, django_user_model):
    german_desk, german = event_with_a_participant("DE", "Sentinelde")
    french_desk, french = event_with_a_participant("FR", "Sentinelfr")
    client.force_login(coordinator(django_user_model, "DE"))
    listing = client.get("/admin/registrations/registration/").content.decode()
    assert "Sentinelde" in listing
    assert "Sentinelfr" not in listing
    base = "/admin/registrations"
    assert client.get(f"{base}/registration/{german.pk}/change/").status_code == 200
    assert client.get(f"{base}/registration/{french.pk}/change/").status_code == 404
    assert client.get(f"{base}/registrationsettings/{german_desk.pk}/change/").status_code == 200
    assert client.get(f"{base}/registrationsettings/{french_desk.pk}/change/").status_code == 404
    settings_page = client.get(f"{base}/registrationsettings/").content.decode()
    assert "Meeting Sentinelfr" not in settings_page
    # The consent text is the body's: a coordinator reads it and writes no version of it.
    assert client.get(f"{base}/consenttext/").status_code == 200
    assert client.get(f"{base}/consenttext/add/").status_code == 403
