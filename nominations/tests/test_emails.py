"""Each step of a nomination is e-mailed to the staff it concerns, in the language they sign
in to the admin in, through a real SMTP server; one the server did not take waits and goes
with the scheduled job."""

import email.header
import io

import pytest
from django.core.management import call_command

from nominations import services
from nominations.models import State
from nominations.tests.conftest import put
from publishing.models import Notice, StaffLanguage

pytestmark = pytest.mark.django_db


def subject(message):
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


def test_each_step_reaches_whom_it_concerns_in_their_language(
    smtp, people, nomination, django_capture_on_commit_callbacks
):
    server, inbox = smtp
    server.start()
    for role, address in (("proposer", "de@example.org"), ("secretariat", "sec@example.org")):
        people[role].email = address
        people[role].save()
    StaffLanguage.objects.create(user=people["proposer"], language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        services.move(nomination, "submit", people["proposer"])
    (to_secretariat,) = inbox.received
    assert to_secretariat["To"] == "sec@example.org"
    assert subject(to_secretariat) == "Nomination of Sentinelnominee Həsənov: Submitted"
    with django_capture_on_commit_callbacks(execute=True):
        services.move(
            put(nomination, State.SCREENING),
            "ask_for_more",
            people["secretariat"],
            reason="The council's letter is missing.",
        )
    to_proposer = inbox.received[-1]
    assert to_proposer["To"] == "de@example.org"
    assert subject(to_proposer) == (
        "Представление: Sentinelnominee Həsənov — Нужны дополнительные сведения"
    )
    body = to_proposer.get_payload(decode=True).decode()
    assert "The council's letter is missing." in body
    assert f"/admin/nominations/nomination/{nomination.pk}/change/" in body


def test_a_notice_the_server_did_not_take_waits_and_goes_later(
    smtp, people, nomination, django_capture_on_commit_callbacks
):
    server, inbox = smtp  # not started: the mail server does not answer
    people["secretariat"].email = "sec@example.org"
    people["secretariat"].save()
    with django_capture_on_commit_callbacks(execute=True):
        services.move(nomination, "submit", people["proposer"])
    notice = Notice.objects.get(user=people["secretariat"])
    assert (notice.sent, notice.problem) == (None, Notice.Problem.REFUSED)
    server.start()
    call_command("send_notices", stdout=io.StringIO())
    notice.refresh_from_db()
    assert notice.sent is not None
    assert len(inbox.received) == 1


def test_signing_in_remembers_the_language_the_admin_is_read_in(client, settings, people):
    member = people["secretariat"]
    member.set_password("correct horse battery staple")
    member.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "az"
    client.post(
        "/admin/login/",
        {"username": member.username, "password": "correct horse battery staple"},
    )
    assert StaffLanguage.objects.get(user=member).language == "az"
