"""Review: Editors submit drafts, Publishers publish them or send them back with a comment."""

import pytest
from django.core import mail
from django.urls import reverse

from events.models import Event
from events.tests.factories import EventFactory
from imports.tests.helpers import import_text
from organisations.models import Organisation

pytestmark = pytest.mark.django_db


def change_url(record):
    return reverse("admin:events_event_change", args=[record.pk])


def test_an_editor_submits_for_review_and_may_not_publish(
    client, editor, publisher, submit_admin_form, django_capture_on_commit_callbacks
):
    event = EventFactory(title_en="Novruz in Köln")
    client.force_login(editor)
    form = client.get(change_url(event)).context["adminform"].form
    assert [value for value, _label in form.fields["status"].choices] == ["draft", "review"]

    refused = submit_admin_form(client, change_url(event), status="published")
    assert refused.status_code == 200
    assert "status" in refused.context["adminform"].form.errors

    with django_capture_on_commit_callbacks(execute=True):
        submitted = submit_admin_form(
            client, change_url(event), status="review", review_comment="Photos to follow."
        )
    assert submitted.status_code == 302
    event.refresh_from_db()
    assert event.status == "review"
    assert event.history.first().history_change_reason == "Photos to follow."
    assert [message.to for message in mail.outbox] == [["publisher@example.org"]]
    assert mail.outbox[0].subject == "1 record waits for your review: Events"
    assert "Novruz in Köln" in mail.outbox[0].body
    assert "?status__exact=review" in mail.outbox[0].body

    assert "waiting-for-review" not in client.get(reverse("admin:index")).content.decode()
    client.force_login(publisher)
    index = client.get(reverse("admin:index")).content.decode()
    assert "Waiting for review" in index
    assert f"{reverse('admin:events_event_changelist')}?status__exact=review" in index


def test_a_publisher_publishes_or_returns_to_draft_with_a_comment(
    client, publisher, submit_admin_form
):
    event = EventFactory(status="review")
    client.force_login(publisher)
    returned = submit_admin_form(
        client, change_url(event), status="draft", review_comment="The date is wrong."
    )
    assert returned.status_code == 302
    event.refresh_from_db()
    assert event.status == "draft"
    history = client.get(reverse("admin:events_event_history", args=[event.pk]))
    assert "The date is wrong." in history.content.decode()

    published = submit_admin_form(client, change_url(event), status="published")
    assert published.status_code == 302
    event.refresh_from_db()
    assert event.status == "published"


def test_an_editor_edits_a_published_record_and_it_stays_published(
    client, editor, submit_admin_form
):
    event = EventFactory(status="published", title_en="Before")
    client.force_login(editor)
    assert submit_admin_form(client, change_url(event), title_en="After").status_code == 302
    event.refresh_from_db()
    assert (event.title_en, event.status) == ("After", "published")


def test_the_review_action_submits_drafts_and_tells_the_publishers(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    drafts = EventFactory.create_batch(2)
    published = EventFactory(status="published")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:events_event_changelist"),
            {
                "action": "submit_for_review",
                "_selected_action": [*(event.pk for event in drafts), published.pk],
            },
        )
    assert sorted(Event.objects.values_list("status", flat=True)) == [
        "published",
        "review",
        "review",
    ]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "2 records wait for your review: Events"


def test_a_row_that_would_publish_is_refused_without_the_permission(editor, publisher):
    rows = "name,type,country,status\nHouse in Bonn,community,DE,published\n"
    refused = import_text("organisations", rows, user=editor)
    assert [str(error) for error in refused.errors] == [
        "row 2, column status: only a Publisher may publish: give draft or review (“published”)"
    ]
    assert not Organisation.objects.exists()
    assert import_text("organisations", rows.replace("published", "review"), user=editor).ok
    assert import_text("organisations", rows, user=publisher).ok
    assert Organisation.objects.get().status == "published"


def test_a_notice_that_could_not_be_sent_is_kept_shown_and_sent_again(
    client, admin_client, editor, publisher, settings, django_capture_on_commit_callbacks
):
    from publishing.models import Notice
    from publishing.services import send_unsent_notices

    event = EventFactory(title_en="Novruz in Köln")
    client.force_login(editor)
    # The mail server is down: nothing listens where it should be.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 5
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:events_event_changelist"),
            {"action": "submit_for_review", "_selected_action": [event.pk]},
        )
    notice = Notice.objects.get()
    assert (notice.sent, notice.problem, notice.attempts) == (None, "refused", 1)
    assert notice.recipients == ["admin@example.com", "publisher@example.org"]
    assert "Novruz in Köln" in notice.body
    dashboard = admin_client.get(reverse("admin:index")).content.decode()
    assert "1 notice to Publishers could not be sent." in dashboard
    assert "?sent__isnull=True" in dashboard

    # Back up: the next attempt sends it, and the dashboard says nothing more.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_unsent_notices() == 1
    assert [message.to for message in mail.outbox] == [
        ["admin@example.com", "publisher@example.org"]
    ]
    notice.refresh_from_db()
    assert (notice.problem, notice.attempts) == ("", 2)
    assert notice.sent is not None
    assert "could not be sent" not in admin_client.get(reverse("admin:index")).content.decode()


def test_a_notice_no_publisher_can_receive_waits_for_an_address(
    client, admin_client, admin_user, editor, publisher, django_capture_on_commit_callbacks
):
    from publishing.models import Notice

    for user in (publisher, admin_user):  # a superuser may publish, and is told too
        user.email = ""
        user.save(update_fields=["email"])
    event = EventFactory(title_en="Novruz in Köln")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:events_event_changelist"),
            {"action": "submit_for_review", "_selected_action": [event.pk]},
        )
    notice = Notice.objects.get()
    assert (notice.problem, notice.recipients, mail.outbox) == ("no_address", [], [])

    publisher.email = "publisher@example.org"
    publisher.save(update_fields=["email"])
    changelist = reverse("admin:publishing_notice_changelist")
    answer = admin_client.post(
        changelist, {"action": "send_again", "_selected_action": [notice.pk]}, follow=True
    )
    assert "1 of 1 sent." in answer.content.decode()
    assert [message.to for message in mail.outbox] == [["publisher@example.org"]]


def test_the_command_sends_what_is_waiting(settings):
    import io

    from django.core.management import call_command

    from publishing.models import Notice

    Notice.objects.create(subject="Waiting", body="-", permission="events.publish_event")
    output = io.StringIO()
    call_command("send_notices", stdout=output, stderr=io.StringIO())
    # No one may publish events here: it waits, with the reason.
    assert output.getvalue() == "0 of 1 notices sent.\n"
    assert Notice.objects.get().problem == "no_address"
