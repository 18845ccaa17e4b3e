"""Registrants' e-mails through a real SMTP server (aiosmtpd): sent by a job after the
commit, in the registrant's language; a server that does not answer leaves the message
waiting with its reason, visible in the admin, and the scheduled job sends it later."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.tests.factories import EventFactory
from registrations import services
from registrations.models import Message, RegistrationSettings

pytestmark = pytest.mark.django_db


def register(event, language="az"):
    return services.register(
        event,
        name="Rəşad Əliyev",
        email="reshad@example.org",
        country="FR",
        language=language,
        consent=services.current_consent(),
        visibility="nobody",
    )


def test_a_message_waits_for_the_server_and_goes_when_it_answers(
    smtp, django_capture_on_commit_callbacks, admin_client
):
    server, inbox = smtp
    event = EventFactory(status="published", start=timezone.now() + datetime.timedelta(days=5))
    RegistrationSettings.objects.create(event=event, is_open=True)
    with django_capture_on_commit_callbacks(execute=True):
        register(event)  # the server is not running yet
    message = Message.objects.get()
    assert message.sent is None
    assert message.attempts == 1
    assert message.error
    listing = admin_client.get("/admin/registrations/message/").content.decode()
    assert message.error[:40] in listing
    server.start()
    call_command("release_registrations", stdout=io.StringIO())
    message.refresh_from_db()
    assert message.sent is not None
    (received,) = inbox.received
    assert received["To"] == "reshad@example.org"
    body = received.get_payload(decode=True).decode()
    assert "Qeydiyyatı başa çatdırmaq üçün e-poçt ünvanınızı təsdiqləyin" in body
    assert "/az/events/" in body
