"""Every admin URL of every scoped record, asked by the coordinators for Germany and France.

Each must see and change its own country's records and nothing of the other's: a record
outside the scope answers 404, and no list, count, filter, search or autocomplete shows it.
`leaks` lists every way the other's record showed; the test wants none, and a second test
shows that the matrix finds the leak of an admin that forgets the scope.
"""

import json

import pytest
from django.contrib import admin
from django.contrib.admin.options import ModelAdmin
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import NoReverseMatch, reverse

from events.admin import EventAdmin
from events.tests.factories import EventFactory
from media.tests.factories import PhotoFactory
from organisations.tests.factories import PersonFactory
from records.admin import RecordAdmin
from scopes.models import StaffScope

from .worlds import COUNTRY_NAMES, coordinator, make_worlds

pytestmark = pytest.mark.django_db


def scoped_admins():
    """label -> ModelAdmin of every admin whose records fall in scopes (medals, the state's,
    are everywhere and tested on their own)."""
    return {
        model._meta.label_lower: model_admin
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, RecordAdmin)
        and hasattr(model._default_manager, "in_scope")
        and model._meta.label_lower != "awards.medal"
    }


def autocomplete_sources():
    """label -> (source model, field) of an autocomplete field that picks that model."""
    sources = {}
    for model, model_admin in admin.site._registry.items():
        for name in getattr(model_admin, "autocomplete_fields", ()):
            field = model._meta.get_field(name)
            sources.setdefault(field.related_model._meta.label_lower, (model, name))
    return sources


def url(label, page, *args):
    app, model = label.split(".")
    return reverse(f"admin:{app}_{model}_{page}", args=args)


def delete_gone_records(worlds):
    """A deleted record of each world, for the deleted-records list and Restore."""
    for world in worlds.values():
        council = world.main("organisations.organisation")
        gone = {
            "events.event": EventFactory(
                title_en=f"Gone {world.tag}", country=world.code, organiser=council
            ),
            "organisations.person": PersonFactory(
                full_name=f"Gone {world.tag}", full_name_latin="", country=world.code
            ),
            "media.photo": PhotoFactory(title_en=f"Gone {world.tag}"),
        }
        for label, record in gone.items():
            world.gone[label] = record.pk
            record.delete()


