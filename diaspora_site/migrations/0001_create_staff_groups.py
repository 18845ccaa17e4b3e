"""The staff roles: Editor, Importer and Viewer, with the permissions their names say."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = {
    "media": ["photo", "video", "document"],
    "organisations": [
        "organisation",
        "person",
        "membership",
        "organisationphoto",
        "personphoto",
    ],
    "events": ["event", "programmeitem", "pressreport", "eventphoto"],
    "awards": ["medal", "conferment", "medalphoto"],
}
IMPORTABLE_MODELS = {
    "organisations": ["organisation", "person"],
    "events": ["event"],
    "awards": ["medal", "conferment"],
}


def _codes(models, actions):
    return [
        (app_label, f"{action}_{model}")
        for app_label, names in models.items()
        for model in names
        for action in actions
    ]


ROLES = {
    # Editors keep every record: they add, change, publish and delete.
    "Editor": _codes(CONTENT_MODELS, ["view", "add", "change", "delete"]),
    # Importers load and export spreadsheets, and see the records to check the result.
    "Importer": _codes(CONTENT_MODELS, ["view"]) + _codes(IMPORTABLE_MODELS, ["import", "export"]),
    # Viewers only read.
    "Viewer": _codes(CONTENT_MODELS, ["view"]),
}


def create_staff_groups(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create them now so
    # that the groups can be given them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=schema_editor.connection.alias, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(
            [
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
                for app_label, codename in codes
            ]
        )


def remove_staff_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("media", "0001_create_photos_videos_documents"),
        ("organisations", "0001_create_organisations_people_memberships"),
        ("events", "0001_create_events_programme_press"),
        ("awards", "0001_create_medals_conferments"),
    ]

    operations = [migrations.RunPython(create_staff_groups, remove_staff_groups)]
