from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_otp.plugins.otp_totp import apps as otp_totp_apps
from django_tasks_db import apps as tasks_db_apps


class DiasporaSiteConfig(AppConfig):
    """The top layer: settings, URLs, the admin site and the site-wide pages."""

    default = True
    name = "diaspora_site"
    verbose_name = _("Diaspora site")

    def ready(self):
        from django_structlog import signals

        from . import logs

        signals.bind_extra_request_metadata.connect(logs.note_start, dispatch_uid="logs.start")
        signals.bind_extra_request_finished_metadata.connect(
            logs.add_request_figures, dispatch_uid="logs.figures"
        )


class StaffAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the staff's site (diaspora_site.admin_site) as the default
    one, so that every app's @admin.register lands on it."""

    default = False
    default_site = "diaspora_site.admin_site.StaffAdminSite"


# The admin's list of apps names every app and model in the user's language; these apps give
# theirs in English only (or as a raw label: "OTP_TOTP", "AXES").
class SignInProtectionConfig(axes_apps.AppConfig):
    default = False
    verbose_name = _("Sign-in protection")


class AuthenticatorAppsConfig(otp_totp_apps.DefaultConfig):
    default = False
    verbose_name = _("Authenticator apps")

    def ready(self):
        super().ready()
        # django-otp names its model in a plain string, which no catalogue can translate;
        # what migrations compare (Meta's original attributes) stays as it is.
        options = self.get_model("TOTPDevice")._meta
        options.verbose_name = _("TOTP device")
        options.verbose_name_plural = _("TOTP devices")


class TaskQueueConfig(tasks_db_apps.TasksAppConfig):
    default = False
    verbose_name = _("Task queue")


# Their models' names, for the project's catalogue (which Django reads before the apps' own):
# makemessages finds them here.
THIRD_PARTY_MODEL_NAMES = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
]
