import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from jobs.scheduling import tick
from jobs.tasks import run_periodic_job


class Command(BaseCommand):
    help = (
        "Queue the periodic jobs (settings.PERIODIC_JOBS) as they fall due, for the workers "
        "to run; one such process per site is enough, and a second one does no harm."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Look at the clock once, queue what is due, stop."
        )

    def handle(self, *args, once, **options):
        stopping = threading.Event()
        if not once:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stopping.set())
            self.stdout.write(
                f"Scheduler: {len(settings.PERIODIC_JOBS)} periodic jobs, looking every "
                f"{settings.SCHEDULER_TICK_SECONDS:g} s."
            )
        while True:
            # A connection the database server dropped (a restart) is opened afresh.
            close_old_connections()
            try:
                for name in tick(run_periodic_job.enqueue):
                    self.stdout.write(f"Queued {name}.")
            except DatabaseError as error:
                if once:
                    raise
                # The database is away for a moment: what is due is queued at a later tick.
                self.stderr.write(f"The database did not answer ({error}); trying again.")
            if once or stopping.wait(settings.SCHEDULER_TICK_SECONDS):
                return
