from django.db import migrations

from search import refold

SOURCES = {
    "Organisation": ("name_en", "name_az", "name_ru", "city"),
    "Person": ("full_name", "full_name_latin", "full_name_cyrillic", "position", "city"),
}


def fold_by_sound(apps, schema_editor):
    """Search text with the sound of each name too: Məmmədova found as Мамедова."""
    for model_name, sources in SOURCES.items():
        refold(apps.get_model("organisations", model_name), sources)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0011_imported_records_hidden_until_complete"),
    ]

    operations = [
        migrations.RunPython(fold_by_sound, migrations.RunPython.noop),
    ]
