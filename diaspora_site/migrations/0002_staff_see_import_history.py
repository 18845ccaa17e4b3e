"""Every staff role may see the list of imports; undoing one needs the import permission."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["Editor", "Importer", "Viewer"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("imports")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, using=schema_editor.connection.alias, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.get(content_type__app_label="imports", codename="view_importrecord")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(view)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(
        content_type__app_label="imports", codename="view_importrecord"
    ).first()
    if view is not None:
        for group in Group.objects.filter(name__in=ROLES):
            group.permissions.remove(view)


class Migration(migrations.Migration):
    dependencies = [
        ("diaspora_site", "0001_create_staff_groups"),
        ("imports", "0001_create_import_records"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
