import pytest
from django.urls import reverse

from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_history_records_who_changed_a_field_and_revert_restores_it(
    client, editor, submit_admin_form
):
    organisation = OrganisationFactory(name_en="Azerbaijan House in Berlin", city="Berlin")
    client.force_login(editor)
    change = reverse("admin:organisations_organisation_change", args=[organisation.pk])

    response = submit_admin_form(client, change, name_en="Azerbaijan House Berlin-Mitte")
    assert response.status_code == 302

    latest, original = organisation.history.all()[:2]
    assert (latest.history_user, latest.name_en, original.name_en) == (
        editor,
        "Azerbaijan House Berlin-Mitte",
        "Azerbaijan House in Berlin",
    )
    changes = latest.diff_against(original).changes
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("name_en", "Azerbaijan House in Berlin", "Azerbaijan House Berlin-Mitte")
    ]
    history_page = client.get(
        reverse("admin:organisations_organisation_history", args=[organisation.pk])
    )
    assert "Azerbaijan House Berlin-Mitte" in history_page.content.decode()
    assert editor.username in history_page.content.decode()

    revert = reverse(
        "admin:organisations_organisation_simple_history",
        args=[organisation.pk, original.history_id],
    )
    response = submit_admin_form(client, revert)

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name_en == "Azerbaijan House in Berlin"
    assert organisation.history.first().history_user == editor
    assert organisation.history.count() == 3


def test_a_viewer_sees_history_but_cannot_revert(client, viewer, submit_admin_form):
    organisation = OrganisationFactory(name_en="Azerbaijan House in Berlin")
    organisation.name_en = "Renamed"
    organisation.save()
    original = organisation.history.last()
    client.force_login(viewer)

    history = client.get(
        reverse("admin:organisations_organisation_history", args=[organisation.pk])
    )
    revert = reverse(
        "admin:organisations_organisation_simple_history",
        args=[organisation.pk, original.history_id],
    )
    response = submit_admin_form(client, revert)

    assert (history.status_code, response.status_code) == (200, 403)
    organisation.refresh_from_db()
    assert organisation.name_en == "Renamed"
