from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from backups.services import write_backup


class Command(BaseCommand):
    help = "Write a dated archive of the database (a dump with natural keys) and the uploads."

    def add_arguments(self, parser):
        parser.add_argument("--to", default=str(Path(settings.BASE_DIR) / "var" / "backups"))

    def handle(self, *args, to, **options):
        self.stdout.write(str(write_backup(Path(to))))
