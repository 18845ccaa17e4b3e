"""Registrations in the admin by role and scope: a coordinator sees the participants of
their countries' events and nothing of the others'."""

import datetime
import io
import json

import pytest
from django.core import mail as outbox
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events.tests.factories import EventFactory
from organisations.tests.factories import OrganisationFactory, PersonFactory
from privacy.services import erase_person, person_data
from registrations import links, services
from registrations.models import Registration, RegistrationSettings
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


def test_access_and_erasure_by_address_and_with_the_person(django_user_model):
    desk, registration = event_with_a_participant("DE", "Sentinelde")
    output = io.StringIO()
    call_command("registrant_data", "SENTINELDE@example.org", stdout=output)
    (found,) = json.loads(output.getvalue())
    assert (found["name"], found["consent_version"]) == ("Sentinelde", 1)
    person = PersonFactory(email="sentinelde@example.org")
    assert person_data(person)["registrations"][0]["event"] == "Meeting Sentinelde"
    erase_person(person)
    registration.refresh_from_db()
    assert (registration.name, registration.email, registration.country.code) == ("", "", "DE")
    assert not Registration.history.filter(id=registration.pk).exists()
    other_desk, other = event_with_a_participant("FR", "Another")
    call_command("erase_registrant", "another@example.org", "--yes", stdout=io.StringIO())
    other.refresh_from_db()
    assert other.name == ""


def test_staff_check_a_participant_in_from_the_code_on_their_page(client, django_user_model):
    desk, registration = event_with_a_participant("DE", "Sentinelde")
    RegistrationSettings.objects.filter(pk=desk.pk).update(mode="in_person")
    services.confirm(registration)
    own = reverse("registrations:mine", args=[desk.event.slug, links.manage_token(registration)])
    page = client.get(own).content.decode()
    assert "<svg" in page
    door = reverse(
        "admin:registrations_registration_check_in", args=[links.check_in_token(registration)]
    )
    # The address asks for a staff sign-in; a coordinator of another country finds nothing.
    assert client.get(door).status_code == 302
    client.force_login(coordinator(django_user_model, "FR", username="france"))
    assert client.get(door).status_code == 404
    client.force_login(coordinator(django_user_model, "DE", username="germany"))
    assert client.get(door).status_code == 200
    assert client.post(door).status_code == 302
    registration.refresh_from_db()
    assert registration.attendance == "attended"
    assert registration.checked_in_at is not None
    forged = reverse("admin:registrations_registration_check_in", args=[f"{registration.pk}:x"])
    assert client.get(forged).status_code == 404


def test_staff_write_to_participants_preview_it_and_send_it_as_a_job(admin_client):
    desk, first = event_with_a_participant("DE", "Sentinelde")
    second = services.register(
        desk.event,
        name="Second",
        email="second@example.org",
        country="AZ",
        language="ru",
        consent=services.current_consent(),
        visibility="nobody",
    )
    listing = "/admin/registrations/registration/"
    chosen = {"action": "email_participants", "_selected_action": [first.pk, second.pk]}
    page = admin_client.post(listing, chosen)
    assert "2 participants will receive it." in page.content.decode()
    written = {**chosen, "subject": "The hall has changed", "text": "Room 4, second floor."}
    preview = admin_client.post(listing, {**written, "preview": "1"}).content.decode()
    assert "Room 4, second floor." in preview
    assert not outbox.outbox
    sent = admin_client.post(listing, {**written, "send": "1"})
    assert sent.status_code == 302
    assert "/admin/jobs/job/" in sent["Location"]
    assert sorted(message.to[0] for message in outbox.outbox) == [
        "second@example.org",
        "sentinelde@example.org",
    ]
    assert all("Room 4, second floor." in message.body for message in outbox.outbox)


def test_a_coordinator_exports_their_countries_registrations_without_addresses(
    client, django_user_model
):
    event_with_a_participant("DE", "Sentinelde")
    event_with_a_participant("FR", "Sentinelfr")
    client.force_login(coordinator(django_user_model, "DE"))
    form = client.get("/admin/registrations/registration/export/")
    assert "with_contacts" not in form.context["form"].fields
    exported = client.post("/admin/registrations/registration/export/", {"format": "csv"})
    lines = exported.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[:4] == ["id", "event", "event_start", "status"]
    assert "email" not in lines[0].split(",")
    assert [line.split(",")[1] for line in lines[1:]] == ["Meeting Sentinelde"]
    assert "Sentinelfr" not in exported.content.decode()


def test_registrations_are_exported_only_never_imported(admin_client):
    event_with_a_participant("DE", "Sentinelde")
    exported = admin_client.post(
        "/admin/registrations/registration/export/", {"format": "csv", "with_contacts": "on"}
    )
    header, row = exported.content.decode("utf-8-sig").splitlines()
    assert "sentinelde@example.org" in row.split(",")
    assert "registrations" not in call_command_choices("import_data")


def call_command_choices(name):
    from django.core.management import get_commands, load_command_class

    parser = load_command_class(get_commands()[name], name).create_parser("manage.py", name)
    (dataset,) = [action for action in parser._actions if action.dest == "dataset"]
    return dataset.choices
