"""A nominee's access and erasure include their nominations; declined ones are erased after
their time."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from nominations import services
from nominations.models import Nomination, Score, State, StateChange
from nominations.tests.conftest import put
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
