import pytest
from django.db import IntegrityError
from django.urls import reverse

from awards.models import Conferment
from awards.tests.factories import ConfermentFactory, MedalFactory
from organisations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_same_medal_cannot_be_conferred_twice_on_one_day(admin_client, submit_admin_form):
    existing = ConfermentFactory()
    response = submit_admin_form(
        admin_client,
        reverse("admin:awards_conferment_add"),
        medal=str(existing.medal_id),
        person=str(existing.person_id),
        date="24.01.2025",
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "__all__": ["This person has already received this medal on this date."]
    }
    assert Conferment.objects.count() == 1


def test_same_medal_twice_in_one_medal_form_is_refused(admin_client, submit_admin_form):
    medal = MedalFactory()
    person = PersonFactory()
    row = {
        "person": str(person.pk),
        "date": "24.01.2025",
        "medal": str(medal.pk),
        "status": "draft",
    }
    response = submit_admin_form(
        admin_client,
        reverse("admin:awards_medal_change", args=[medal.pk]),
        **{"conferments-TOTAL_FORMS": "2"},
        **{f"conferments-{index}-{key}": value for index in (0, 1) for key, value in row.items()},
    )
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.non_form_errors() == [
        "Please correct the duplicate data for person and date, which must be unique."
    ]
    assert Conferment.objects.count() == 0


def test_same_medal_on_another_day_is_a_new_conferment(admin_client, submit_admin_form):
    existing = ConfermentFactory()
    response = submit_admin_form(
        admin_client,
        reverse("admin:awards_conferment_add"),
        medal=str(existing.medal_id),
        person=str(existing.person_id),
        date="25.01.2025",
    )
    assert response.status_code == 302
    assert Conferment.objects.count() == 2


def test_database_refuses_a_duplicate_conferment():
    existing = ConfermentFactory()
    with pytest.raises(IntegrityError):
        Conferment.objects.create(medal=existing.medal, person=existing.person, date=existing.date)


def test_person_page_lists_their_conferments(admin_client):
    conferment = ConfermentFactory()
    response = admin_client.get(
        reverse("admin:organisations_person_change", args=[conferment.person_id])
    )
    formsets = {
        formset.formset.prefix: formset.formset
        for formset in response.context["inline_admin_formsets"]
    }
    assert [form.instance for form in formsets["conferments"].forms] == [conferment]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("hasanov", {"hasanov"}),  # the recipient's name, folded as the people's search does
        ("ГАСАНОВ", {"hasanov"}),
        ("leyla həsənova", {"hasanov"}),  # every word, each in any name
        ("friendship", {"hasanov", "aliyev"}),  # the medal's name
        ("17/2024", {"aliyev"}),  # the decree's number
        ("", {"hasanov", "aliyev"}),
        ("\x00", {"hasanov", "aliyev"}),
        ("nobody", set()),
    ],
)
def test_conferments_are_found_by_recipient_medal_or_decree(admin_client, query, found):
    medal = MedalFactory(name_en="Order of Friendship")
    people = {
        "hasanov": PersonFactory(full_name="Leyla Həsənova", full_name_cyrillic="Лейла Гасанова"),
        "aliyev": PersonFactory(full_name="Rauf Əliyev", full_name_latin="Rauf Aliyev"),
    }
    ConfermentFactory(medal=medal, person=people["hasanov"])
    ConfermentFactory(medal=medal, person=people["aliyev"], decree_number="17/2024")
    response = admin_client.get(reverse("admin:awards_conferment_changelist"), {"q": query})
    assert response.status_code == 200
    listed = {conferment.person for conferment in response.context["cl"].result_list}
    assert listed == {people[key] for key in found}
