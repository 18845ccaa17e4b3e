from django.db import migrations

from search import folded_forms

SOURCES = {"Event": ("title_en", "title_az", "title_ru", "city", "venue")}


def fold_again(apps, schema_editor):
    """Search text folded by the one romanisation slugs use too (Şahin as sahin and shahin)."""
    for model_name, sources in SOURCES.items():
        model = apps.get_model("events", model_name)
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
        ("events", "0003_remove_deleted_photos_from_galleries"),
    ]

    operations = [
        migrations.RunPython(fold_again, migrations.RunPython.noop),
    ]
