"""What the public may see of medals and their conferments, decided once
(`Conferment.objects.public()`): a conferment of a medal that is a draft, scheduled or past its
window leaves through no public output, and is in no count."""

import datetime
import re

import pytest
from django.utils import timezone

from awards.tests.factories import ConfermentFactory, MedalFactory
from events.tests.factories import EventFactory
from organisations.tests.factories import OrganisationFactory, PublicPersonFactory

pytestmark = pytest.mark.django_db

HIDDEN = "Sentinel Medal"


@pytest.fixture
def honours():
    """An event and a public person honoured with an open medal and with three medals the
    public may not see yet or any more; a second public person honoured only by those."""
    now = timezone.now()
    council = OrganisationFactory(status="published", slug="council", country="DE")
    event = EventFactory(
        status="published",
        organiser=council,
        country="DE",
        start=now + datetime.timedelta(days=10),
        slug="awards-evening",
    )
    person = PublicPersonFactory(status="published", full_name="Leyla Həsənova", country="DE")
    only_hidden = PublicPersonFactory(status="published", full_name="Orxan Əliyev")
    open_medal = MedalFactory(status="published", name_en="Open Medal", slug="open-medal")
    ConfermentFactory(medal=open_medal, person=person, event=event, status="published")
    hidden = [
        MedalFactory(status="draft", name_en=f"{HIDDEN} Draft", slug="sentinel-draft"),
        MedalFactory(
            status="published",
            name_en=f"{HIDDEN} Scheduled",
            slug="sentinel-scheduled",
            publish_from=now + datetime.timedelta(days=1),
        ),
        MedalFactory(
            status="published",
            name_en=f"{HIDDEN} Expired",
            slug="sentinel-expired",
            publish_until=now - datetime.timedelta(days=1),
        ),
    ]
    for medal in hidden:
        for recipient in (person, only_hidden):
            ConfermentFactory(medal=medal, person=recipient, event=event, status="published")
    return event, person, only_hidden, hidden


def public_outputs(client, event, person):
    paths = [
        "/en/",
        "/az/",
        "/ru/",
        "/en/events/",
        event.get_absolute_url(),
        f"{event.get_absolute_url()}calendar.ics",
        "/en/events/calendar.ics",
        "/en/events/feed/",
        "/en/organisations/",
        "/en/organisations/council/",
        "/en/awards/",
        person.get_absolute_url(),
        "/en/search/?q=sentinel",
        "/en/search/?q=leyla",
        "/en/numbers/",
        "/en/numbers/events-per-year.csv",
        "/sitemap.xml",
        "/api/v1/medals/",
        "/api/v1/conferments/",
        f"/api/v1/people/{person.slug}/",
        "/api/v1/events/",
        f"/api/v1/events/{event.slug}/",
        "/embed/events/?organisation=council",
        "/embed/events/?country=DE",
    ]
    answers = {path: client.get(path) for path in paths}
    for section in re.findall(
        r"<loc>https?://[^/]+(/sitemap-[^<]+)</loc>", answers["/sitemap.xml"].content.decode()
    ):
        answers[section] = client.get(section)
    return answers


def test_a_medal_the_public_may_not_see_takes_its_conferments_out_of_every_output(client, honours):
    event, person, only_hidden, hidden = honours
    answers = public_outputs(client, event, person)
    leaks = {}
    for path, response in answers.items():
        assert response.status_code == 200, path
        text = response.content.decode()
        found = [word for word in (HIDDEN, "sentinel-") if word in text]
        if found:
            leaks[path] = found
    assert leaks == {}
    # The open medal is shown where its conferment is, so the pages above were the right ones.
    for path in (event.get_absolute_url(), person.get_absolute_url(), "/en/awards/"):
        assert "Open Medal" in answers[path].content.decode(), path
    conferments = answers["/api/v1/conferments/"].json()["results"]
    assert [conferment["medal"]["name"] for conferment in conferments] == ["Open Medal"]
    # One person honoured, not two: the other has only medals the public may not see.
    for path in ("/en/", "/en/numbers/"):
        assert answers[path].context["honoured_count"] == 1, path
    for medal in hidden:
        assert client.get(medal.get_absolute_url()).status_code == 404
        assert client.get(f"/api/v1/medals/{medal.slug}/").status_code == 404


def test_a_scheduled_medal_brings_its_conferments_out_at_its_time(client, honours):
    event, person, only_hidden, hidden = honours
    scheduled = hidden[1]
    scheduled.publish_from = timezone.now() - datetime.timedelta(minutes=1)
    scheduled.save()
    page = client.get(person.get_absolute_url()).content.decode()
    assert f"{HIDDEN} Scheduled" in page
    assert f"{HIDDEN} Draft" not in page
    assert client.get("/en/").context["honoured_count"] == 2
