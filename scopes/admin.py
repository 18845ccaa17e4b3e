"""Scopes given on the user's and the group's pages of the admin."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _

from .models import StaffScope


class ScopeInline(admin.StackedInline):
    model = StaffScope
    max_num = 1
    can_delete = True
    fields = ["everywhere", "countries", "organisations"]
    autocomplete_fields = ["organisations"]
    verbose_name_plural = _("scope")


class UserScopeInline(ScopeInline):
    fk_name = "user"


class GroupScopeInline(ScopeInline):
    fk_name = "group"


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class ScopedUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, UserScopeInline]
    list_display = [*UserAdmin.list_display, "scope"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("staff_scope")

    @admin.display(description=_("scope"))
    def scope(self, user):
        scope = getattr(user, "staff_scope", None)
        if user.is_superuser or (scope is not None and scope.everywhere):
            return _("Everywhere")
        if scope is None:
            return ""
        return ", ".join(str(country.name) for country in scope.countries)


@admin.register(Group)
class ScopedGroupAdmin(GroupAdmin):
    inlines = [*GroupAdmin.inlines, GroupScopeInline]
