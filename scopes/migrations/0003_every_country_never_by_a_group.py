from django.db import migrations, models


class Migration(migrations.Migration):
    """Apart from the data migration before it: PostgreSQL refuses to alter a table in the
    transaction that changed its rows ("pending trigger events")."""

    dependencies = [
        ('scopes', '0002_everywhere_only_by_grant_to_a_user'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='staffscope',
            constraint=models.CheckConstraint(condition=models.Q(('group__isnull', True), ('everywhere', False), _connector='OR'), name='scopes_staffscope_everywhere_only_for_a_user', violation_error_message='Every country is granted to a user, never to a group.'),
        ),
    ]