def leaks(worlds, users):
    """Every way a coordinator saw or changed the other country's records."""
    found = []
    sources = autocomplete_sources()
    for me, them in (("DE", "FR"), ("FR", "DE")):
        client = Client()
        client.force_login(users[me])
        mine, theirs = worlds[me], worlds[them]

        def leak(what, label, me=me):
            found.append(f"{me}: {label}: {what}")

        for label, model_admin in scoped_admins().items():
            own, other = mine.main(label), theirs.main(label)
            model = type(own)
            changelist = client.get(url(label, "changelist"))
            if changelist.status_code != 200:
                leak(f"changelist answered {changelist.status_code}", label)
                continue
            page = changelist.content.decode()
            if theirs.tag in page:
                leak("changelist shows the other's record", label)
            if mine.tag not in page:
                leak("changelist misses its own record", label)
            if changelist.context_data["cl"].result_count != len(mine.records[label]):
                leak(f"changelist counts {changelist.context_data['cl'].result_count}", label)
            cl = changelist.context_data["cl"]
            for spec in cl.filter_specs:
                shown = " ".join(str(choice["display"]) for choice in spec.choices(cl))
                if COUNTRY_NAMES[them] in shown or theirs.tag in shown:
                    leak(f"filter {spec.title} offers the other's", label)
            searched = client.get(url(label, "changelist"), {"q": "Sentinel"}).content.decode()
            if theirs.tag in searched:
                leak("search finds the other's record", label)

            for page_name, method in (
                ("change", "get"),
                ("delete", "get"),
                ("history", "get"),
                ("change", "post"),
                ("delete", "post"),
            ):
                answer = getattr(client, method)(url(label, page_name, other.pk), {"post": "yes"})
                if answer.status_code != 404:
                    leak(f"{method} {page_name} answered {answer.status_code}", label)
                own_answer = client.get(url(label, page_name, own.pk))
                if method == "get" and own_answer.status_code != 200:
                    leak(f"own {page_name} answered {own_answer.status_code}", label)
            version = other.history.first() if hasattr(other, "history") else None
            if version is not None:
                revert = client.post(
                    reverse(
                        f"admin:{model._meta.app_label}_{model._meta.model_name}_simple_history",
                        args=[other.pk, version.history_id],
                    )
                )
                if revert.status_code != 404:
                    leak(f"revert answered {revert.status_code}", label)
            if view_on_site := _view_on_site(client, other):
                leak(f"view on site answered {view_on_site}", label)

            if label in sources:
                source, field_name = sources[label]
                answer = client.get(
                    reverse("admin:autocomplete"),
                    {
                        "app_label": source._meta.app_label,
                        "model_name": source._meta.model_name,
                        "field_name": field_name,
                        "term": "",
                    },
                )
                ids = {int(result["id"]) for result in json.loads(answer.content)["results"]}
                if other.pk in ids:
                    leak("autocomplete offers the other's record", label)
                if own.pk not in ids:
                    leak("autocomplete misses its own record", label)

            for action in [*model_admin.actions, "delete_selected"]:
                client.post(
                    url(label, "changelist"),
                    {"action": action, "_selected_action": [other.pk], "post": "yes"},
                )
            fresh = model._default_manager.filter(pk=other.pk).first()
            if fresh is None:
                leak("an action deleted the other's record", label)
            elif getattr(fresh, "status", None) != getattr(other, "status", None):
                leak("an action changed the other's record", label)

            if label in theirs.gone:
                deleted = client.get(url(label, "deleted"))
                if deleted.status_code != 200 or theirs.tag in deleted.content.decode():
                    leak("the deleted list shows the other's record", label)
                own_shown = f"Gone {mine.tag}" in deleted.content.decode()
                if label != "media.photo" and not own_shown:
                    leak("the deleted list misses its own record", label)
                gone_version = model.history.filter(
                    id=theirs.gone[label], history_type="-"
                ).first()
                client.post(url(label, "deleted"), {"history_id": gone_version.history_id})
                if model._default_manager.filter(pk=theirs.gone[label]).exists():
                    leak("Restore brought the other's record back", label)
        medal = client.get(
            reverse("admin:awards_medal_change", args=[mine.main("awards.conferment").medal_id])
        )
        if theirs.tag in medal.content.decode():
            found.append(f"{me}: awards.medal: the medal's page shows the other's conferment")
        if mine.tag not in medal.content.decode():
            found.append(f"{me}: awards.medal: the medal's page misses its own conferment")
    return found


def _view_on_site(client, record):
    """The answer to "view on site" when it was not a 404 for the other's record."""
    from django.contrib.contenttypes.models import ContentType

    answer = client.get(
        reverse(
            "admin:view_on_site",
            args=[ContentType.objects.get_for_model(record).pk, record.pk],
        )
    )
    return None if answer.status_code == 404 else answer.status_code


@pytest.fixture
def worlds_and_coordinators(django_user_model):
    worlds = make_worlds()
    for world in worlds.values():
        for records in world.records.values():
            for record in records:
                if hasattr(record, "status"):
                    type(record)._default_manager.filter(pk=record.pk).update(status="published")
                    record.refresh_from_db()
    delete_gone_records(worlds)
    users = {code: coordinator(django_user_model, code) for code in COUNTRY_NAMES}
    return worlds, users


def test_the_matrix_covers_every_scoped_admin(worlds_and_coordinators):
    worlds, _users = worlds_and_coordinators
    assert set(scoped_admins()) == set(worlds["DE"].records)


def test_no_coordinator_sees_or_changes_the_other_countrys_records(worlds_and_coordinators):
    worlds, users = worlds_and_coordinators
    assert leaks(worlds, users) == []


