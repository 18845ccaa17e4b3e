"""Who works on a nomination: its proposer, another country's coordinator, an Editor, the
Secretariat, the round's chair and a member of the commission; and a nomination to work on."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from awards.tests.factories import MedalFactory
from nominations.models import Nomination, Round
from organisations.tests.factories import PersonFactory
from scopes.models import StaffScope
from scopes.roles import COMMISSIONER, SECRETARIAT
from scopes.tests.worlds import coordinator


def staff(django_user_model, username, group, *, everywhere=True):
    user = django_user_model.objects.create_user(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    if everywhere:
        StaffScope.objects.create(user=user, everywhere=True)
    return user


@pytest.fixture
def people(django_user_model, editor):
    chair = staff(django_user_model, "chair", COMMISSIONER, everywhere=False)
    return {
        "proposer": coordinator(django_user_model, "DE"),
        "another_coordinator": coordinator(django_user_model, "FR"),
        "editor": editor,
        "secretariat": staff(django_user_model, "secretariat", SECRETARIAT),
        "chair": chair,
        "commissioner": staff(django_user_model, "member", COMMISSIONER, everywhere=False),
    }


@pytest.fixture
def nomination(people):
    now = timezone.now()
    round_ = Round.objects.create(
        medal=MedalFactory(),
        name="The 2026 round",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=30),
        countries=["DE", "FR"],
        chair=people["chair"],
    )
    return Nomination.objects.create(
        round=round_,
        person=PersonFactory(full_name="Sentinelnominee Həsənov", country="DE"),
        country="DE",
        citation="Sentinelcitation: twenty years of the weekend school in Berlin.",
        proposed_by=people["proposer"],
    )


def put(nomination, state):
    """`nomination` in `state`, as earlier moves would have left it."""
    Nomination.objects.filter(pk=nomination.pk).update(state=state)
    return Nomination.objects.get(pk=nomination.pk)
