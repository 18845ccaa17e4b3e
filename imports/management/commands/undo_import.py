from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from imports.models import ImportRecord
from imports.undoing import UndoProblem, undo_effects, undo_import


class Command(BaseCommand):
    help = (
        "Undo a spreadsheet import (its id, as in the admin's Spreadsheet imports): remove the "
        "records it created and give the ones it updated their values from before it. Asks "
        "first, as the admin does."
    )

    def add_arguments(self, parser):
        parser.add_argument("import_id", type=int)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, import_id, yes, verbosity, **options):
        translation.activate("en")
        self.verbosity = verbosity
        record = ImportRecord.objects.filter(pk=import_id).select_related("user").first()
        if record is None:
            raise CommandError(f"No import has the id {import_id}.")
        if record.status == ImportRecord.Status.UNDONE:
            raise CommandError(f"The import {import_id} ({record}) has already been undone.")
        self.stdout.write(f"Undoing {record} removes and restores:")
        for name, removed, restored in undo_effects(record):
            self.stdout.write(f"  {name}: {removed} removed, {restored} restored")
        self.stdout.write("Changes made to those records since the import are lost.")
        if not yes and input("Undo this import? [y/N] ").strip().lower() not in {"y", "yes"}:
            raise CommandError("Nothing was undone.")
        try:
            undo_import(record=record, progress=self._progress)
        except UndoProblem as problem:
            raise CommandError(str(problem)) from problem
        self.stdout.write(self.style.SUCCESS(f"The import {import_id} was undone."))

    def _progress(self, done, total):
        if self.verbosity > 1:
            self.stdout.write(f"  {done} of {total}")
