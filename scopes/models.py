"""The scopes given to staff and to groups: everywhere, or countries and organisations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from . import EVERYWHERE, Scope

COORDINATOR_GROUP = "Coordinator"


class StaffScope(models.Model):
    """Where one user, or every member of one group, may work.

    Staff with no scope of their own or from a group work everywhere, as they did before
    scopes existed; the Coordinator group has an empty scope, so that its members see nothing
    until they are given their countries.
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
            "Sees and changes the records of every country. Staff with no scope of their own "
            "or from a group work everywhere; a Coordinator sees nothing until given one."
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
            )
        ]

    def __str__(self):
        return str(self.user or self.group)


def resolve(user):
    """What the user's scope and their groups' scopes add up to."""
    scopes = list(
        StaffScope.objects.filter(Q(user=user) | Q(group__user=user))
        .distinct()
        .prefetch_related("organisations")
    )
    if not scopes or any(scope.everywhere for scope in scopes):
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
