from django.core.management.base import BaseCommand, CommandError

from backups.services import BackupProblem, restore_backup


class Command(BaseCommand):
    help = "Restore an archive written by `backup` into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            restore_backup(file)
        except BackupProblem as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(f"Restored {file}.")
