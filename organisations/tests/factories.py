import datetime

import factory

from organisations.models import Membership, Organisation, Person


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_en = factory.Sequence(lambda n: f"Azerbaijan House {n}")
    name_az = factory.Sequence(lambda n: f"Azərbaycan Evi {n}")
    type = "azerbaijan_house"
    country = "DE"
    city = "Berlin"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Leyla Həsənova {n}")
    full_name_latin = factory.Sequence(lambda n: f"Leyla Hasanova {n}")
    country = "FR"
    profession = "scientist"


class PublicPersonFactory(PersonFactory):
    public = True
    consent_date = datetime.date(2025, 1, 10)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Member"
    start_year = 2015
