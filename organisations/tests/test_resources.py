import datetime
from pathlib import Path

import pytest

import imports.tests
from imports import values
from imports.exporting import export_file
from imports.importing import import_file
from imports.tests.helpers import import_text
from organisations.models import Organisation, OrganisationType, Person
from organisations.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


run = import_text


def test_choices_read_in_azerbaijani_and_russian():
    assert [
        values.choice("Azərbaycan Evi", OrganisationType),
        values.choice("дом азербайджана", OrganisationType),
        values.choice("AZERBAIJAN HOUSE", OrganisationType),
    ] == ["azerbaijan_house"] * 3


def test_parent_named_before_it_is_defined_is_linked():
    result = run(
        "organisations",
        "name,type,country,parent\r\n"
        "Graz School,Weekend School,AT,Austrian Council\r\n"
        "Vienna House,Azerbaijan House,AT,Austrian Council\r\n"
        "Austrian Council,Coordination Council,AT,\r\n",
    )
    assert result.ok, [str(error) for error in result.errors]
    council = Organisation.objects.get(name_en="Austrian Council")
    assert sorted(council.members.values_list("name_en", flat=True)) == [
        "Graz School",
        "Vienna House",
    ]
    assert council.history.count() == 1
    assert Organisation.objects.get(name_en="Graz School").history.get().parent_id == council.pk


def test_parent_cycle_with_a_stored_organisation_is_refused():
    council = OrganisationFactory(name_en="Austrian Council", country="AT")
    OrganisationFactory(name_en="Graz School", country="AT", parent=council)
    result = run(
        "organisations",
        "name,type,country,parent\r\nAustrian Council,Coordination Council,AT,Graz School\r\n",
    )
    assert [str(error) for error in result.errors] == [
        "row 2, column parent: Graz School belongs to this organisation already; it cannot also "
        "be its parent. (“Graz School”)"
    ]


def test_parent_cycle_within_the_file_is_refused():
    result = run(
        "organisations",
        "name,type,country,parent\r\n"
        "Graz School,Weekend School,AT,Austrian Council\r\n"
        "Austrian Council,Coordination Council,AT,Graz School\r\n",
    )
    assert sorted(str(error) for error in result.errors) == [
        "row 2, column parent: this would make the organisation its own ancestor "
        "(“Austrian Council”)",
        "row 3, column parent: this would make the organisation its own ancestor (“Graz School”)",
    ]


def test_same_name_in_two_countries_are_two_organisations_and_an_ambiguous_parent():
    OrganisationFactory(name_en="Azerbaijan House", country="DE")
    OrganisationFactory(name_en="Azerbaijan House", country="FR")
    result = run(
        "organisations",
        "name,type,country,parent\r\nCologne School,Weekend School,DE,Azerbaijan House\r\n",
    )
    assert [str(error) for error in result.errors] == [
        "row 2, column parent: 2 records of that name; tell them apart (“Azerbaijan House”)"
    ]


def test_same_row_twice_in_a_file_is_reported_on_the_second():
    result = run(
        "organisations",
        "name,type,country\r\nGraz School,Media,AT\r\n graz  SCHOOL ,Media,AUT\r\n",
    )
    assert [str(error) for error in result.errors] == [
        "row 3, column name: the same record as row 2 (“ graz  SCHOOL ”)"
    ]


def test_people_are_matched_by_id_first():
    person = PersonFactory(full_name="Leyla Həsənova", country="DE")
    result = run("people", f"id,full_name,country\r\n{person.pk},Leyla Hasanova-Əliyeva,FR\r\n")
    assert result.counts == {"new": 0, "updated": 1, "unchanged": 0, "errors": 0}
    person.refresh_from_db()
    assert (person.full_name, person.country.code) == ("Leyla Hasanova-Əliyeva", "FR")


def test_unknown_person_id_is_an_error():
    result = run("people", "id,full_name,country\r\n999999,Leyla,DE\r\n")
    assert [str(error) for error in result.errors] == [
        "row 2, column id: no person has this id (“999999”)"
    ]


