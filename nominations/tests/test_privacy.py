"""A nominee's access and erasure include their nominations; declined ones are erased after
their time."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from nominations import services
from nominations.models import Endorsement, Nomination, Score, State, StateChange
from nominations.tests.conftest import put
from organisations.tests.factories import OrganisationFactory, PersonFactory
from privacy.services import erase_person, person_data

pytestmark = pytest.mark.django_db


def test_access_lists_the_nominations_and_erasure_removes_them_with_their_steps(
    people, nomination
):
    services.move(nomination, "submit", people["proposer"])
    (found,) = person_data(nomination.person)["nominations"]
    assert found["state"] == State.SUBMITTED
    assert found["citation"].startswith("Sentinelcitation")
    assert [step["to"] for step in found["steps"]] == [State.SUBMITTED]
    erase_person(nomination.person)
    assert not Nomination.objects.exists()
    assert not Nomination.history.exists()
    assert not StateChange.objects.exists()


def test_declined_nominations_are_erased_after_their_time(settings, people, nomination):
    settings.NOMINATIONS_KEEP_DECLINED_MONTHS = 24
    declined = put(nomination, State.DECLINED)
    Nomination.objects.filter(pk=declined.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=30 * 23)
    )
    assert services.erase_declined_nominations() == 0
    Nomination.objects.filter(pk=declined.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=30 * 25)
    )
    call_command("erase_declined_nominations", stdout=io.StringIO())
    assert not Nomination.objects.exists()
    assert not Score.objects.exists()


def test_the_proposer_adds_an_endorsement_and_the_endorsers_access_and_erasure_include_it(
    client, people, nomination
):
    council = OrganisationFactory()
    endorser = PersonFactory(full_name="Sentinelendorser Əliyev")
    client.force_login(people["proposer"])
    saved = client.post(
        reverse("admin:nominations_nomination_change", args=[nomination.pk]),
        {
            "round": nomination.round.pk,
            "person": nomination.person.pk,
            "country": "DE",
            "citation": nomination.citation,
            "endorsements-TOTAL_FORMS": "2",
            "endorsements-INITIAL_FORMS": "0",
            "endorsements-0-organisation": council.pk,
            "endorsements-0-date": "2026-11-02",
            "endorsements-0-text": "The council supports it.",
            "endorsements-1-person": endorser.pk,
            "endorsements-1-date": "2026-11-03",
            "endorsements-1-text": "I taught beside her for ten years.",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
            "changes-TOTAL_FORMS": "0",
            "changes-INITIAL_FORMS": "0",
        },
    )
    assert saved.status_code == 302
    assert Endorsement.objects.count() == 2
    (given,) = person_data(endorser)["endorsements"]
    assert given["text"] == "I taught beside her for ten years."
    erase_person(endorser)
    assert list(Endorsement.objects.values_list("organisation", flat=True)) == [council.pk]
