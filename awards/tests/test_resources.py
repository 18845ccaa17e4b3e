from functools import partial

import pytest

from awards.models import Conferment
from awards.tests.factories import MedalFactory
from imports.tests.helpers import import_text
from organisations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


run = partial(import_text, "awards")


def test_recipient_country_tells_namesakes_apart():
    MedalFactory(name_en="For Merits in Diaspora Activity")
    PersonFactory(full_name="Rauf Məmmədov", full_name_cyrillic="Рауф Мамедов", country="US")
    in_germany = PersonFactory(full_name="Rauf Məmmədov", country="DE")
    header = "medal,recipient,recipient_country,date\r\n"

    ambiguous = run(header + "For Merits in Diaspora Activity,Rauf Məmmədov,,24.01.2025\r\n")
    told_apart = run(header + "for merits in diaspora activity,Rauf Məmmədov,DEU,24.01.2025\r\n")

    assert [str(error) for error in ambiguous.errors] == [
        "row 2, column recipient: 2 records of that name; tell them apart (“Rauf Məmmədov”)"
    ]
    assert told_apart.ok
    assert Conferment.objects.get().person == in_germany


def test_recipient_found_by_the_cyrillic_spelling():
    MedalFactory(name_en="For Merits in Diaspora Activity")
    person = PersonFactory(full_name="Rauf Məmmədov", full_name_cyrillic="Рауф Мамедов")
    assert run(
        "medal,recipient,date\r\nFor Merits in Diaspora Activity,рауф мамедов,2025-01-24\r\n"
    ).ok
    assert Conferment.objects.get().person == person
