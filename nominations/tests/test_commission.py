"""The commission's review: scores on the round's weighted criteria, what each member sees of
the others', the chair's table with its spread, and conflicts of interest, declared or found
from the directory, after which the member neither sees nor scores the nomination."""

import pytest
from django.urls import reverse

from nominations import services
from nominations.models import CommissionMember, Criterion, Score, State
from nominations.tests.conftest import put, staff
from organisations.tests.factories import OrganisationFactory, PersonFactory
from scopes.roles import COMMISSIONER

pytestmark = pytest.mark.django_db


@pytest.fixture
def before_the_commission(nomination):
    Criterion.objects.create(round=nomination.round, position=1, name="Service", weight=2)
    Criterion.objects.create(round=nomination.round, position=2, name="Reach", weight=1)
    return put(nomination, State.COMMISSION)


def scores(nomination, *values):
    return dict(zip(nomination.round.criteria.values_list("pk", flat=True), values, strict=True))


def test_members_score_and_see_the_others_only_once_they_have_given_theirs(
    people, before_the_commission, django_user_model
):
    nomination = before_the_commission
    second = staff(django_user_model, "second", COMMISSIONER, everywhere=False)
    services.give_scores(nomination, people["commissioner"], scores(nomination, 8, 5), comment="A")
    seen = services.score_table(nomination, second)
    assert seen["rows"] == []  # their own first
    services.give_scores(nomination, second, scores(nomination, 4, 9))
    seen = services.score_table(nomination, second)
    assert [(str(member), weighted) for member, _v, weighted, _c in seen["rows"]] == [
        ("member", 7.0),  # (8×2 + 5) / 3
        ("second", 5.67),  # (4×2 + 9) / 3
    ]
    chair = services.score_table(nomination, people["chair"])
    service, reach = nomination.round.criteria.all()
    assert chair["spread"] == {service.pk: (4, 8), reach.pk: (5, 9)}
    assert chair["mean"] == 6.33
    # A round that shows them before: the second member sees the first's at once.
    nomination.round.scores_seen_before_own = True
    nomination.round.save()
    Score.objects.filter(member=second).delete()
    assert len(services.score_table(nomination, second)["rows"]) == 1


def test_a_score_is_out_of_ten_for_every_criterion_and_only_before_the_commission(
    people, before_the_commission
):
    nomination = before_the_commission
    for wrong in ((11, 5), (5, None), ("x", 5)):
        with pytest.raises(services.MoveRefused):
            services.give_scores(nomination, people["commissioner"], scores(nomination, *wrong))
    assert not Score.objects.exists()
    with pytest.raises(services.MoveRefused):
        services.give_scores(nomination, people["secretariat"], scores(nomination, 5, 5))
    recommended = put(nomination, State.RECOMMENDED)
    with pytest.raises(services.MoveRefused):
        services.give_scores(recommended, people["commissioner"], scores(nomination, 5, 5))


def test_a_member_who_declares_a_conflict_no_longer_sees_the_nomination_nor_its_scores(
    client, people, before_the_commission
):
    nomination = before_the_commission
    member = people["commissioner"]
    services.give_scores(nomination, member, scores(nomination, 6, 6))
    client.force_login(member)
    change = reverse("admin:nominations_nomination_change", args=[nomination.pk])
    page = client.get(change).content.decode()
    assert "Sentinelcitation" in page
    assert 'name="criterion-' in page
    declared = client.post(
        reverse("admin:nominations_nomination_conflict", args=[nomination.pk]),
        {"kind": "family", "note": "My cousin"},
    )
    assert declared.status_code == 302
    assert not Score.objects.filter(member=member).exists()
    assert client.get(change).status_code in (302, 404)
    assert (
        "Sentinelnominee"
        not in client.get(reverse("admin:nominations_nomination_changelist")).content.decode()
    )
    for name in ("score", "move", "conflict"):
        refused = client.post(
            reverse(f"admin:nominations_nomination_{name}", args=[nomination.pk]),
            {"criterion-1": "5", "action": "recommend", "kind": "other"},
        )
        assert refused.status_code == 404, name


def test_a_member_of_the_nominees_council_is_in_conflict_without_declaring_it(
    client, people, before_the_commission
):
    nomination = before_the_commission
    council = OrganisationFactory(type="coordination_council")
    school = OrganisationFactory(parent=council)
    nomination.person.memberships.create(organisation=school)
    member = people["commissioner"]
    own_record = PersonFactory()
    CommissionMember.objects.create(user=member, person=own_record)
    client.force_login(member)
    change = reverse("admin:nominations_nomination_change", args=[nomination.pk])
    assert client.get(change).status_code == 200  # no tie yet
    own_record.memberships.create(organisation=OrganisationFactory(parent=council))
    assert client.get(change).status_code in (302, 404)  # the same council
    assert not services.may_review(nomination, member)
    with pytest.raises(services.MoveRefused):
        services.give_scores(nomination, member, scores(nomination, 5, 5))
    # The chair, who has no tie, still sees it and decides.
    client.force_login(people["chair"])
    assert client.get(change).status_code == 200
    services.move(nomination, "recommend", people["chair"], reason="Twenty years of service.")


def test_a_round_that_hides_the_proposer_shows_the_commission_no_name(
    client, people, before_the_commission
):
    nomination = before_the_commission
    services.move(put(nomination, State.COMMISSION), "recommend", people["chair"], reason="Yes.")
    change = reverse("admin:nominations_nomination_change", args=[nomination.pk])
    client.force_login(people["commissioner"])
    assert "coordinator-de" in client.get(change).content.decode()
    nomination.round.proposer_shown = False
    nomination.round.save()
    assert "coordinator-de" not in client.get(change).content.decode()
    client.force_login(people["secretariat"])
    assert "coordinator-de" in client.get(change).content.decode()


def test_the_commission_reads_the_answers_as_text(client, people, before_the_commission):
    nomination = before_the_commission
    nomination.round.questions = "What has the nominee done?"
    nomination.round.save()
    nomination.answers = {"What has the nominee done?": "Founded the <b>weekend</b> school."}
    nomination.save()
    client.force_login(people["commissioner"])
    page = client.get(reverse("admin:nominations_nomination_change", args=[nomination.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Founded the &lt;b&gt;weekend&lt;/b&gt; school." in content
    assert 'name="answer_0"' not in content


def test_the_proposer_reads_the_comments_shared_with_them_and_no_other(
    client, people, before_the_commission, django_user_model
):
    nomination = before_the_commission
    second = staff(django_user_model, "second", COMMISSIONER, everywhere=False)
    services.give_scores(
        nomination, people["commissioner"], scores(nomination, 8, 8),
        comment="A letter from the school would help.", shared_with_proposer=True,
    )  # fmt: skip
    services.give_scores(nomination, second, scores(nomination, 3, 3), comment="Sentinelprivate")
    client.force_login(people["proposer"])
    page = client.get(reverse("admin:nominations_nomination_change", args=[nomination.pk]))
    content = page.content.decode()
    assert "A letter from the school would help." in content
    assert "Sentinelprivate" not in content
    assert "member" not in page.context["shared_comments"]
