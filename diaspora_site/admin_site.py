"""The admin site, with a second factor (a TOTP code, django-otp) when STAFF_OTP_REQUIRED."""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite


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
