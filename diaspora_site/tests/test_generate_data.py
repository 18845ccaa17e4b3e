"""The benchmark's data: the sizes asked for, the same records for the same seed."""

import io

import pytest
from django.core.management import CommandError, call_command

from awards.models import Conferment
from events.models import Event, EventPhoto, ProgrammeItem
from media.models import Photo
from organisations.models import Membership, Organisation, Person

pytestmark = pytest.mark.django_db

SCALE = 0.002  # 10 organisations, 100 people, 40 events, 20 conferments, 40 photos


def generated(seed=2025):
    call_command("generate_data", scale=SCALE, seed=seed, stdout=io.StringIO())
    return sorted(Person.objects.values_list("full_name", "country", "slug"))


def test_generates_the_sizes_of_the_scale_in_three_scripts():
    generated()
    assert (
        Organisation.objects.count(),
        Person.objects.count(),
        Event.objects.count(),
        Conferment.objects.count(),
        Photo.objects.count(),
    ) == (10, 100, 40, 20, 40)
    assert ProgrammeItem.objects.count() == 3 * 40
    assert Membership.objects.count() == 100
    assert EventPhoto.objects.count() == 40
    person = Person.objects.order_by("pk").first()
    assert "ə" in person.full_name or "ı" in person.full_name or "ü" in person.full_name
    assert person.full_name_cyrillic[0] in "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ"
    assert person.search_text, "found by the public search"
    # The photo records share a few files rather than writing one each.
    assert Photo.objects.values("image").distinct().count() == 4


def test_the_same_seed_gives_the_same_records():
    first = generated()
    for model in (Conferment, EventPhoto, ProgrammeItem, Event, Membership, Person):
        model.objects.all().delete()
    Organisation.objects.update(parent=None)
    Organisation.objects.all().delete()
    Photo.objects.all().delete()
    assert generated() == first


def test_refuses_a_database_that_already_has_records():
    generated()
    with pytest.raises(CommandError, match="already holds records"):
        call_command("generate_data", scale=SCALE, stdout=io.StringIO())


def test_refuses_a_scale_out_of_range():
    with pytest.raises(CommandError, match="--scale"):
        call_command("generate_data", scale=0, stdout=io.StringIO())
