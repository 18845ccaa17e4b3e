"""Registering for an event as the public does: the form, the e-mail with its link, the
participant's own page, cancelling, and the waiting list taking the freed place."""

import datetime
import re

import pytest
from django.core import mail
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone, translation
from freezegun import freeze_time

from events.models import Event
from events.tests.factories import EventFactory
from registrations import links, services
from registrations.models import (
    ConsentText,
    Message,
    Question,
    Registration,
    RegistrationSettings,
    Status,
)

pytestmark = pytest.mark.django_db
SECRET_JOIN = "https://meet.example.org/j/secret-room-4471"


@pytest.fixture(autouse=True)
def fresh_throttle():
    """The form's throttle counts by client address in a cache every test shares."""
    caches["api_throttle"].clear()


@pytest.fixture
def event():
    event = EventFactory(
        status="published",
        slug="videoconference",
        format="online",
        online_url="https://youtube.example.org/live/public-stream",
        start=timezone.now() + datetime.timedelta(days=10),
    )
    RegistrationSettings.objects.create(
        event=event, is_open=True, mode="online", capacity=2, join_link=SECRET_JOIN
    )
    return event


def registered(event, **person):
    """A registration as the form makes it, with what a test does not care about filled."""
    return services.register(
        event,
        **{
            "name": "Person",
            "email": "person@example.org",
            "country": "AZ",
            "language": "en",
            "consent": services.current_consent(),
            "visibility": "nobody",
            **person,
        },
    )


def address(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def form_data(client, event, language="en", **changes):
    """What a person sends: the form as the page gives it, filled in a few seconds later."""
    page = client.get(address("registrations:register", event.slug, language=language))
    started = re.search(r'name="started" value="([^"]+)"', page.content.decode())[1]
    return {
        "name": "Leyla Məmmədova",
        "email": "Leyla@Example.org",
        "country": "DE",
        "city": "Berlin",
        "organisation": "",
        "visibility": "nobody",
        "consent": "on",
        "website": "",
        "started": started,
        **changes,
    }


def send(client, event, language="en", **changes):
    with freeze_time(timezone.now() + datetime.timedelta(seconds=10)):
        data = form_data(client, event, language, **changes)
    with freeze_time(timezone.now() + datetime.timedelta(seconds=20)):
        return client.post(address("registrations:register", event.slug, language=language), data)


def link(message, name):
    return re.search(rf"(http://\S+/{name}/\S+/)", message.body)[1].removeprefix(
        "http://127.0.0.1:8000"
    )


def test_a_registration_is_held_until_its_address_is_confirmed(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, event, language="ru")
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.status, registration.email, registration.language) == (
        Status.HELD,
        "leyla@example.org",
        "ru",
    )
    assert registration.consent.version == 1
    (message,) = mail.outbox
    assert message.to == ["leyla@example.org"]
    assert message.subject.startswith("Подтвердите адрес")
    assert "Подтвердите адрес электронной почты" in message.body
    confirm = link(message, "confirm")
    # Opening the link (a mail scanner does) confirms nothing; the button does.
    assert client.get(confirm).status_code == 200
    assert Registration.objects.get().status == Status.HELD
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(confirm, follow=True)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert SECRET_JOIN in page.content.decode()
    assert mail.outbox[-1].to == ["leyla@example.org"]
    assert SECRET_JOIN not in mail.outbox[-1].body


def test_bad_input_is_named_beside_its_field_and_nothing_is_stored(client, event):
    response = send(client, event, email="not an address", consent="")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_email-errors"' in page
    assert 'id="id_consent-errors"' in page
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_robots_are_turned_away_without_a_third_party(client, event, settings):
    assert send(client, event, website="http://spam.example").status_code == 400
    data = form_data(client, event)
    assert client.post(address("registrations:register", event.slug), data).status_code == 400
    assert not Registration.objects.exists()
    caches["api_throttle"].clear()
    settings.REGISTRATIONS_PER_HOUR = 2
    statuses = [send(client, event, email=f"person{n}@example.org").status_code for n in range(3)]
    assert statuses == [302, 302, 429]


def test_the_event_full_the_next_waits_and_takes_a_cancelled_place(client, event):
    first, second, third = (
        registered(
            event, name=f"Person {n}", email=f"p{n}@example.org", country="AZ", language="en"
        )
        for n in range(3)
    )
    assert [r.status for r in (first, second, third)] == [Status.HELD, Status.HELD, Status.WAITING]
    services.confirm(first)
    services.confirm(third)  # confirms the address; still waiting
    third.refresh_from_db()
    assert third.status == Status.WAITING
    services.cancel(first)
    third.refresh_from_db()
    assert third.status == Status.OFFERED
    assert third.held_until is not None
    services.confirm(third)
    third.refresh_from_db()
    assert third.status == Status.CONFIRMED
    taking = Registration.objects.filter(event=event).taking_places(timezone.now()).count()
    assert taking == 2


