import resource

from django.core.management.base import BaseCommand
from django.db import transaction

from imports.importing import import_file


class Command(BaseCommand):
    help = "Import a people file, undo it, and print the process's peak resident memory (KiB)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        with transaction.atomic(), open(file, "rb") as uploaded:
            result = import_file(dataset_name="people", uploaded=uploaded, file_name=file)
            transaction.set_rollback(True)
        if not result.ok:
            raise RuntimeError("the import failed")
        self.stdout.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
