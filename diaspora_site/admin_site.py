"""The admin site, with a second factor (a TOTP code, django-otp) when STAFF_OTP_REQUIRED."""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext_lazy
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite

from countries.zones import zone_name
from scopes import scope_of
from scopes.models import who_grants_scopes

# Django's admin puts a number before a model's plural name ("5 организации", "5 təşkilatlar"),
# which neither Russian nor Azerbaijani grammar allows. These are its messages, named here so
# that the project's catalogue keeps them and translates them as "name: count".
DJANGO_COUNTED_MESSAGES = (
    gettext_noop("Successfully deleted %(count)d %(items)s."),
    ngettext_lazy(
        "%(count)s %(name)s was changed successfully.",
        "%(count)s %(name)s were changed successfully.",
        "count",
    ),
)


class StaffAdminSite(AdminSite):
    """Django's admin site, asking staff for the code of their authenticator app when the
    setting says so; decided per request, so that turning it on needs no other change."""

    site_header = _("Diaspora records")
    site_title = _("Diaspora records")
    index_title = _("Records")
    # The tables staff scan need the width more than a second copy of the index.
    enable_nav_sidebar = False

    @property
    def login_form(self):
        return OTPAdminAuthenticationForm if settings.STAFF_OTP_REQUIRED else None

    @property
    def login_template(self):
        return OTPAdminSite.login_template if settings.STAFF_OTP_REQUIRED else None

    def has_permission(self, request):
        allowed = super().has_permission(request)
        if settings.STAFF_OTP_REQUIRED:
            return allowed and request.user.is_verified()
        return allowed

    def each_context(self, request):
        context = super().each_context(request)
        scope = scope_of(request.user) if request.user.is_authenticated else None
        context["staff_scope"] = scope if scope is not None and not scope.everywhere else None
        # Every time staff read and type is in the site's zone (but an event's own times),
        # named once at the top of each page.
        context["staff_time_zone"] = zone_name(timezone.get_current_timezone())
        return context

    def index(self, request, extra_context=None):
        from dashboard.panels import dashboard

        if not scope_of(request.user).granted:
            # Nothing to count: say whom to ask instead.
            context = {"ask_for_a_scope": who_grants_scopes()[:10]}
        else:
            context = dashboard(self, request)
        return super().index(request, {**context, **(extra_context or {})})

    def dashboard_csv(self, request, chart):
        """A chart of the dashboard as CSV, counted within the user's scope."""
        from dashboard.panels import charts, record_types

        found = charts(record_types(self, request), request.user, timezone.localdate())
        if chart not in found:
            raise Http404
        return found[chart].csv_response()

    def get_urls(self):
        # "View on site" answers, as every other page of a record does, only for a record
        # in the user's scope.
        return [
            path(
                "r/<path:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            ),
            path(
                "dashboard/<slug:chart>.csv",
                self.admin_view(self.dashboard_csv),
                name="dashboard_csv",
            ),
            *super().get_urls(),
        ]

    def view_on_site(self, request, content_type_id, object_id):
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except (ContentType.DoesNotExist, ValueError):
            raise Http404 from None
        model_admin = self._registry.get(model)
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
            raise Http404
        if model_admin.get_object(request, object_id) is None:  # or outside the scope
            raise Http404
        return shortcut(request, content_type_id, object_id)
