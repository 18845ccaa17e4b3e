from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class DiasporaSiteConfig(AppConfig):
    """The top floor: settings, URLs, base templates and what spans every app."""

    default = True
    name = "diaspora_site"
    verbose_name = _("Diaspora site")


class StaffAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the staff's site (diaspora_site.admin_site) as the default
    one, so that every app's @admin.register lands on it."""

    default = False
    default_site = "diaspora_site.admin_site.StaffAdminSite"