def test_public_needs_a_consent_date_and_blank_public_means_private():
    result = run(
        "people",
        "full_name,country,public,consent_date\r\nLeyla,DE,yes,\r\nRauf,US,,\r\n",
    )
    assert [str(error) for error in result.errors] == [
        "row 2, column consent_date: Enter the date the person consented to be shown publicly."
    ]
    assert run("people", "full_name,country,public\r\nRauf,US,\r\n").ok
    assert Person.objects.get().public is False


def test_invalid_email_phone_and_link_are_reported_on_their_columns():
    result = run(
        "organisations",
        "name,type,country,email,phone,website\r\nGraz,Media,AT,not-mail,12,javascript:x\r\n",
    )
    assert sorted(error.column for error in result.errors) == ["email", "phone", "website"]


def test_people_export_has_no_contacts_unless_asked():
    PersonFactory(email="leyla@example.org", phone="+994123456789")
    without = export_file(dataset_name="people", file_format="csv").decode()
    with_contacts = export_file(
        dataset_name="people", file_format="csv", with_contacts=True
    ).decode()
    assert "leyla@example.org" not in without
    assert "leyla@example.org" in with_contacts
    assert "+994 12 345 67 89" in with_contacts


def import_libreoffice_file(name, **options):
    path = Path(imports.tests.__file__).parent / "files" / name
    with path.open("rb") as uploaded:
        return import_file(dataset_name="people", uploaded=uploaded, file_name=name, **options)


@pytest.mark.parametrize("name", ["people-libreoffice.ods", "people-libreoffice.xlsx"])
def test_people_saved_by_libreoffice_land_in_their_own_fields(name):
    OrganisationFactory(name_en="Azerbaijan House in Paris", country="FR")
    result = import_libreoffice_file(name)
    assert [str(error) for error in result.errors] == []
    assert result.ignored_headers == ["citty"]
    assert list(
        Person.objects.order_by("full_name").values_list(
            "full_name", "city", "email", "public", "consent_date", "status"
        )
    ) == [
        ("Günel İsmayılova", "Vienna", "gunel@example.org", False, None, "published"),
        ("Kamran Əliyev", "", "", False, None, "draft"),
        ("Leyla Həsənova", "Berlin", "", True, datetime.date(2025, 1, 10), "draft"),
        ("Orxan Hüseynov", "Paris", "", True, datetime.date(2025, 2, 11), "draft"),
        ("Рауф Мамедов", "", "", False, None, "draft"),
    ]


def test_people_in_libreoffice_english_csv_refuse_month_first_dates():
    result = import_libreoffice_file("people-libreoffice-semicolon.csv", dry_run=True)
    assert [str(error) for error in result.errors] == [
        "row 2, column consent_date: expected a date such as 24.01.2025 or 2025-01-24 "
        "(“01/10/25”)",
        "row 4, column consent_date: expected a date such as 24.01.2025 or 2025-01-24 "
        "(“02/11/25”)",
        "row 4, column organisation: no organisation of that name (“Azerbaijan House in Paris”)",
    ]


def test_a_row_reports_every_error_it_has_at_once():
    result = run(
        "people",
        "full_name,country,organisation,public,consent_date,email\r\n"
        "Leyla Həsənova,DE,Nowhere House,yes,,not-an-address\r\n"
        "Rauf Məmmədov,Atlantis,,maybe,,\r\n",
    )
    assert [str(error).split(" (“")[0] for error in result.errors] == [
        "row 2, column organisation: no organisation of that name",
        "row 2, column email: Enter a valid email address.",
        "row 2, column consent_date: Enter the date the person consented to be shown publicly.",
        "row 3, column country: expected a country code such as DE or DEU, or a name such "
        "as Germany, Almaniya or Германия",
        "row 3, column public: expected yes or no (bəli/xeyr, да/нет)",
    ]
