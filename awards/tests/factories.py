import datetime

import factory

from awards.models import Conferment, Medal
from events.tests.factories import EventFactory
from organisations.tests.factories import PersonFactory


class MedalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Medal

    name_en = factory.Sequence(lambda n: f"For Merits in Diaspora Activity {n}")
    description_en = "Awarded for contributions to the Diaspora."


class ConfermentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conferment

    medal = factory.SubFactory(MedalFactory)
    person = factory.SubFactory(PersonFactory)
    date = datetime.date(2025, 1, 24)
    event = factory.SubFactory(EventFactory)
    decree_number = "No. 12"
