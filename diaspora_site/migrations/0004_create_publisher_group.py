"""The Publisher role: an Editor's work, and publishing what Editors submit for review."""

from importlib import import_module

from django.contrib.auth.management import create_permissions
from django.db import migrations

_roles = import_module("diaspora_site.migrations.0001_create_staff_groups")

PUBLISHER = "Publisher"
PUBLISHABLE = {
    "media": ["photo"],
    "organisations": ["organisation", "person"],
    "events": ["event"],
    "awards": ["medal", "conferment"],
}


def create_publisher_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=schema_editor.connection.alias, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=PUBLISHER)
    codes = [
        *_roles._codes(_roles.CONTENT_MODELS, ["view", "add", "change", "delete"]),
        *_roles._codes(PUBLISHABLE, ["publish"]),
        ("imports", "view_importrecord"),
    ]
    group.permissions.set(
        [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in codes
        ]
    )


def remove_publisher_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=PUBLISHER).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("diaspora_site", "0003_create_coordinator_group"),
        ("media", "0005_review_before_publishing"),
        ("organisations", "0008_review_before_publishing"),
        ("events", "0006_review_before_publishing"),
        ("awards", "0005_review_before_publishing"),
    ]

    operations = [migrations.RunPython(create_publisher_group, remove_publisher_group)]
