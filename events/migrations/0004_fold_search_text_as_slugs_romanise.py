from django.db import migrations

from search import refold

SOURCES = {"Event": ("title_en", "title_az", "title_ru", "city", "venue")}


def fold_again(apps, schema_editor):
    """Search text folded by the one romanisation slugs use too (Şahin as sahin and shahin)."""
    for model_name, sources in SOURCES.items():
        refold(apps.get_model("events", model_name), sources)


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0003_remove_deleted_photos_from_galleries"),
    ]

    operations = [
        migrations.RunPython(fold_again, migrations.RunPython.noop),
    ]