def test_lapsed_holds_and_offers_never_keep_a_seat(event):
    people = [
        registered(
            event, name=f"Person {n}", email=f"p{n}@example.org", country="AZ", language="en"
        )
        for n in range(4)
    ]
    services.confirm(people[2])  # waiting, address confirmed
    later = timezone.now() + datetime.timedelta(hours=25)
    with freeze_time(later):
        removed, lapsed = services.release_lapsed()
    # The two unconfirmed holds and the unconfirmed waiting one are gone, history and all.
    assert removed == 3
    assert list(Registration.objects.values_list("status", flat=True)) == [Status.OFFERED]
    assert not Registration.history.filter(id=people[0].pk).exists()
    with freeze_time(later + datetime.timedelta(days=3)):
        assert services.release_lapsed() == (0, 1)
    assert Registration.objects.get().status == Status.LAPSED


def test_a_question_of_the_event_is_asked_and_answered(client, event):
    Question.objects.create(
        settings=event.registration_settings,
        label_en="Will you speak?",
        kind="yes_no",
        required=True,
    )
    assert send(client, event).status_code == 400
    question = Question.objects.get()
    assert send(client, event, **{f"question_{question.pk}": "yes"}).status_code == 302
    assert Registration.objects.get().answers == {"Will you speak?": "yes"}


def test_the_event_page_links_to_the_form_while_it_is_open(client, event):
    page = client.get(address("events:detail", event.slug, language="az")).content.decode()
    assert address("registrations:register", event.slug, language="az") in page
    RegistrationSettings.objects.filter(event=event).update(is_open=False)
    page = client.get(address("events:detail", event.slug)).content.decode()
    assert address("registrations:register", event.slug) not in page


