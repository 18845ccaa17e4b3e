import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from awards.models import Conferment
from events.models import Event
from nominations.models import Nomination
from nominations.models import State as NominationState
from organisations.models import Organisation, OrganisationType, Person, Profession

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["media", "organisations", "events", "awards"]


def record_counts():
    return {
        model._meta.label: model._default_manager.count()
        for app_label in PROJECT_APPS
        for model in apps.get_app_config(app_label).get_models()
    }


def test_load_demo_twice_changes_nothing(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    first = record_counts()
    output = io.StringIO()
    call_command("load_demo", stdout=output)

    assert record_counts() == first
    done, coordinator = output.getvalue().splitlines()
    assert done == "Demo data: already complete, nothing changed."
    assert coordinator.startswith("Coordinator for Germany:")
    assert first["organisations.Organisation"] == 12
    assert first["media.Photo"] > 0


def test_demo_videoconference_follows_the_report():
    call_command("load_demo", stdout=io.StringIO())
    event = Event.objects.get(slug="videoconference-outcomes-2024")

    programme = list(event.programme.all())
    assert [item.kind for item in programme] == [
        "speech",
        "video_report",
        "discussion",
        "performance",
        "video",
        "performance",
        "award_ceremony",
        "questions",
    ]
    opening = programme[0]
    assert (opening.speaker_role_en, opening.person) == ("Chairman of the State Committee", None)
    assert (event.local_start.isoformat(), event.format) == ("2025-01-24T15:00:00+04:00", "online")
    assert (event.participants_count, event.countries_count) == (1000, 85)
    conferments = Conferment.objects.filter(event=event)
    assert conferments.count() == 5
    assert {c.medal.name_az for c in conferments} == {"Diaspora fəaliyyətində xidmətə görə"}


def test_demo_covers_every_organisation_type_and_profession():
    call_command("load_demo", stdout=io.StringIO())
    assert set(Organisation.objects.values_list("type", flat=True)) == set(OrganisationType.values)
    assert set(Person.objects.values_list("profession", flat=True)) == set(Profession.values)
    assert Organisation.objects.filter(parent__type="coordination_council").count() >= 5
    assert Person.objects.filter(public=False).exists()


def test_ensure_admin_generates_a_password_once(settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    first, second = io.StringIO(), io.StringIO()

    call_command("ensure_admin", stdout=first)
    call_command("ensure_admin", stdout=second)

    password = (tmp_path / "admin-password").read_text().strip()
    admin = get_user_model().objects.get(username="admin")
    assert (admin.is_superuser, admin.check_password(password)) == (True, True)
    assert f"'{password}' (generated" in first.getvalue()
    assert f"'{password}' (kept in" in second.getvalue()


def test_ensure_admin_takes_the_password_from_the_environment(settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a long chosen passphrase")
    call_command("ensure_admin", stdout=io.StringIO())
    assert (
        get_user_model().objects.get(username="admin").check_password("a long chosen passphrase")
    )
    assert not (tmp_path / "admin-password").exists()


def test_the_demo_round_holds_a_nomination_in_every_state_with_its_steps():
    call_command("load_demo", stdout=io.StringIO())
    states = set(Nomination.objects.values_list("state", flat=True))
    assert states == set(NominationState.values)
    conferred = Nomination.objects.get(state=NominationState.CONFERRED)
    assert conferred.person.conferments.filter(decree_number="2026/17").exists()
    for nomination in Nomination.objects.exclude(state=NominationState.DRAFT):
        assert nomination.changes.last().target == nomination.state
