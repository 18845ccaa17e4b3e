"""The staff roles come from scopes/roles.py alone (the groups, their permissions, the README),
and can do exactly what their names say."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from events.models import Event
from events.tests.factories import EventFactory
from organisations.models import Organisation
from organisations.tests.factories import OrganisationFactory
from scopes.models import StaffScope
from scopes.roles import COORDINATOR, EDITOR, ROLES

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


def _permission_codes(group):
    return set(group.permissions.values_list("content_type__app_label", "codename"))


IMPORTABLE = ["organisations_organisation", "organisations_person", "events_event", "awards_medal"]


def test_roles_exist_with_their_permissions():
    def codes(role):
        return set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))

    editor, importer, viewer = codes("Editor"), codes("Importer"), codes("Viewer")
    assert {"add_event", "change_event", "delete_event", "change_person"} <= editor
    assert not {code for code in editor if code.startswith(("import_", "export_"))}
    assert {"view_event", "import_event", "export_event", "import_person"} <= importer
    assert not {code for code in importer if code.startswith(("add_", "change_", "delete_"))}
    # Nominations are confidential: the staff who propose see them, a Viewer does not.
    assert viewer == {code for code in editor if code.startswith("view_")} - {"view_nomination"}
    assert not {code for code in viewer | importer if "nomination" in code or "round" in code}
    assert "view_importrecord" in viewer
    assert viewer < importer


def test_editor_changes_a_record(client, editor, submit_admin_form):
    event = EventFactory(title_en="Old title")
    client.force_login(editor)
    response = submit_admin_form(
        client, reverse("admin:events_event_change", args=[event.pk]), title_en="New title"
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_en == "New title"


def test_editor_adds_and_deletes_but_cannot_import(client, editor):
    event = EventFactory()
    client.force_login(editor)
    answers = [
        client.get(reverse("admin:events_event_add")).status_code,
        client.post(
            reverse("admin:events_event_delete", args=[event.pk]), {"post": "yes"}
        ).status_code,
        client.get(reverse("admin:events_event_import")).status_code,
        client.get(reverse("admin:events_event_export")).status_code,
    ]
    assert answers == [200, 302, 403, 403]
    assert not Event.objects.exists()


def test_viewer_only_views(client, viewer, submit_admin_form):
    event = EventFactory(title_en="Title")
    client.force_login(viewer)
    change = reverse("admin:events_event_change", args=[event.pk])

    answers = [
        client.get(reverse("admin:events_event_changelist")).status_code,
        client.get(change).status_code,
        client.post(change, {"title_en": "Changed"}).status_code,
        client.get(reverse("admin:events_event_add")).status_code,
        client.post(
            reverse("admin:events_event_delete", args=[event.pk]), {"post": "yes"}
        ).status_code,
        client.get(reverse("admin:events_event_import")).status_code,
        client.get(reverse("admin:events_event_export")).status_code,
    ]

    assert answers == [200, 200, 403, 403, 403, 403, 403]
    event.refresh_from_db()
    assert event.title_en == "Title"


def test_viewer_cannot_publish(client, viewer):
    event = EventFactory()
    client.force_login(viewer)
    response = client.post(
        reverse("admin:events_event_changelist"),
        {"action": "publish_selected", "_selected_action": [event.pk]},
    )
    assert response.status_code in {200, 302}
    event.refresh_from_db()
    assert event.status == "draft"


@pytest.mark.parametrize("changelist", IMPORTABLE)
def test_importer_reaches_import_and_export_but_cannot_change(client, importer, changelist):
    client.force_login(importer)
    answers = [
        client.get(reverse(f"admin:{changelist}_changelist")).status_code,
        client.get(reverse(f"admin:{changelist}_import")).status_code,
        client.get(reverse(f"admin:{changelist}_export")).status_code,
        client.get(reverse(f"admin:{changelist}_add")).status_code,
    ]
    assert answers == [200, 200, 200, 403]


def test_importer_imports_a_spreadsheet(client, importer):
    OrganisationFactory(name_en="Azerbaijan House in Berlin")
    client.force_login(importer)
    csv = "name,type,country\r\nAzerbaijan House in Vienna,Azerbaijan House,AT\r\n"
    upload = SimpleUploadedFile("organisations.csv", csv.encode(), content_type="text/csv")

    uploaded = client.post(
        reverse("admin:organisations_organisation_import"), {"file": upload}, follow=True
    )
    token = uploaded.context["token"]
    confirmed = client.post(
        reverse("admin:organisations_organisation_import_confirm"), {"token": token}
    )

    assert uploaded.context["counts"] == {"new": 1, "updated": 0, "unchanged": 0, "errors": 0}
    assert confirmed.status_code == 302
    assert Organisation.objects.get(name_en="Azerbaijan House in Vienna").country.code == "AT"


def test_the_readme_describes_the_roles_as_the_module_declares_them():
    listed = re.findall(r"^- \*\*(\w+)\*\*: (.+)$", README.read_text(), flags=re.MULTILINE)
    roles = [(name, text) for name, text in listed if name in {r.name for r in ROLES}]
    assert roles == [(role.name, role.description) for role in ROLES]


def test_every_group_has_exactly_its_roles_permissions():
    for role in ROLES:
        assert _permission_codes(Group.objects.get(name=role.name)) == set(role.permissions)
    editor = _permission_codes(Group.objects.get(name=EDITOR))
    assert ("events", "change_event") in editor
    assert not any(codename.startswith("publish_") for _app, codename in editor)
    coordinator = Group.objects.get(name=COORDINATOR)
    scope = StaffScope.objects.get(group=coordinator)
    assert (scope.everywhere, list(scope.countries), scope.organisations.count()) == (False, [], 0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrate_and_an_emptied_database_give_the_roles_back():
    editor = Group.objects.get(name=EDITOR)
    editor.permissions.add(Permission.objects.get(codename="publish_event"))
    editor.permissions.remove(Permission.objects.get(codename="change_event"))
    own = Group.objects.create(name="Press office")
    own.permissions.add(Permission.objects.get(codename="publish_event"))

    call_command("migrate", verbosity=0)

    assert _permission_codes(Group.objects.get(name=EDITOR)) == set(ROLES[0].permissions)
    assert _permission_codes(own) == {("events", "publish_event")}

    call_command("flush", interactive=False, verbosity=0)

    assert not Group.objects.filter(name="Press office").exists()
    for role in ROLES:
        assert _permission_codes(Group.objects.get(name=role.name)) == set(role.permissions)
