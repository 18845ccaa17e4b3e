import pytest

from organisations.models import Person
from organisations.tests.factories import PersonFactory
from search import refold, search

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["shahin", "sahin", "ŞAHİN", "Шахин", "çələbi", "chalabi"])
def test_a_name_is_found_however_its_azerbaijani_letters_are_typed(query):
    PersonFactory(full_name="Şahin Çələbi", full_name_cyrillic="Шахин Челеби")
    PersonFactory(full_name="Rauf Məmmədov", full_name_cyrillic="")
    assert [person.full_name for person in search(Person.objects.all(), query)] == ["Şahin Çələbi"]


def test_every_word_must_be_found_in_a_name_or_an_extra_field():
    PersonFactory(full_name="Leyla Həsənova", position="Professor")
    PersonFactory(full_name="Leyla Quliyeva", position="Musician")
    found = search(Person.objects.all(), "leyla professor", also=["position"])
    assert [person.full_name for person in found] == ["Leyla Həsənova"]


def test_refold_fills_the_search_text_of_stored_records_again():
    PersonFactory(full_name="Şahin Çələbi", full_name_latin="", full_name_cyrillic="", city="")
    Person.objects.update(search_text="old")
    refold(Person, Person.search_sources)
    assert list(Person.objects.values_list("search_text", flat=True)) == [
        "sahin calabi | shahin chalabi | sagin calabi | sagin jalabi"
    ]