def test_no_registrant_nor_the_join_link_leaves_through_a_public_output(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(client, event, name="Sentinel Registrantova", email="sentinel@example.org")
    registration = Registration.objects.get()
    services.confirm(registration)
    for path in (
        address("events:detail", event.slug),
        address("events:list"),
        address("events:feed"),
        address("events:calendar"),
        address("events:event_calendar", event.slug),
        address("home"),
        "/api/v1/events/",
        f"/api/v1/events/{event.slug}/",
        "/embed/events/",
        "/sitemap.xml",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        body = b"".join(response) if response.streaming else response.content
        for secret in (SECRET_JOIN, "Sentinel Registrantova", "sentinel@example.org"):
            assert secret.encode() not in body, (path, secret)


def test_reminders_a_day_and_an_hour_before_carry_the_join_link_once_each(
    event, django_capture_on_commit_callbacks
):
    registration = registered(
        event, name="Person", email="person@example.org", country="AZ", language="ru"
    )
    services.confirm(registration)
    mail.outbox.clear()
    start = event.start
    for moment, expected in (
        (start - datetime.timedelta(hours=30), 0),
        (start - datetime.timedelta(hours=23), 1),
        (start - datetime.timedelta(hours=22), 0),
        (start - datetime.timedelta(minutes=50), 1),
        (start - datetime.timedelta(minutes=10), 0),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            assert services.send_due_reminders(moment) == expected, moment
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert SECRET_JOIN in message.body
        assert message.subject.startswith("Напоминание")
    # A participant who cancelled is not reminded.
    services.cancel(registration)
    Registration.objects.filter(pk=registration.pk).update(reminded=[])
    assert services.send_due_reminders(start - datetime.timedelta(minutes=30)) == 0


def test_staff_see_the_figures_and_the_participants_of_an_event(admin_client, event):
    for n, country in enumerate(("AZ", "DE", "DE")):
        registration = registered(
            event, name=f"Person {n}", email=f"p{n}@example.org", country=country, language="en"
        )
        if n < 2:
            services.confirm(registration)
    page = admin_client.get(
        f"/admin/registrations/registrationsettings/{event.pk}/change/"
    ).content.decode()
    figures = (
        "registered: 3 · confirmed: 2 · waiting for confirmation: 0 · on the waiting list: 1 · "
        "attended: 0 · absent: 0 · excused: 0 · guests: 0 · countries: 2"
    )
    assert figures in page
    # The chart's table and the map: the confirmed, until attendance is known.
    assert '<h2 id="chart-participants-by-country">Confirmed participants by country</h2>' in page
    assert '<tr><th scope="row">Azerbaijan</th><td class="count">1</td></tr>' in page
    germany = f"?event__id__exact={event.pk}&amp;country=DE"
    assert f'<a href="/admin/registrations/registration/{germany}" class="country' in page
    assert 'aria-label="Germany: 1 participant"' in page
    listing = admin_client.get(f"/admin/registrations/registration/?event__id__exact={event.pk}")
    assert listing.status_code == 200
    assert "Person 2" in listing.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_first_consent_text_is_there_even_in_an_emptied_database():
    # A flushed database (as after a transactional test) has no texts: the first comes back.
    ConsentText.objects.all().delete()
    consent = services.current_consent()
    assert consent.version == 1
    with translation.override("az"):
        assert "Diaspora ilə İş üzrə Dövlət Komitəsi" in ConsentText.objects.get().text


def test_a_year_after_the_event_only_the_counts_are_left(event, settings):
    settings.REGISTRATIONS_KEEP_MONTHS = 12
    for n, country in enumerate(("AZ", "DE")):
        registration = registered(
            event,
            name=f"Person {n}",
            email=f"p{n}@example.org",
            country=country,
            language="en",
            answers={"Will you speak?": "yes"},
        )
        services.confirm(registration)
    figures = services.figures_of(event)
    assert services.erase_past_registrations(event.end + datetime.timedelta(days=300)) == 0
    assert services.erase_past_registrations(event.end + datetime.timedelta(days=370)) == 2
    for registration in Registration.objects.all():
        assert (registration.name, registration.email, registration.answers) == ("", "", {})
    assert not Registration.history.exists()
    assert not Message.objects.exists()
    assert services.figures_of(event) == figures


def test_a_participant_changes_then_cancels_from_their_own_page(client, event):
    registration = registered(
        event, name="Person", email="person@example.org", country="AZ", language="en"
    )
    services.confirm(registration)
    page = address("registrations:mine", event.slug, links.manage_token(registration))
    changed = client.post(page, {"action": "change", "city": "Lyon", "visibility": "everyone"})
    assert changed.status_code == 302
    registration.refresh_from_db()
    assert (registration.city, registration.visibility) == ("Lyon", "everyone")
    assert client.post(page, {"action": "change", "visibility": "all"}).status_code == 400
    client.post(page, {"action": "cancel"})
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED
    # A link someone else made up opens nothing.
    forged = address("registrations:mine", event.slug, f"{registration.pk}:forged")
    assert client.get(forged).status_code == 404


def test_the_list_of_participants_shows_each_as_they_chose(
    client, event, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600
    RegistrationSettings.objects.filter(event=event).update(public_list=True, capacity=None)
    chosen = {}
    for visibility in ("everyone", "participants", "nobody"):
        person = registered(
            event,
            name=f"Shown to {visibility}",
            email=f"{visibility}@example.org",
            visibility=visibility,
        )
        services.confirm(person)
        chosen[visibility] = person
    page = client.get(address("events:detail", event.slug)).content.decode()
    assert "Shown to everyone" in page
    assert "Shown to participants" not in page
    assert "Shown to nobody" not in page
    assert "nobody@example.org" not in page
    own = address("registrations:mine", event.slug, links.manage_token(chosen["nobody"]))
    mine = client.get(own).content.decode()
    assert "Shown to everyone" in mine
    assert "Shown to participants" in mine
    # Changing one's mind takes one off the public page at once, cache or not.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            address("registrations:mine", event.slug, links.manage_token(chosen["everyone"])),
            {"action": "change", "city": "", "visibility": "nobody"},
        )
    page = client.get(address("events:detail", event.slug)).content.decode()
    assert "Shown to everyone" not in page


def test_once_over_the_page_counts_its_participants_unless_staff_typed_them(client, event):
    RegistrationSettings.objects.filter(event=event).update(capacity=None)
    for n, country in enumerate(("AZ", "DE", "DE", "FR")):
        person = registered(event, email=f"p{n}@example.org", country=country)
        if n < 3:
            services.confirm(person)
    page = address("events:detail", event.slug, language="ru")
    assert "подсчитано" not in client.get(page).content.decode()  # not over yet
    Event.objects.filter(pk=event.pk).update(
        start=timezone.now() - datetime.timedelta(days=2),
        end=timezone.now() - datetime.timedelta(days=2) + datetime.timedelta(hours=3),
    )
    with translation.override("ru"):
        shown = client.get(page).content.decode()
    counted = ' <small class="muted">(подсчитано по регистрациям)</small>'
    assert f"<strong>3</strong> участника{counted}" in shown
    assert f"<strong>2</strong> страны{counted}" in shown
    Event.objects.filter(pk=event.pk).update(participants_count=1000)
    shown = client.get(page).content.decode()
    assert "<strong>1\xa0000</strong> участников</li>" in shown
    assert f"<strong>2</strong> страны{counted}" in shown
