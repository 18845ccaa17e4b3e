"""Slugs for many new records at once: unique, readable, numbered from where a name left off."""

import pytest

from organisations.models import Organisation
from search.slugs import SlugAllocator

pytestmark = pytest.mark.django_db


def test_numbers_a_name_given_many_times_in_turn_past_those_stored():
    for slug in ("odlar-yurdu", "odlar-yurdu-2", "odlar-yurdu-4"):
        Organisation.objects.create(name=slug, slug=slug, type="other", country="DE", city="X")
    slugs = SlugAllocator(Organisation)
    given = [slugs.allocate("Odlar Yurdu") for _ in range(4)]
    assert given == ["odlar-yurdu-3", "odlar-yurdu-5", "odlar-yurdu-6", "odlar-yurdu-7"]
    assert slugs.allocate("Şuşa") == "shusha"
    assert slugs.allocate("Şuşa") == "shusha-2"
    assert slugs.allocate("«»") == "item"
