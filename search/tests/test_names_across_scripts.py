"""One name in every script: a person written in Azerbaijani Latin is found by the Russian
Cyrillic or English spelling of the name, and the other way round."""

import datetime

import pytest
from django.urls import reverse

from organisations.models import Organisation, Person
from organisations.tests.factories import OrganisationFactory, PersonFactory
from search import search
from search.transliteration import sound_of

pytestmark = pytest.mark.django_db

# Azerbaijani Latin, and the same name as Russian or English writes it: as passports, the
# press and the councils' lists spell these names.
PAIRS = [
    ("Məmmədova", "Мамедова"),
    ("Məmmədova", "Mammadova"),
    ("Məmmədova", "Mamedova"),
    ("Məmmədov", "Мамедов"),
    ("Əliyev", "Алиев"),
    ("Əliyev", "Aliyev"),
    ("Əliyeva", "Aliyeva"),
    ("Həsənov", "Гасанов"),
    ("Həsənov", "Hasanov"),
    ("Həsənova", "Gasanova"),
    ("Cəfərov", "Джафаров"),
    ("Cəfərov", "Jafarov"),
    ("Xəlilov", "Халилов"),
    ("Xəlilov", "Khalilov"),
    ("Şirinov", "Ширинов"),
    ("Şirinova", "Shirinova"),
    ("Hüseynov", "Гусейнов"),
    ("Hüseynova", "Huseynova"),
    ("Hacıyev", "Гаджиев"),
    ("Hacıyev", "Hajiyev"),
    ("Ağayev", "Агаев"),
    ("Ağayev", "Agayev"),
    ("Quliyev", "Гулиев"),
    ("Quliyev", "Guliyev"),
    ("Qasımov", "Гасымов"),
    ("Qasımov", "Gasimov"),
    ("İsmayılov", "Исмаилов"),
    ("İsmayılova", "Ismayilova"),
    ("Rəhimov", "Рагимов"),
    ("Mehdiyev", "Мехдиев"),
    ("İbrahimov", "Ибрагимов"),
    ("Süleymanov", "Сулейманов"),
    ("Vəliyev", "Велиев"),
    ("Abbasov", "Аббасов"),
    ("Zeynalov", "Зейналов"),
    ("Nəsirov", "Насиров"),
    ("Babayev", "Бабаев"),
    ("Bağırov", "Багиров"),
    ("Əhmədov", "Ахмедов"),
    ("Mustafayev", "Мустафаев"),
    ("Səfərov", "Сафаров"),
    ("Rüstəmov", "Рустамов"),
    ("Kərimov", "Керимов"),
    ("Nuriyev", "Нуриев"),
    ("Tağıyev", "Тагиев"),
    ("Yusifov", "Юсифов"),
    ("Mahmudov", "Махмудов"),
    ("Hümbətov", "Гумбатов"),
    # First names
    ("Gülnarə", "Гюльнара"),
    ("Nigar", "Нигяр"),
    ("Çingiz", "Чингиз"),
    ("Çingiz", "Chingiz"),
    ("Fərhad", "Фархад"),
    ("Aynur", "Айнур"),
    ("Elçin", "Эльчин"),
    ("Leyla", "Лейла"),
    ("Orxan", "Орхан"),
    ("Orxan", "Orkhan"),
    ("Gözəl", "Гёзель"),
    ("Xədicə", "Хадиджа"),
    ("Ceyhun", "Джейхун"),
    ("Cavid", "Javid"),
    ("Zərifə", "Зарифа"),
    ("Aytən", "Айтен"),
    ("Vaqif", "Вагиф"),
    ("Şükür", "Шукюр"),
    ("Sevinc", "Севиндж"),
    ("Günel", "Гюнель"),
]


def test_the_table_is_long_enough_to_mean_something():
    assert len(PAIRS) >= 40


@pytest.mark.parametrize(("azerbaijani", "other"), PAIRS)
def test_each_spelling_finds_the_other(azerbaijani, other):
    written_az = PersonFactory(
        full_name=f"Rauf {azerbaijani}", full_name_latin="", full_name_cyrillic=""
    )
    written_other = PersonFactory(
        full_name=f"Rauf {other}", full_name_latin="", full_name_cyrillic=""
    )
    PersonFactory(full_name="Rauf Novruzov", full_name_latin="", full_name_cyrillic="")
    people = Person.objects.all()
    assert set(search(people, other)) == {written_az, written_other}
    assert set(search(people, azerbaijani)) == {written_az, written_other}
    assert set(search(people, other.upper())) == {written_az, written_other}


@pytest.mark.parametrize(
    ("one", "another"),
    [
        ("Həsənov", "Hüseynov"),
        ("Məmmədov", "Mahmudov"),
        ("Əliyev", "Vəliyev"),  # found within it, as any part of a name is
        ("Qasımov", "Kərimov"),
        ("Leyla", "Lalə"),
    ],
)
def test_different_names_keep_different_sounds(one, another):
    assert sound_of(one) != sound_of(another)


@pytest.mark.parametrize("query", ["Мамедова", "mammadova", "MAMEDOVA", "Məmmədova"])
def test_the_public_search_finds_people_in_every_script_spelt_alike_first(client, query):
    from django.utils import translation

    latin = PersonFactory(
        full_name="Leyla Məmmədova",
        public=True,
        consent_date=datetime.date(2025, 1, 24),
        status="published",
    )
    cyrillic = PersonFactory(
        full_name="Лейла Мамедова",
        full_name_latin="",
        public=True,
        consent_date=datetime.date(2025, 1, 24),
        status="published",
    )
    with translation.override("en"):
        response = client.get(reverse("search"), {"q": query})
    people = list(response.context["results"]["people"])
    assert set(people) == {latin, cyrillic}
    spelt_alike = {"Мамедова": cyrillic, "MAMEDOVA": cyrillic}.get(query, latin)
    assert people[0] == spelt_alike


def test_the_admins_search_finds_a_name_in_another_script(admin_client):
    OrganisationFactory(name_en="Həsənov Foundation", name_az="", name_ru="")
    OrganisationFactory(name_en="Novruz House", name_az="", name_ru="")
    response = admin_client.get(
        reverse("admin:organisations_organisation_changelist"), {"q": "Гасанов"}
    )
    assert [str(o.name_en) for o in response.context["cl"].result_list] == ["Həsənov Foundation"]
    assert Organisation.objects.count() == 2


def test_the_api_finds_a_name_in_another_script(client):
    from events.tests.factories import EventFactory

    EventFactory(status="published", title_en="Evening with Cəfərov")
    EventFactory(status="published", title_en="Evening with Novruzov")
    response = client.get("/api/v1/events/", {"q": "Джафаров"})
    assert [event["title"] for event in response.json()["results"]] == ["Evening with Cəfərov"]
