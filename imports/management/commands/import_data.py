import sys

from django.core.management.base import BaseCommand, CommandError

from imports.datasets import dataset_names
from imports.services import import_file, row_errors


class Command(BaseCommand):
    help = (
        "Import a spreadsheet (CSV, XLSX, ODS or JSON) into a dataset: all rows or none. "
        "Exits 1, writing nothing, when any row has an error."
    )

    def add_arguments(self, parser):
        parser.add_argument("dataset", choices=dataset_names())
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check every row, write nothing"
        )

    def handle(self, *args, dataset, file, dry_run, **options):
        try:
            uploaded = open(file, "rb")  # noqa: SIM115 - closed below, after the import
        except OSError as error:
            raise CommandError(f"Cannot open {file}: {error.strerror}") from error
        with uploaded:
            result = import_file(
                dataset_name=dataset,
                uploaded=uploaded,
                file_name=file,
                dry_run=dry_run,
                progress=self._progress_bar() if sys.stderr.isatty() else None,
            )
        if result.problem:
            self.stderr.write(result.problem)
        if result.ignored_warning:
            self.stderr.write(self.style.WARNING(f"Warning: {result.ignored_warning}"))
        for error in result.errors:
            self.stderr.write(str(error))
        counts = result.counts
        summary = (
            f"{'Dry run: ' if dry_run else ''}new: {counts['new']}, updated: "
            f"{counts['updated']}, unchanged: {counts['unchanged']}, "
            f"errors: {len(row_errors(result))}"
        )
        if result.ok:
            self.stdout.write(summary)
            return
        self.stdout.write(summary + ". Nothing was written.")
        sys.exit(1)

    def _progress_bar(self):
        def show(done, total):
            width = 30
            filled = width * done // total
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} rows")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()

        return show
