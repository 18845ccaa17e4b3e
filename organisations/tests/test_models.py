import pytest
from django.db import IntegrityError

from organisations.models import Person
from organisations.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_database_refuses_an_organisation_as_its_own_parent():
    organisation = OrganisationFactory()
    organisation.parent_id = organisation.pk
    with pytest.raises(IntegrityError):
        organisation.save()


def test_database_refuses_a_public_person_without_a_consent_date():
    with pytest.raises(IntegrityError):
        PersonFactory(public=True, consent_date=None)


def test_ancestors_of_an_organisation_stop_at_a_cycle():
    council = OrganisationFactory()
    house = OrganisationFactory(parent=council)
    # A cycle that only a raw update could make must not hang the check.
    type(council).objects.filter(pk=council.pk).update(parent=house)
    house.refresh_from_db()
    assert house.ancestor_ids() == [council.pk, house.pk]


def test_public_people_are_published_and_consented():
    shown = PersonFactory(status="published", public=True, consent_date="2025-01-10")
    PersonFactory(status="published", public=False)
    PersonFactory(status="draft", public=True, consent_date="2025-01-10")
    assert list(Person.objects.public()) == [shown]
