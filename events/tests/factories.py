import datetime
import zoneinfo

import factory

from events.models import Event, PressReport, ProgrammeItem
from organisations.tests.factories import OrganisationFactory

BAKU = zoneinfo.ZoneInfo("Asia/Baku")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title_en = factory.Sequence(lambda n: f"Videoconference {n}")
    # A day of 2025 each, however many events a test session has made before: tests filter
    # by the year (the 342nd event would otherwise start in 2026).
    start = factory.Sequence(
        lambda n: (
            datetime.datetime(2025, 1, 24, 15, 0, tzinfo=BAKU) + datetime.timedelta(days=n % 300)
        )
    )
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=3))
    format = "online"
    organiser = factory.SubFactory(OrganisationFactory)


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem

    event = factory.SubFactory(EventFactory)
    position = factory.Sequence(lambda n: n)
    kind = "speech"
    title_en = factory.Sequence(lambda n: f"Speech {n}")


class PressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressReport

    event = factory.SubFactory(EventFactory)
    agency = "Trend"
    headline = factory.Sequence(lambda n: f"Compatriots meet online ({n})")
    date = datetime.date(2025, 1, 24)
    url = factory.Sequence(lambda n: f"https://news.example.org/{n}")
