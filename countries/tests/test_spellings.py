"""Countries found by the names councils and embassies write them by."""

import io
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from countries.spellings import AmbiguousCountry, UnknownCountry, find_country
from imports.importing import import_file
from imports.values import ValueProblem, country
from organisations.models import Organisation
from organisations.tests.factories import OrganisationFactory

FILES = Path(__file__).parents[2] / "imports" / "tests" / "files"

# Each spelling of organisations-countries-source.csv, and the country it means.
WRITTEN = {
    "Washington House": "US",  # United States
    "Ankara House": "TR",  # Turkey
    "London House": "GB",  # UK
    "Manchester House": "GB",  # Great Britain
    "Moscow House": "RU",  # Russian Federation
    "Berlin House": "DE",  # Deutschland
    "Amsterdam House": "NL",  # Holland
    "New York House": "US",  # США
    "Chicago House": "US",  # ABŞ
    "Leeds House": "GB",  # Böyük Britaniya
    "Boston House": "US",  # U.S.A.
    "Istanbul House": "TR",  # Türkiyə
    "Kazan House": "RU",  # РФ
}


@pytest.mark.parametrize(
    ("name", "code"),
    [
        # Codes, alpha-2 and alpha-3
        ("de", "DE"),
        ("DEU", "DE"),
        ("usa", "US"),
        # CLDR's names
        ("United States", "US"),
        ("Соединенные Штаты", "US"),
        ("Cənubi Koreya", "KR"),
        ("Congo - Kinshasa", "CD"),
        # iso-codes' short, official and common names, in three languages
        ("Russian Federation", "RU"),
        ("Republic of Korea", "KR"),
        ("Korea, Democratic People's Republic of", "KP"),
        ("Federal Republic of Germany", "DE"),
        ("Федеративная Республика Германия", "DE"),
        ("Türkiyə Respublikası", "TR"),
        ("Соединённое Королевство Великобритании и Северной Ирландии", "GB"),
        # The customary table
        ("Holland", "NL"),
        ("Great Britain", "GB"),
        ("U.S.A.", "US"),
        ("ABŞ", "US"),
        ("США", "US"),
        ("Deutschland", "DE"),
        # Case, accents and the Azerbaijani i aside
        ("TÜRKİYƏ", "TR"),
        ("turkiye", "TR"),
        ("Cote d'Ivoire", "CI"),
        ("ИТАЛИЯ", "IT"),
        ("  almaniya ", "DE"),
    ],
)
def test_a_country_is_found_by_any_of_its_names(name, code):
    assert find_country(name) == code


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("Korea", ("KR", "KP")),
        ("Корея", ("KR", "KP")),
        ("Koreya", ("KR", "KP")),
        ("Congo", ("CG", "CD")),
        ("Конго", ("CG", "CD")),
    ],
)
def test_a_name_of_two_countries_finds_neither(name, codes):
    with pytest.raises(AmbiguousCountry) as raised:
        find_country(name)
    assert raised.value.codes == codes


@pytest.mark.parametrize("name", ["Narnia", "", "Europe", "XX", "Германии"])
def test_a_name_of_no_country_is_unknown(name):
    with pytest.raises(UnknownCountry):
        find_country(name)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "file_name",
    ["organisations-countries-libreoffice.ods", "organisations-countries-libreoffice.xlsx"],
)
def test_a_councils_spreadsheet_names_countries_as_people_write_them(file_name):
    """The rows LibreOffice saved: every spelling read, the two ambiguous ones refused with
    the candidates named, and nothing written while they stand."""
    uploaded = io.BytesIO((FILES / file_name).read_bytes())
    with translation.override("en"):
        result = import_file(dataset_name="organisations", uploaded=uploaded, file_name=file_name)
    assert [str(error) for error in result.errors] == [
        "row 15, column country: “Korea” may mean South Korea or North Korea: write which one "
        "(“Korea”)",
        "row 16, column country: “Congo” may mean Congo or Democratic Republic of the Congo: "
        "write which one (“Congo”)",
    ]
    assert not Organisation.objects.exists()

    source = (FILES / "organisations-countries-source.csv").read_text(encoding="utf-8")
    written = "\r\n".join(
        line for line in source.splitlines() if "Korea" not in line and "Congo" not in line
    )
    result = import_file(
        dataset_name="organisations",
        uploaded=io.BytesIO(written.encode()),
        file_name="organisations.csv",
    )
    assert result.ok, [str(error) for error in result.errors]
    assert dict(Organisation.objects.values_list("name_en", "country")) == WRITTEN


def test_an_ambiguous_country_is_named_in_russian():
    with translation.override("ru"), pytest.raises(ValueProblem) as raised:
        country("Корея")
    assert (
        str(raised.value)
        == "«Корея» может означать Южная Корея или Северная Корея: напишите, какую страну"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("search", ["UK", "Great Britain", "Böyük Britaniya", "Великобритания"])
def test_the_admin_finds_records_by_the_name_of_their_country(admin_client, search):
    london = OrganisationFactory(country="GB", name_en="Azerbaijani House")
    OrganisationFactory(country="DE", name_en="Azerbaijani Centre")
    britons = OrganisationFactory(country="FR", name_en="Great Britain Friends")
    response = admin_client.get(
        reverse("admin:organisations_organisation_changelist"), {"q": search}
    )
    found = set(response.context["cl"].result_list)
    assert london in found
    assert found <= {london, britons}


@pytest.mark.django_db
def test_the_admin_reads_a_short_word_in_lower_case_as_part_of_a_name(admin_client):
    german = OrganisationFactory(country="DE", name_en="Berlin House")
    named = OrganisationFactory(country="FR", name_en="Maison de Paris")
    response = admin_client.get(
        reverse("admin:organisations_organisation_changelist"), {"q": "de"}
    )
    assert list(response.context["cl"].result_list) == [named]
    response = admin_client.get(
        reverse("admin:organisations_organisation_changelist"), {"q": "DE"}
    )
    assert set(response.context["cl"].result_list) == {german, named}


@pytest.mark.django_db
def test_the_import_writes_a_cells_problem_in_the_staff_members_language():
    with translation.override("ru"):
        result = import_file(
            dataset_name="organisations",
            uploaded=io.BytesIO("name,type,country\r\nSeoul House,Community,Корея\r\n".encode()),
            file_name="organisations.csv",
        )
        errors = [str(error) for error in result.errors]
    assert errors == [
        "строка 2, столбец country: «Корея» может означать Южная Корея или Северная Корея: "
        "напишите, какую страну (“Корея”)"
    ]
