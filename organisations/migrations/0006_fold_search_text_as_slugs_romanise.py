from django.db import migrations

from search import refold

SOURCES = {
    "Organisation": ("name_en", "name_az", "name_ru", "city"),
    "Person": ("full_name", "full_name_latin", "full_name_cyrillic", "position", "city"),
}


def fold_again(apps, schema_editor):
    """Search text folded by the one romanisation slugs use too (Şahin as sahin and shahin)."""
    for model_name, sources in SOURCES.items():
        refold(apps.get_model("organisations", model_name), sources)


class Migration(migrations.Migration):

    dependencies = [
        ("organisations", "0005_index_people_by_name"),
    ]

    operations = [
        migrations.RunPython(fold_again, migrations.RunPython.noop),
    ]
