"""A nomination's states: every move the table allows, by whom, and every other refused,
each recorded on its timeline; and who sees a nomination at all."""

import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from nominations import services
from nominations.models import Nomination, State, StateChange
from nominations.services import nomination_figures
from nominations.tests.conftest import put
from organisations.tests.factories import PersonFactory
from scopes.models import StaffScope

pytestmark = pytest.mark.django_db

# The table: (from, move) -> who may make it.
ALLOWED = {
    (State.DRAFT, "submit"): "proposer",
    (State.DRAFT, "withdraw"): "proposer",
    (State.SUBMITTED, "withdraw"): "proposer",
    (State.MORE_INFORMATION, "withdraw"): "proposer",
    (State.SUBMITTED, "screen"): "secretariat",
    (State.SCREENING, "ask_for_more"): "secretariat",
    (State.MORE_INFORMATION, "resubmit"): "proposer",
    (State.SCREENING, "send_to_commission"): "secretariat",
    (State.COMMISSION, "recommend"): "chair",
    (State.COMMISSION, "decline"): "chair",
    (State.COMMISSION, "commission_asks_for_more"): "chair",
}
TARGETS = {
    "submit": State.SUBMITTED,
    "resubmit": State.SUBMITTED,
    "withdraw": State.WITHDRAWN,
    "screen": State.SCREENING,
    "ask_for_more": State.MORE_INFORMATION,
    "send_to_commission": State.COMMISSION,
    "recommend": State.RECOMMENDED,
    "decline": State.DECLINED,
    "commission_asks_for_more": State.MORE_INFORMATION,
}


def test_every_move_is_made_only_from_its_states_and_by_whom_the_table_says(people, nomination):
    moves = list(TARGETS)
    for state, action, actor in itertools.product(State, moves, people):
        current = put(nomination, state)
        allowed = ALLOWED.get((state, action)) == actor
        if allowed:
            moved = services.move(current, action, people[actor], reason="Because.")
            assert moved.state == TARGETS[action], (state, action, actor)
            change = StateChange.objects.latest("pk")
            assert (change.source, change.target, change.by, change.reason) == (
                state,
                TARGETS[action],
                people[actor],
                "Because.",
            )
        else:
            with pytest.raises(services.MoveRefused):
                services.move(current, action, people[actor], reason="Because.")
            assert Nomination.objects.get(pk=nomination.pk).state == state, (state, action, actor)
    assert StateChange.objects.count() == len(ALLOWED)


def test_conferring_is_the_decrees_alone_and_the_state_is_never_set_by_hand(people, nomination):
    recommended = put(nomination, State.RECOMMENDED)
    with pytest.raises(services.MoveRefused):
        services.move(recommended, "confer", people["secretariat"])
    with pytest.raises(AttributeError):
        recommended.state = State.CONFERRED


def test_a_message_to_the_proposer_and_the_commissions_decision_need_their_reason(
    people, nomination
):
    screening = put(nomination, State.SCREENING)
    with pytest.raises(services.MoveRefused, match="Say why"):
        services.move(screening, "ask_for_more", people["secretariat"], reason="  ")
    in_commission = put(nomination, State.COMMISSION)
    with pytest.raises(services.MoveRefused, match="Say why"):
        services.move(in_commission, "decline", people["chair"])
    assert not StateChange.objects.exists()


def test_a_proposer_whose_scope_no_longer_has_the_country_cannot_move_it(people, nomination):
    StaffScope.objects.filter(user=people["proposer"]).update(countries=["AT"])
    with pytest.raises(services.MoveRefused):
        services.move(nomination, "submit", people["proposer"])


def test_each_sees_only_the_nominations_that_concern_them(client, people, nomination, viewer):
    change = reverse("admin:nominations_nomination_change", args=[nomination.pk])
    listing = reverse("admin:nominations_nomination_changelist")

    def sees(user):
        client.force_login(user)
        return client.get(change).status_code

    assert sees(people["proposer"]) == 200
    assert sees(people["secretariat"]) == 200
    assert sees(people["another_coordinator"]) in (302, 404)
    assert sees(people["commissioner"]) in (302, 404)  # not yet before the commission
    client.force_login(viewer)
    assert client.get(listing).status_code == 403
    assert "Sentinelnominee" not in client.get(reverse("admin:index")).content.decode()
    put(nomination, State.COMMISSION)
    assert sees(people["commissioner"]) == 200
    assert sees(people["another_coordinator"]) in (302, 404)


