from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("publishing", "0001_create_content_version"),
    ]

    operations = [
        migrations.DeleteModel(
            name="ContentVersion",
        ),
    ]
