from django.db import migrations

from search import folded_forms

SOURCES = {
    "Organisation": ("name_en", "name_az", "name_ru", "city"),
    "Person": ("full_name", "full_name_latin", "full_name_cyrillic", "position", "city"),
}


def fold_again(apps, schema_editor):
    """Search text folded by the one romanisation slugs use too (Şahin as sahin and shahin)."""
    for model_name, sources in SOURCES.items():
        model = apps.get_model("organisations", model_name)
        batch = []
        for record in model.objects.only("pk", *sources).iterator(chunk_size=1000):
            values = (getattr(record, name) for name in sources)
            record.search_text = " | ".join(
                form for value in values if value for form in folded_forms(value)
            )
            batch.append(record)
            if len(batch) == 1000:
                model.objects.bulk_update(batch, ["search_text"])
                batch = []
        model.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):

    dependencies = [
        ("organisations", "0005_index_people_by_name"),
    ]

    operations = [
        migrations.RunPython(fold_again, migrations.RunPython.noop),
    ]
