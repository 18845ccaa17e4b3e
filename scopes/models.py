"""The scopes given to staff and to groups: everywhere, or countries and organisations."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .scope import EVERYWHERE, Scope


class StaffScope(models.Model):
    """Where one user, or every member of one group, may work.

    Staff who are not superusers work only where they were granted: with no scope of their
    own or from a group, nowhere. Every country is a grant to one user (`everywhere`), never
    to a group, so that joining a group can never open the whole archive.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="staff_scope",
        verbose_name=_("user"),
    )
    group = models.OneToOneField(
        "auth.Group",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="staff_scope",
        verbose_name=_("group"),
    )
    everywhere = models.BooleanField(
        _("everywhere"),
        default=False,
        help_text=_(
            "Sees and changes the records of every country: granted to one user, never to a "
            "group. Staff with no scope work nowhere until they are given one."
        ),
    )
    countries = CountryField(
        _("countries"),
        multiple=True,
        blank=True,
        help_text=_("Their records: organisations, events, people and their conferments."),
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("organisations"),
        help_text=_("With every organisation under them, their events and their members."),
    )

    class Meta:
        verbose_name = _("scope")
        verbose_name_plural = _("scopes")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=True, group__isnull=False)
                | Q(user__isnull=False, group__isnull=True),
                name="scopes_staffscope_user_or_group",
            ),
            models.CheckConstraint(
                condition=Q(group__isnull=True) | Q(everywhere=False),
                name="scopes_staffscope_everywhere_only_for_a_user",
                violation_error_message=_("Every country is granted to a user, never to a group."),
            ),
        ]

    def __str__(self):
        return str(self.user or self.group)


def who_grants_scopes():
    """The active users who may give staff their scope (change users): the people a member of
    staff with no scope is told to ask."""
    may_change_users = Permission.objects.filter(
        codename="change_user", content_type__app_label="auth"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=may_change_users)
            | Q(groups__permissions__in=may_change_users)
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def resolve(user):
    """What the user's own scope and their groups' scopes add up to: every country only by a
    grant to the user, nothing without any grant."""
    scopes = list(
        StaffScope.objects.filter(Q(user=user) | Q(group__user=user))
        .distinct()
        .prefetch_related("organisations")
    )
    if any(scope.everywhere and scope.user_id == user.pk for scope in scopes):
        return EVERYWHERE
    countries = {str(country): country.name for scope in scopes for country in scope.countries}
    named = {org.pk: org for scope in scopes for org in scope.organisations.all()}
    Organisation = StaffScope._meta.get_field("organisations").related_model
    return Scope(
        everywhere=False,
        user_id=user.pk,
        countries=frozenset(countries),
        organisation_ids=frozenset(Organisation.objects.with_descendants(named)),
        names=(
            *sorted(str(name) for name in countries.values()),
            *sorted(str(organisation) for organisation in named.values()),
        ),
    )
