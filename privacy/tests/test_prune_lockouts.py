"""Lockouts whose cool-off has passed, and the login log past its keeping time, are removed."""

import datetime
import io

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_expired_lockouts_and_old_login_logs_go_and_current_ones_stay(settings):
    now = timezone.now()
    for username, age in (("old", datetime.timedelta(hours=2)), ("locked", datetime.timedelta(0))):
        attempt = AccessAttempt.objects.create(
            username=username, ip_address="192.0.2.1", failures_since_start=5
        )
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=now - age)
    for username, days in (("old", settings.LOGIN_LOG_KEEP_DAYS + 1), ("recent", 1)):
        log = AccessLog.objects.create(username=username, ip_address="192.0.2.1")
        AccessLog.objects.filter(pk=log.pk).update(
            attempt_time=now - datetime.timedelta(days=days)
        )
    output = io.StringIO()
    call_command("prune_lockouts", stdout=output)
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["locked"]
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["recent"]
    assert output.getvalue().startswith("Removed 1 expired lockout record(s) and 1 login log")
