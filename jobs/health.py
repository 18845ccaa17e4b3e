"""Whether the workers take the jobs: a check of `/readyz` (django-health-check)."""

import dataclasses
import datetime

from django.conf import settings
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable

from .models import Job


@dataclasses.dataclass
class QueueCheck(HealthCheck):
    """The oldest job waiting for a worker has waited less than JOBS_READY_WAIT_SECONDS."""

    def run(self):
        oldest = (
            Job.objects.filter(state=Job.State.QUEUED)
            .order_by("created")
            .values_list("created", flat=True)
            .first()
        )
        if oldest is None:
            return
        waited = timezone.now() - oldest
        if waited > datetime.timedelta(seconds=settings.JOBS_READY_WAIT_SECONDS):
            raise ServiceUnavailable(
                f"the oldest waiting job has waited {int(waited.total_seconds())} s: "
                "is a worker running?"
            )
