"""Scopes given on the user's and the group's pages of the admin."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from .models import StaffScope


class ScopeInline(admin.StackedInline):
    model = StaffScope
    max_num = 1
    # No empty form: a scope is added on purpose ("Add another scope"), never by saving a
    # page that happened to show one.
    extra = 0
    can_delete = True
    fields = ["everywhere", "countries", "organisations"]
    autocomplete_fields = ["organisations"]
    verbose_name_plural = _("scope")


class UserScopeInline(ScopeInline):
    fk_name = "user"

    def get_readonly_fields(self, request, obj=None):
        # Every country is the widest grant there is: only a superuser gives it.
        return [] if request.user.is_superuser else ["everywhere"]


class GroupScopeInline(ScopeInline):
    fk_name = "group"
    # Every country is granted to a user, never by joining a group (a database constraint).
    fields = ["countries", "organisations"]


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class ScopedUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, UserScopeInline]
    list_display = [*UserAdmin.list_display, "scope"]

    def get_inline_instances(self, request, obj=None):
        # A new user's page has no scope form: the scope is given once the user exists.
        return super().get_inline_instances(request, obj) if obj is not None else []

    def get_queryset(self, request):
        scopes = StaffScope.objects.prefetch_related("organisations")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("staff_scope", scopes),
                Prefetch(
                    "groups", Group.objects.prefetch_related(Prefetch("staff_scope", scopes))
                ),
            )
        )

    @admin.display(description=_("scope"))
    def scope(self, user):
        """Where the user works, as `scopes.scope_of` decides it: their own grant and their
        groups' added up, read from what the list prefetched."""
        own = getattr(user, "staff_scope", None)
        if user.is_superuser or (own is not None and own.everywhere):
            return _("Everywhere")
        grants = [own] if own is not None else []
        grants += [
            group.staff_scope for group in user.groups.all() if hasattr(group, "staff_scope")
        ]
        countries = sorted({str(country.name) for grant in grants for country in grant.countries})
        organisations = sorted(
            {str(organisation) for grant in grants for organisation in grant.organisations.all()}
        )
        return ", ".join(countries + organisations) or _("Nowhere (no scope given)")


@admin.register(Group)
class ScopedGroupAdmin(GroupAdmin):
    inlines = [*GroupAdmin.inlines, GroupScopeInline]
