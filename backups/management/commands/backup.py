from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups.services import BackupProblem, nightly_backup, write_backup


class Command(BaseCommand):
    help = "Write a dated archive of the database (a dump with natural keys) and the uploads."

    def add_arguments(self, parser):
        parser.add_argument("--to", default=str(settings.BACKUPS_DIR))
        parser.add_argument(
            "--nightly",
            action="store_true",
            help=(
                "Read the archive back, then keep one a day for BACKUPS_KEEP_DAILY days and "
                "one a week for BACKUPS_KEEP_WEEKLY weeks, removing older ones."
            ),
        )

    def handle(self, *args, to, nightly, **options):
        if not nightly:
            self.stdout.write(str(write_backup(Path(to))))
            return
        try:
            path, records, files, removed = nightly_backup(
                Path(to),
                keep_daily=settings.BACKUPS_KEEP_DAILY,
                keep_weekly=settings.BACKUPS_KEEP_WEEKLY,
            )
        except BackupProblem as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(f"{path}: {records} records and {files} files, read back whole.")
        for old in removed:
            self.stdout.write(f"Removed {old.name}.")