def test_the_proposer_submits_from_the_nominations_page_and_sees_it_on_the_timeline(
    client, people, nomination
):
    client.force_login(people["proposer"])
    change = reverse("admin:nominations_nomination_change", args=[nomination.pk])
    page = client.get(change).content.decode()
    assert 'value="submit"' in page
    assert 'value="screen"' not in page
    client.post(
        reverse("admin:nominations_nomination_move", args=[nomination.pk]), {"action": "submit"}
    )
    assert Nomination.objects.get(pk=nomination.pk).state == State.SUBMITTED
    page = client.get(change).content.decode()
    assert "Submitted" in page
    # Submitted, it is no longer the proposer's to change.
    assert 'name="_save"' not in page
    client.force_login(people["another_coordinator"])
    refused = client.post(
        reverse("admin:nominations_nomination_move", args=[nomination.pk]), {"action": "withdraw"}
    )
    assert refused.status_code == 404
    assert Nomination.objects.get(pk=nomination.pk).state == State.SUBMITTED


def test_a_coordinator_proposes_only_in_their_countries_and_in_an_open_round(
    client, people, nomination
):
    client.force_login(people["proposer"])
    add = reverse("admin:nominations_nomination_add")
    data = {
        "round": nomination.round.pk,
        "person": PersonFactory(country="FR").pk,
        "country": "FR",
        "citation": "",
        "endorsements-TOTAL_FORMS": "0",
        "endorsements-INITIAL_FORMS": "0",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "changes-TOTAL_FORMS": "0",
        "changes-INITIAL_FORMS": "0",
    }
    refused = client.post(add, data)
    assert refused.status_code == 200
    assert Nomination.objects.count() == 1
    data["country"] = "DE"
    made = client.post(add, data)
    assert made.status_code == 302, made.context["adminform"].form.errors
    created = Nomination.objects.latest("pk")
    assert (created.proposed_by, created.state) == (people["proposer"], State.DRAFT)


def test_the_dashboard_counts_the_nominations_each_may_see_by_round_and_country(
    client, people, nomination, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.move(nomination, "submit", people["proposer"])
    client.force_login(people["secretariat"])
    figures = client.get(reverse("admin:index")).context["nomination_figures"]
    ((round_figures),) = figures["rounds"]
    assert (round_figures["proposed"], round_figures["recommended"]) == (1, 0)
    assert [(country.code, states) for country, states in figures["by_country"]] == [
        ("DE", {State.SUBMITTED: 1})
    ]
    # Another country's coordinator counts none of it; a Viewer has no such section.
    client.force_login(people["another_coordinator"])
    assert client.get(reverse("admin:index")).context["nomination_figures"]["rounds"] == []


def test_the_time_to_the_decision_is_the_median_of_the_rounds_decided_nominations(
    client, people, nomination
):
    decided = timezone.now()
    Nomination.objects.filter(pk=nomination.pk).update(
        state=State.RECOMMENDED,
        submitted_at=decided - datetime.timedelta(days=10),
        decided_at=decided,
    )
    (figures,) = nomination_figures(Nomination.objects.all())["rounds"]
    assert (figures["proposed"], figures["recommended"], figures["median_days"]) == (1, 1, 10.0)


def test_the_rounds_questions_are_answered_on_the_nominations_page_before_it_is_submitted(
    client, people, nomination
):
    nomination.round.questions = "What has the nominee done?\nWho supports it?"
    nomination.round.save()
    with pytest.raises(services.MoveRefused, match="Answer the round's questions"):
        services.move(nomination, "submit", people["proposer"])
    client.force_login(people["proposer"])
    change = reverse("admin:nominations_nomination_change", args=[nomination.pk])
    assert "What has the nominee done?" in client.get(change).content.decode()
    saved = client.post(
        change,
        {
            "round": nomination.round.pk,
            "person": nomination.person.pk,
            "country": "DE",
            "citation": nomination.citation,
            "answer_0": "Founded the weekend school.",
            "answer_1": "The coordination council.",
            "endorsements-TOTAL_FORMS": "0",
            "endorsements-INITIAL_FORMS": "0",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
            "changes-TOTAL_FORMS": "0",
            "changes-INITIAL_FORMS": "0",
        },
    )
    assert saved.status_code == 302
    nomination.refresh_from_db()
    assert nomination.answers == {
        "What has the nominee done?": "Founded the weekend school.",
        "Who supports it?": "The coordination council.",
    }
    assert services.move(nomination, "submit", people["proposer"]).state == State.SUBMITTED
