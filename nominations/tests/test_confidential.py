"""Nothing of a nomination on any public output before the decree: the nominee's pages, the
medal's, the roll of honour, search, sitemaps, feeds, the embed and the API never read it."""

import datetime

import pytest
from django.utils import timezone

from awards.tests.factories import ConfermentFactory, MedalFactory
from nominations.models import Nomination, Round, State
from organisations.tests.factories import PublicPersonFactory

pytestmark = pytest.mark.django_db

CITATION = "Sentinelcitation for the commission only"
ROUND = "Sentinelround of 2026"


def test_no_public_output_shows_a_nomination(client, editor):
    medal = MedalFactory(status="published")
    nominee = PublicPersonFactory(status="published")
    # A person already honoured once, nominated again: their public pages exist.
    ConfermentFactory(person=nominee, medal=medal, status="published")
    now = timezone.now()
    round_ = Round.objects.create(
        medal=medal,
        name=ROUND,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    nomination = Nomination.objects.create(
        round=round_, person=nominee, country="DE", citation=CITATION, proposed_by=editor
    )
    pages = [
        "/en/",
        nominee.get_absolute_url(),
        medal.get_absolute_url(),
        "/en/awards/",
        "/en/search/?q=Sentinelcitation",
        f"/en/search/?q={nominee.full_name}",
        "/sitemap.xml",
        "/sitemap-people.xml",
        "/sitemap-medals.xml",
        "/en/events/feed/",
        "/embed/events/",
        "/api/v1/people/",
        "/api/v1/medals/",
        "/api/v1/conferments/",
    ]
    for state in State:
        Nomination.objects.filter(pk=nomination.pk).update(state=state)
        for page in pages:
            response = client.get(page)
            assert response.status_code in (200, 404), page
            content = response.content.decode()
            assert CITATION not in content, (state, page)
            assert ROUND not in content, (state, page)
