import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from organisations.tests.factories import OrganisationFactory
from scopes import scope_of
from scopes.models import StaffScope
from scopes.roles import COORDINATOR

pytestmark = pytest.mark.django_db


def coordinator(*args):
    output = io.StringIO()
    call_command("coordinator", *args, stdout=output)
    return output.getvalue()


def test_the_command_creates_the_coordinator_and_adds_countries_and_organisations(
    django_user_model,
):
    council = OrganisationFactory(
        name_en="Coordination Council of Azerbaijanis of France", country="FR"
    )
    output = coordinator("berlin", "--country", "DE", "--country", "at")
    assert "Created coordinator 'berlin': Austria, Germany." in output
    user = django_user_model.objects.get(username="berlin")
    assert user.is_staff
    assert not user.has_usable_password()
    assert user.groups.filter(name=COORDINATOR).exists()

    coordinator("berlin", "--organisation", "coordination council of azerbaijanis of france")
    user = django_user_model.objects.get(username="berlin")
    scope = scope_of(user)
    assert scope.countries == {"AT", "DE"}
    assert council.pk in scope.organisation_ids

    coordinator("berlin", "--clear", "--country", "FR")
    assert scope_of(django_user_model.objects.get(username="berlin")).countries == {"FR"}
    assert not StaffScope.objects.get(user__username="berlin").organisations.exists()

    assert "everywhere" in coordinator("berlin", "--everywhere")
    assert scope_of(django_user_model.objects.get(username="berlin")).everywhere


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--country", "Germany"], "'Germany' is not a country's ISO code"),
        (["--organisation", "Nowhere"], "No organisation is named 'Nowhere'."),
        (["--everywhere", "--country", "DE"], "Give --everywhere or countries"),
    ],
)
def test_the_command_refuses_what_it_cannot_assign_and_changes_nothing(
    django_user_model, args, message
):
    with pytest.raises(CommandError, match=message):
        coordinator("paris", *args)
    assert not django_user_model.objects.filter(username="paris").exists()


def test_scopes_are_given_on_the_user_and_group_pages(admin_client, django_user_model):
    user = django_user_model.objects.create_user("vienna", is_staff=True)
    page = admin_client.get(reverse("admin:auth_user_change", args=[user.pk]))
    assert "staff_scope-TOTAL_FORMS" in page.content.decode()
    group = Group.objects.get(name=COORDINATOR)
    page = admin_client.get(reverse("admin:auth_group_change", args=[group.pk]))
    assert "staff_scope-0-countries" in page.content.decode()

    data = {
        "name": group.name,
        "permissions": list(group.permissions.values_list("pk", flat=True)),
        "staff_scope-TOTAL_FORMS": 1,
        "staff_scope-INITIAL_FORMS": 1,
        "staff_scope-MIN_NUM_FORMS": 0,
        "staff_scope-MAX_NUM_FORMS": 1,
        "staff_scope-0-id": group.staff_scope.pk,
        "staff_scope-0-group": group.pk,
        "staff_scope-0-countries": ["AT"],
    }
    answer = admin_client.post(reverse("admin:auth_group_change", args=[group.pk]), data)
    assert answer.status_code == 302
    user.groups.add(group)
    assert scope_of(django_user_model.objects.get(pk=user.pk)).countries == {"AT"}
