"""Every admin URL of a record against every kind of user, each with the answer expected.

The rows are the roles: nobody logged in, staff with no permission, Viewer, Editor, Importer,
superuser, and a Coordinator for the event's country (who gets 404 for the import record of
someone else; scopes/tests/test_scope_matrix.py asks every record of two countries).
A GET is asked for pages; the actions that change something (revert, confirm an
import, undo an import, restore a deleted record) are asked by POST, so that a page that
shows but refuses the change is told apart from one that makes it.
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from diaspora_site.tests.test_admin_pages import ROW_FACTORIES
from events.tests.factories import EventFactory
from imports.models import ImportRecord
from scopes.models import StaffScope
from scopes.tests.worlds import coordinator

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff", "Viewer", "Editor", "Importer", "superuser"]
ROLES_WITH_COORDINATOR = [*ROLES, "Coordinator"]

# (name, method, expected answer for each role, in the order of ROLES_WITH_COORDINATOR)
EXPECTED = [
    ("changelist", "get", [302, 403, 200, 200, 200, 200, 200]),
    ("add", "get", [302, 403, 403, 200, 403, 200, 200]),
    ("change", "get", [302, 403, 200, 200, 200, 200, 200]),
    ("delete", "get", [302, 403, 403, 200, 403, 200, 200]),
    ("history", "get", [302, 403, 200, 200, 200, 200, 200]),
    # An empty revert shows the form again (200); only the refusal matters here.
    ("revert", "post", [302, 403, 403, 200, 403, 200, 200]),
    ("deleted", "get", [302, 403, 403, 200, 403, 200, 200]),
    ("import", "get", [302, 403, 403, 403, 200, 200, 200]),
    ("import_confirm", "post", [302, 403, 403, 403, 302, 302, 302]),
    ("export", "get", [302, 403, 403, 403, 200, 200, 200]),
    # Asked first: the question, for those who may undo.
    ("undo_import", "post", [302, 403, 403, 403, 200, 200, 404]),
]


def client_for(role, django_user_model):
    client = Client()
    if role == "anonymous":
        return client
    username = f"{role}-{django_user_model.objects.count()}"
    if role == "superuser":
        user = django_user_model.objects.create_superuser(username, password=None)
    elif role == "Coordinator":
        user = coordinator(django_user_model, "DE", username=username)
    else:
        user = django_user_model.objects.create_user(username, is_staff=True)
        StaffScope.objects.create(user=user, everywhere=True)  # roles are tested everywhere
        if role != "staff":
            user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return client


def urls(event, record):
    history = event.history.first()
    return {
        "changelist": reverse("admin:events_event_changelist"),
        "add": reverse("admin:events_event_add"),
        "change": reverse("admin:events_event_change", args=[event.pk]),
        "delete": reverse("admin:events_event_delete", args=[event.pk]),
        "history": reverse("admin:events_event_history", args=[event.pk]),
        "revert": reverse(
            "admin:events_event_simple_history", args=[event.pk, history.history_id]
        ),
        "deleted": reverse("admin:events_event_deleted"),
        "import": reverse("admin:events_event_import"),
        "import_confirm": reverse("admin:events_event_import_confirm"),
        "export": reverse("admin:events_event_export") + "?format=csv",
        "undo_import": reverse("admin:imports_importrecord_undo", args=[record.pk]),
    }


def test_every_admin_url_answers_every_role_as_expected(django_user_model):
    answers = {}
    for role in ROLES_WITH_COORDINATOR:
        # A record of each kind for each role: an answer may change or remove it.
        event = EventFactory(title_en=f"Novruz for {role}", country="DE")
        record = ImportRecord.objects.create(
            dataset="events", file_name="events.csv", changes={"created": [], "updated": []}
        )
        client = client_for(role, django_user_model)
        addresses = urls(event, record)
        answers[role] = [
            getattr(client, method)(addresses[name]).status_code for name, method, _ in EXPECTED
        ]
    expected = {
        role: [row[2][column] for row in EXPECTED]
        for column, role in enumerate(ROLES_WITH_COORDINATOR)
    }
    assert answers == expected


RECORD_PAGES = [
    ("changelist", [302, 403, 200, 200, 200, 200]),
    ("add", [302, 403, 403, 200, 403, 200]),
    ("change", [302, 403, 200, 200, 200, 200]),
    ("delete", [302, 403, 403, 200, 403, 200]),
    ("history", [302, 403, 200, 200, 200, 200]),
    ("deleted", [302, 403, 403, 200, 403, 200]),
]


@pytest.mark.parametrize("label", list(ROW_FACTORIES))
def test_every_records_pages_answer_every_role_as_expected(django_user_model, label):
    record = ROW_FACTORIES[label]()
    app, model = label.split(".")
    answers = {}
    for role in ROLES:
        client = client_for(role, django_user_model)
        answers[role] = []
        for page, _expected in RECORD_PAGES:
            args = [record.pk] if page in {"change", "delete", "history"} else []
            url = reverse(f"admin:{app}_{model}_{page}", args=args)
            answers[role].append(client.get(url).status_code)
        client.logout()
    expected = {
        role: [row[1][column] for row in RECORD_PAGES] for column, role in enumerate(ROLES)
    }
    assert answers == expected
