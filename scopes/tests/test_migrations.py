"""The move to scopes that fail closed keeps today's installations working."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from scopes import scope_of

BEFORE = [("scopes", "0001_create_staff_scopes")]
AFTER = [("scopes", "0003_every_country_never_by_a_group")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_who_worked_everywhere_are_granted_it_and_coordinators_stay_empty(
    django_user_model,
):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User, Group = old.get_model("auth", "User"), old.get_model("auth", "Group")
    StaffScope = old.get_model("scopes", "StaffScope")

    def staff(username, *groups):
        user = User.objects.create(username=username, is_staff=True)
        user.groups.add(*groups)
        return user

    # Made by migrations, and gone if a transactional test emptied the database before.
    coordinators, _made = Group.objects.get_or_create(name="Coordinator")
    StaffScope.objects.get_or_create(group=coordinators)
    headquarters = Group.objects.create(name="Headquarters")
    StaffScope.objects.create(group=headquarters, everywhere=True)
    editor = staff("editor", Group.objects.get_or_create(name="Editor")[0])  # no scope: everywhere
    waiting = staff("waiting", coordinators)  # the group's empty scope: nowhere
    berlin = staff("berlin", coordinators)
    StaffScope.objects.create(user=berlin, countries=["DE"])
    central = staff("central", headquarters)  # a group granted everywhere
    visitor = User.objects.create(username="visitor")  # not staff: no admin at all

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    def scope(user):
        return scope_of(django_user_model.objects.get(pk=user.pk))

    assert [scope(user).everywhere for user in (editor, central)] == [True, True]
    assert [scope(user).granted for user in (waiting, visitor)] == [False, False]
    assert scope(berlin).countries == {"DE"}
    assert not scope(berlin).everywhere
    from scopes.models import StaffScope as CurrentScope

    assert not CurrentScope.objects.filter(group__isnull=False, everywhere=True).exists()
