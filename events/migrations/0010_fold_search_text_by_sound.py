from django.db import migrations

from search import refold

SOURCES = {"Event": ("title_en", "title_az", "title_ru", "city", "venue")}


def fold_by_sound(apps, schema_editor):
    """Search text with the sound of each name too: Məmmədova found as Мамедова."""
    for model_name, sources in SOURCES.items():
        refold(apps.get_model("events", model_name), sources)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0009_imported_records_hidden_until_complete"),
    ]

    operations = [
        migrations.RunPython(fold_by_sound, migrations.RunPython.noop),
    ]
