import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from events.models import Event
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_database_refuses_an_event_ending_before_it_starts():
    event = EventFactory()
    event.end = event.start - datetime.timedelta(minutes=1)
    with pytest.raises(IntegrityError):
        event.save()


def test_event_validation_names_the_end_field():
    event = EventFactory.build(slug="x")
    event.end = event.start - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict == {"end": ["The end cannot be before the start."]}


def test_database_refuses_an_unknown_status():
    event = EventFactory()
    with pytest.raises(IntegrityError):
        Event.objects.filter(pk=event.pk).update(status="archived")


def test_published_lists_only_published_events():
    published = EventFactory(status="published")
    EventFactory(status="draft")
    assert list(Event.objects.published()) == [published]


def test_slug_made_from_an_azerbaijani_or_russian_title_is_readable():
    azerbaijani = EventFactory(title_en="Həftəsonu məktəbləri üçün seminar")
    russian = EventFactory(title_en="Семинар для учителей")
    again = EventFactory(title_en="Həftəsonu məktəbləri üçün seminar")
    # ə as a, as Azerbaijani names are spelt in Latin (Məmmədov, Mammadov) and as the
    # search folds it, so that a slug is found by the words it is made of.
    assert [azerbaijani.slug, russian.slug, again.slug] == [
        "haftasonu-maktablari-uchun-seminar",
        "seminar-dlya-uchiteley",
        "haftasonu-maktablari-uchun-seminar-2",
    ]
