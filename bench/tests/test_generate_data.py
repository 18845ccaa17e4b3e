"""The benchmark's data: the sizes asked for, the same records for the same seed."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max

from awards.models import Conferment
from events.models import Event, EventPhoto, ProgrammeItem
from media.models import Photo
from organisations.models import Membership, Organisation, Person
from search import search

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


def test_rows_written_past_the_models_read_back_as_saved_records():
    """The rows go to the tables directly (COPY on PostgreSQL): what the models add on save
    (timestamps, defaults, the folded search text) is there, and the ids go on from them."""
    generated()
    event = Event.objects.select_related("organiser").order_by("pk").last()
    assert event.created is not None
    assert event.updated is not None
    assert event.start.tzinfo is not None
    assert event.end - event.start == timedelta(hours=3)
    assert event.venue == ""
    assert event.body == ""
    assert event.organiser.country
    found = search(Person.objects.all(), "hasanov")
    assert found.exists()
    assert all("Həsənov" in name for name in found.values_list("full_name", flat=True))
    newcomer = Organisation.objects.create(name="Newcomer", type="other", country="DE", city="X")
    assert newcomer.pk > Organisation.objects.exclude(pk=newcomer.pk).aggregate(m=Max("pk"))["m"]
