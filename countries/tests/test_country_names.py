"""Countries named in Azerbaijani wherever the site speaks it, and read in any language."""

import io

import pytest
from django.urls import reverse
from django.utils import translation

from countries.names import CATALOGUE_LANGUAGES, catalogue, catalogue_path
from events.tests.factories import EventFactory
from imports.importing import import_file
from organisations.models import Organisation
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_committed_catalogue_is_what_pycountry_and_the_corrections_give(language):
    # `manage.py write_country_names` writes it again after a pycountry upgrade.
    assert catalogue_path(language).read_text(encoding="utf-8") == catalogue(language)


def test_every_country_has_an_azerbaijani_name():
    from django_countries import countries

    with translation.override("en"):
        english = {code: str(name) for code, name in countries}
    with translation.override("az"):
        azerbaijani = {code: str(name) for code, name in countries}
    assert sorted(name for code, name in english.items() if azerbaijani[code] == name) == [
        # Spelt alike in both languages.
        "Andorra",
        "Argentina",
        "Aruba",
        "Barbados",
        "Belarus",
        "Benin",
        "Burundi",
        "Haiti",
        "Honduras",
        "Kiribati",
        "Laos",
        "Mali",
        "Malta",
        "Moldova",
        "Montserrat",
        "Nepal",
        "Niger",
        "Niue",
        "Oman",
        "Pakistan",
        "Palau",
        "Panama",
        "Peru",
        "Samoa",
        "Sudan",
        "Tokelau",
        "Tuvalu",
        "Vanuatu",
    ]


def test_azerbaijani_directory_names_and_orders_countries_in_azerbaijani(client):
    for code in ("FR", "US", "DE", "DZ", "ES"):
        OrganisationFactory(status="published", country=code)
    with translation.override("az"):
        response = client.get(reverse("organisations:list"))
        names = [str(country.name) for country, _total in response.context["country_counts"]]
    page = response.content.decode()
    assert response.status_code == 200
    assert names == [
        "Almaniya",
        "Amerika Birləşmiş Ştatları",
        "Əlcəzair",  # Ə follows E in the Azerbaijani alphabet, not Z
        "Fransa",
        "İspaniya",
    ]
    assert "<h2>Almaniya</h2>" in page
    assert "Germany" not in page


def test_azerbaijani_event_page_names_its_country(client):
    event = EventFactory(
        status="published", format="in_person", country="FR", city="Paris", venue=""
    )
    with translation.override("az"):
        response = client.get(event.get_absolute_url())
    assert "Paris, Fransa" in response.content.decode()


def test_admin_country_filter_in_azerbaijani(admin_client):
    OrganisationFactory(country="GB")
    OrganisationFactory(country="US")
    response = admin_client.get(
        reverse("admin:organisations_organisation_changelist"), HTTP_ACCEPT_LANGUAGE="az"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Birləşmiş Krallıq" in page
    assert "Amerika Birləşmiş Ştatları" in page


def test_imports_read_countries_named_in_azerbaijani_and_russian():
    result = import_file(
        dataset_name="organisations",
        uploaded=io.BytesIO(
            "name,type,country\r\n"
            "Berlin House,Community,Almaniya\r\n"
            "Moscow House,Community,Россия\r\n"
            "Washington House,Community,amerika birləşmiş ştatları\r\n".encode()
        ),
        file_name="organisations.csv",
    )
    assert result.ok, [str(error) for error in result.errors]
    assert sorted(Organisation.objects.values_list("country", flat=True)) == ["DE", "RU", "US"]


def test_directory_headings_follow_the_order_of_country_names_in_each_language(client):
    for code in ("US", "DE", "CA"):
        OrganisationFactory(status="published", country=code)
    headings = {}
    for language in ("az", "en"):
        with translation.override(language):
            response = client.get(reverse("organisations:list"))
            headings[language] = [
                str(organisation.country.name)
                for organisation in response.context["organisations"]
            ]
    assert headings == {
        "az": ["Almaniya", "Amerika Birləşmiş Ştatları", "Kanada"],
        "en": ["Canada", "Germany", "United States of America"],
    }
