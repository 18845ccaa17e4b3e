"""The Coordinator role: an Editor's work, imports and exports included, within a scope.

Medals are the state's, not a country's: coordinators choose them for conferments but do not
change them. The group's empty scope makes its members see nothing until they are given
their countries or organisations.
"""

from importlib import import_module

from django.contrib.auth.management import create_permissions
from django.db import migrations

_roles = import_module("diaspora_site.migrations.0001_create_staff_groups")

COORDINATOR = "Coordinator"
STATE_MODELS = {"awards": ["medal", "medalphoto"]}


def coordinator_codes():
    edit = [
        code
        for code in _roles._codes(_roles.CONTENT_MODELS, ["view", "add", "change", "delete"])
        if code not in _roles._codes(STATE_MODELS, ["add", "change", "delete"])
    ]
    importable = {
        app_label: [name for name in names if name not in STATE_MODELS.get(app_label, [])]
        for app_label, names in _roles.IMPORTABLE_MODELS.items()
    }
    return [
        *edit,
        *_roles._codes(importable, ["import", "export"]),
        ("imports", "view_importrecord"),
    ]


def create_coordinator_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=schema_editor.connection.alias, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    StaffScope = apps.get_model("scopes", "StaffScope")
    group, _created = Group.objects.get_or_create(name=COORDINATOR)
    group.permissions.set(
        [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in coordinator_codes()
        ]
    )
    StaffScope.objects.get_or_create(group=group)


def remove_coordinator_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=COORDINATOR).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("diaspora_site", "0002_staff_see_import_history"),
        ("scopes", "0001_create_staff_scopes"),
    ]

    operations = [migrations.RunPython(create_coordinator_group, remove_coordinator_group)]
