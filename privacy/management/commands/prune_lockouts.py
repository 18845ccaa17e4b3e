from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone


class Command(BaseCommand):
    help = (
        "Remove lockouts whose cool-off has passed, and the login log older than "
        "LOGIN_LOG_KEEP_DAYS: the addresses in them are personal data."
    )

    def handle(self, *args, **options):
        # Axes clears an expired lockout only when its username tries again; most never do.
        expired, _ = AccessAttempt.objects.filter(
            attempt_time__lt=timezone.now() - settings.AXES_COOLOFF_TIME
        ).delete()
        handler = AxesDatabaseHandler()
        logs = handler.reset_logs(age_days=settings.LOGIN_LOG_KEEP_DAYS)
        failures = handler.reset_failure_logs(age_days=settings.LOGIN_LOG_KEEP_DAYS)
        self.stdout.write(
            f"Removed {expired} expired lockout record(s) and {logs + failures} login log "
            f"entries older than {settings.LOGIN_LOG_KEEP_DAYS} days."
        )
