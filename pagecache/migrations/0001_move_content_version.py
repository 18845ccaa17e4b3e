from django.db import migrations, models


def carry_the_number_over(apps, schema_editor):
    """The number the page cache keys on goes on from where publishing left it."""
    old = apps.get_model("publishing", "ContentVersion").objects.filter(pk=1).first()
    apps.get_model("pagecache", "ContentVersion").objects.update_or_create(
        pk=1, defaults={"number": old.number if old else 0}
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("publishing", "0001_create_content_version"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveBigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "content version",
            },
        ),
        migrations.RunPython(carry_the_number_over, migrations.RunPython.noop),
    ]
