"""The decree: prepared by the chair from the recommended nominations, recorded by the
Secretariat once signed, its conferments made and published all at once or not at all,
printed and exported in Azerbaijani."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from awards.models import Conferment
from awards.tests.factories import ConfermentFactory
from nominations import services
from nominations.models import Nomination, State, StateChange
from nominations.tests.conftest import put
from organisations.tests.factories import PublicPersonFactory

pytestmark = pytest.mark.django_db

SIGNED = datetime.date(2026, 11, 20)


@pytest.fixture
def recommended(people, nomination):
    """Two recommended nominations of the round: a public person and a private one."""
    other = Nomination.objects.create(
        round=nomination.round,
        person=PublicPersonFactory(full_name="Aysel Hüseynova", status="published"),
        country="DE",
        proposed_by=people["proposer"],
    )
    return [put(nomination, State.RECOMMENDED), put(other, State.RECOMMENDED)]


def test_recording_the_decree_confers_and_publishes_and_the_consent_decides_the_name(
    client, people, recommended
):
    decree = services.prepare_decree(
        recommended[0].round,
        number="1234",
        date=SIGNED,
        nominations=recommended,
        user=people["chair"],
    )
    services.record_decree(decree, people["secretariat"])
    conferments = Conferment.objects.order_by("person__full_name")
    assert [(c.person.full_name, c.date, c.decree_number, c.status) for c in conferments] == [
        ("Aysel Hüseynova", SIGNED, "1234", "published"),
        ("Sentinelnominee Həsənov", SIGNED, "1234", "published"),
    ]
    assert set(Nomination.objects.values_list("state", flat=True)) == {State.CONFERRED}
    assert StateChange.objects.filter(target=State.CONFERRED).count() == 2
    medal = recommended[0].round.medal
    medal.status = "published"
    medal.save()
    roll = client.get(reverse("awards:roll")).content.decode()
    assert "Aysel Hüseynova" in roll
    assert "Sentinelnominee" not in roll  # not public: honoured without the name
    with pytest.raises(services.DecreeRefused):
        services.record_decree(decree, people["secretariat"])  # once


def test_a_failure_half_way_leaves_no_conferment(people, recommended):
    # The second nominee already holds the medal from that date: the decree stops there.
    ConfermentFactory(person=recommended[1].person, medal=recommended[1].round.medal, date=SIGNED)
    before = Conferment.objects.count()
    decree = services.prepare_decree(
        recommended[0].round,
        number="77",
        date=SIGNED,
        nominations=recommended,
        user=people["chair"],
    )
    with pytest.raises(services.DecreeRefused, match="already has this medal"):
        services.record_decree(decree, people["secretariat"])
    assert Conferment.objects.count() == before
    assert set(Nomination.objects.values_list("state", flat=True)) == {State.RECOMMENDED}
    decree.refresh_from_db()
    assert decree.recorded_at is None


def test_only_recommended_nominations_and_only_the_secretariat_records(people, recommended):
    with pytest.raises(services.DecreeRefused):
        services.prepare_decree(
            recommended[0].round,
            number="1",
            date=SIGNED,
            nominations=recommended,
            user=people["proposer"],
        )
    declined = put(recommended[1], State.DECLINED)
    with pytest.raises(services.DecreeRefused):
        services.prepare_decree(
            recommended[0].round,
            number="2",
            date=SIGNED,
            nominations=[recommended[0], declined],
            user=people["chair"],
        )
    decree = services.prepare_decree(
        recommended[0].round,
        number="3",
        date=SIGNED,
        nominations=[recommended[0]],
        user=people["chair"],
    )
    with pytest.raises(services.DecreeRefused):
        services.record_decree(decree, people["chair"])
    assert not Conferment.objects.exists()


def test_the_list_is_printed_and_exported_in_azerbaijani(client, people, recommended):
    decree = services.prepare_decree(
        recommended[0].round,
        number="1234",
        date=SIGNED,
        nominations=recommended,
        user=people["chair"],
    )
    client.force_login(people["secretariat"])
    printed = client.get(reverse("admin:nominations_decree_print", args=[decree.pk]))
    page = printed.content.decode()
    assert '<html lang="az">' in page
    assert "20 noyabr 2026" in page
    assert "Almaniya" in page
    exported = client.get(reverse("admin:nominations_decree_xlsx", args=[decree.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1:3] == ("Aysel Hüseynova", "Almaniya")
    client.force_login(people["proposer"])
    assert (
        client.get(reverse("admin:nominations_decree_print", args=[decree.pk])).status_code == 403
    )
