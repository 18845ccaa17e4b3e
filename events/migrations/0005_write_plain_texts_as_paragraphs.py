"""Texts written before formatting existed become paragraphs (a blank line starts one)."""

from django.db import migrations

from publishing.formatting import plain_texts_as_paragraphs


def as_paragraphs(apps, schema_editor):
    plain_texts_as_paragraphs(apps.get_model("events", "Event"), "body")


class Migration(migrations.Migration):
    dependencies = [("events", "0004_fold_search_text_as_slugs_romanise")]

    operations = [migrations.RunPython(as_paragraphs, migrations.RunPython.noop)]
