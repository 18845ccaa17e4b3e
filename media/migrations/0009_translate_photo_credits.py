from django.conf import settings
from django.db import migrations, models

import media.models

LANGUAGES = ("az", "en", "ru")


def credit_column(model_name):
    return [
        migrations.AddField(
            model_name=model_name,
            name=f"credit_{language}",
            field=models.CharField(
                default=media.models.default_photo_credit,
                max_length=200,
                null=True,
                verbose_name="credit",
            ),
        )
        for language in LANGUAGES
    ]


def credits_in_every_language(apps, schema_editor):
    """Each credit in its three columns: the default credit in each language where a photo
    kept it; a credit staff typed in all three (a name, to translate on the photo's page)."""
    english_default = settings.DIASPORA_DEFAULT_PHOTO_CREDIT
    for model_name in ("Photo", "HistoricalPhoto"):
        model = apps.get_model("media", model_name)
        kept = model.objects.filter(credit=english_default)
        kept.update(
            **{
                f"credit_{language}": media.models.default_photo_credit(language)
                for language in LANGUAGES
            }
        )
        typed = model.objects.exclude(credit=english_default)
        typed.update(**{f"credit_{language}": models.F("credit") for language in LANGUAGES})


class Migration(migrations.Migration):
    dependencies = [
        ("media", "0008_imported_records_hidden_until_complete"),
    ]

    operations = [
        *credit_column("photo"),
        *credit_column("historicalphoto"),
        migrations.RunPython(credits_in_every_language, migrations.RunPython.noop),
        migrations.RemoveField(model_name="historicalphoto", name="credit"),
    ]
