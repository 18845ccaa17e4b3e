"""Texts written before formatting existed become paragraphs (a blank line starts one)."""

from django.db import migrations

from publishing.formatting import plain_texts_as_paragraphs


def as_paragraphs(apps, schema_editor):
    plain_texts_as_paragraphs(apps.get_model("awards", "Medal"), "description")


class Migration(migrations.Migration):
    dependencies = [("awards", "0003_remove_deleted_photos_from_galleries")]

    operations = [migrations.RunPython(as_paragraphs, migrations.RunPython.noop)]
