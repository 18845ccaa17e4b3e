import pytest
from django.urls import reverse

from organisations.models import Organisation, Person
from organisations.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def form_errors(response):
    assert response.status_code == 200, "the form was accepted"
    return response.context["adminform"].form.errors


def test_organisation_cannot_become_its_own_ancestor(admin_client, submit_admin_form):
    council = OrganisationFactory(type="coordination_council")
    house = OrganisationFactory(parent=council)
    school = OrganisationFactory(parent=house)

    response = submit_admin_form(admin_client, change_url(council), parent=str(school.pk))

    assert form_errors(response) == {
        "parent": [f"{school} belongs to this organisation already; it cannot also be its parent."]
    }
    council.refresh_from_db()
    assert council.parent is None


def test_organisation_cannot_be_its_own_parent(admin_client, submit_admin_form):
    council = OrganisationFactory(type="coordination_council")
    response = submit_admin_form(admin_client, change_url(council), parent=str(council.pk))
    assert list(form_errors(response)) == ["parent"]


def test_organisation_can_move_to_another_council(admin_client, submit_admin_form):
    old_council, new_council = OrganisationFactory.create_batch(2, type="coordination_council")
    house = OrganisationFactory(parent=old_council)
    response = submit_admin_form(admin_client, change_url(house), parent=str(new_council.pk))
    assert response.status_code == 302
    house.refresh_from_db()
    assert house.parent == new_council


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-address"),
        ("website", "javascript:alert(1)"),
        ("website", "http://"),
        ("phone", "12345"),
        ("phone", "+994 12 34"),
        ("slug", "has spaces/and slashes"),
        ("founded", "31.02.2020"),
        ("country", "XX"),
    ],
)
def test_organisation_form_rejects_bad_values(admin_client, submit_admin_form, field, value):
    organisation = OrganisationFactory()
    response = submit_admin_form(admin_client, change_url(organisation), **{field: value})
    assert list(form_errors(response)) == [field]


def test_organisation_form_accepts_an_international_phone_and_a_day_first_date(
    admin_client, submit_admin_form
):
    organisation = OrganisationFactory()
    response = submit_admin_form(
        admin_client,
        change_url(organisation),
        phone="+994 12 345 67 89",
        founded="03.04.2020",
        website="azhouse.example.org",
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (
        organisation.phone.as_e164,
        organisation.founded.isoformat(),
        organisation.website,
    ) == (
        "+994123456789",
        "2020-04-03",
        "https://azhouse.example.org",
    )


def test_organisation_form_rejects_a_duplicate_slug(admin_client, submit_admin_form):
    OrganisationFactory(slug="azerbaijan-house-berlin")
    organisation = OrganisationFactory()
    response = submit_admin_form(
        admin_client, change_url(organisation), slug="azerbaijan-house-berlin"
    )
    assert form_errors(response) == {"slug": ["Organisation with this Slug already exists."]}


def test_organisation_added_with_a_blank_slug_gets_one_from_its_name(
    admin_client, submit_admin_form
):
    OrganisationFactory(slug="azarbaycan-evi-vyanada")
    response = submit_admin_form(
        admin_client,
        reverse("admin:organisations_organisation_add"),
        name_en="Azərbaycan Evi Vyanada",
        type="azerbaijan_house",
        country="AT",
        slug="",
    )
    assert response.status_code == 302, form_errors(response)
    assert Organisation.objects.get(country="AT").slug == "azarbaycan-evi-vyanada-2"


def test_person_shown_publicly_needs_the_date_of_consent(admin_client, submit_admin_form):
    person = PersonFactory()
    response = submit_admin_form(admin_client, change_url(person), public="on")
    assert form_errors(response) == {
        "consent_date": ["Enter the date the person consented to be shown publicly."]
    }
    person.refresh_from_db()
    assert person.public is False


def test_person_consent_is_recorded_with_its_date(admin_client, submit_admin_form):
    person = PersonFactory()
    response = submit_admin_form(
        admin_client, change_url(person), public="on", consent_date="10.01.2025"
    )
    assert response.status_code == 302
    assert Person.objects.public().count() == 0  # still a draft
    person.refresh_from_db()
    assert (person.public, person.consent_date.isoformat()) == (True, "2025-01-10")


def test_person_is_private_by_default():
    person = PersonFactory()
    assert person.public is False


def test_membership_cannot_end_before_it_starts(admin_client, submit_admin_form):
    person = PersonFactory()
    organisation = OrganisationFactory()
    response = submit_admin_form(
        admin_client,
        change_url(person),
        **{
            "memberships-TOTAL_FORMS": "1",
            "memberships-0-organisation": str(organisation.pk),
            "memberships-0-person": str(person.pk),
            "memberships-0-role": "Chair",
            "memberships-0-start_year": "2020",
            "memberships-0-end_year": "2018",
        },
    )
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors == [
        {"end_year": ["A membership cannot end before it starts."]}
    ]
    assert person.memberships.count() == 0