def test_the_matrix_finds_an_admin_that_forgets_the_scope(worlds_and_coordinators, monkeypatch):
    worlds, users = worlds_and_coordinators
    # The events admin as it would be without the scope: Django's own queryset.
    monkeypatch.setattr(
        EventAdmin,
        "get_queryset",
        lambda self, request: ModelAdmin.get_queryset(self, request),
    )
    found = leaks(worlds, users)
    assert "DE: events.event: changelist shows the other's record" in found
    assert "DE: events.event: get change answered 200" in found
    assert "DE: events.event: get delete answered 200" in found


def leaks_to_the_ungranted(worlds, user):
    """Every way a member of staff with no grant saw either world's records."""
    found = []
    client = Client()
    client.force_login(user)
    tags = [world.tag for world in worlds.values()]
    sources = autocomplete_sources()

    def shows(answer):
        text = answer.content.decode()
        return any(tag in text for tag in tags)

    index = client.get(reverse("admin:index"))
    if index.status_code != 200 or shows(index):
        found.append(f"index answered {index.status_code} or shows records")
    if "You have not been given anywhere to work yet" not in index.content.decode():
        found.append("index does not say whom to ask")
    for label in [*scoped_admins(), "awards.medal"]:
        changelist = client.get(url(label, "changelist"))
        if changelist.status_code == 200 and (
            shows(changelist) or changelist.context_data["cl"].result_count
        ):
            found.append(f"{label}: changelist shows records")
        if label != "awards.medal" and shows(client.get(url(label, "changelist"), {"q": "Sent"})):
            found.append(f"{label}: search finds records")
        records = (
            [world.main(label) for world in worlds.values()]
            if label != "awards.medal"
            else [worlds["DE"].main("awards.conferment").medal]
        )
        for record in records:
            for page_name in ("change", "delete", "history"):
                answer = client.get(url(label, page_name, record.pk))
                if answer.status_code not in (403, 404):
                    found.append(f"{label}: {page_name} answered {answer.status_code}")
        if label in sources:
            source, field_name = sources[label]
            answer = client.get(
                reverse("admin:autocomplete"),
                {
                    "app_label": source._meta.app_label,
                    "model_name": source._meta.model_name,
                    "field_name": field_name,
                    "term": "",
                },
            )
            if answer.status_code == 200 and json.loads(answer.content)["results"]:
                found.append(f"{label}: autocomplete offers records")
        if label in worlds["DE"].gone:
            deleted = client.get(url(label, "deleted"))
            if deleted.status_code == 200 and shows(deleted):
                found.append(f"{label}: the deleted list shows records")
        try:
            export = client.post(url(label, "export"), {"format": "csv"})
        except NoReverseMatch:  # no spreadsheets for this kind of record
            continue
        if export.status_code == 200 and shows(export):
            found.append(f"{label}: the export holds records")
    return found


def test_staff_with_no_grant_see_no_record(worlds_and_coordinators, django_user_model):
    worlds, _users = worlds_and_coordinators
    editor = django_user_model.objects.create_user("no-grant", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    assert leaks_to_the_ungranted(worlds, editor) == []


def test_a_coordinator_whose_grant_was_just_removed_sees_no_record(worlds_and_coordinators):
    worlds, users = worlds_and_coordinators
    germany = users["DE"]
    client = Client()
    client.force_login(germany)
    # Seen while granted, so that anything kept for the scope was kept.
    before = client.get(url("events.event", "changelist"))
    assert worlds["DE"].tag in before.content.decode()
    client.get(reverse("admin:index"))
    StaffScope.objects.filter(user=germany).delete()
    assert leaks_to_the_ungranted(worlds, germany) == []


def test_the_ungranted_matrix_finds_a_list_that_forgets_the_scope(
    worlds_and_coordinators, django_user_model, monkeypatch
):
    worlds, _users = worlds_and_coordinators
    editor = django_user_model.objects.create_user("no-grant", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    monkeypatch.setattr(
        EventAdmin, "get_queryset", lambda self, request: ModelAdmin.get_queryset(self, request)
    )
    found = leaks_to_the_ungranted(worlds, editor)
    assert "events.event: changelist shows records" in found
    assert "events.event: change answered 200" in found
