import json
import sys
from pathlib import PurePath

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from imports.datasets import dataset_names, get_dataset
from imports.exporting import row_errors
from imports.importing import import_file
from imports.uploads import store_upload
from jobs.services import start_job


class Command(BaseCommand):
    help = (
        "Import a spreadsheet (CSV, XLSX, ODS or JSON) into a dataset: all rows or none. "
        "Exits 1, writing nothing, when any row has an error."
    )

    def add_arguments(self, parser):
        parser.add_argument("dataset", choices=dataset_names(importable=True))
        parser.add_argument("file")
        parser.add_argument(
            "--option",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="what the dataset asks besides the file, such as an attendance report's "
            "event=ID, or day_first=true",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check every row, write nothing"
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="hand the import to a worker and print its job's id; follow it in the admin",
        )

    def handle(self, *args, dataset, file, dry_run, background, option, **options):
        chosen = _options(option)
        accepted = get_dataset(dataset).option_names
        unknown = sorted(set(chosen) - set(accepted))
        if unknown:
            raise CommandError(
                f"The dataset {dataset} takes no option {', '.join(unknown)}"
                + (f"; it takes {', '.join(accepted)}." if accepted else ".")
            )
        if background and dry_run:
            raise CommandError("--background and --dry-run cannot be used together.")
        try:
            uploaded = open(file, "rb")  # noqa: SIM115 - closed below, after the import
        except OSError as error:
            raise CommandError(f"Cannot open {file}: {error.strerror}") from error
        if background:
            with uploaded:
                try:
                    self._start_job(dataset, file, uploaded, chosen)
                except OSError as error:  # the disk did not take the file: its text says so
                    raise CommandError(str(error)) from error
            return
        with uploaded:
            result = import_file(
                dataset_name=dataset,
                uploaded=uploaded,
                file_name=file,
                dry_run=dry_run,
                progress=self._progress_bar() if sys.stderr.isatty() else None,
                options=chosen,
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

    def _start_job(self, dataset, file, uploaded, chosen):
        name = PurePath(file).name
        upload = store_upload(uploaded, dataset_name=dataset, file_name=name, options=chosen)
        opts = get_dataset(dataset).model._meta
        job = start_job(
            kind="imports.write",
            title=f"Import {name}",
            params={
                "token": upload.token,
                "changelist_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
            },
        )
        self.stdout.write(str(job.pk))
        self.stderr.write(
            "The import runs in a worker; follow it in the admin: "
            + reverse("admin:jobs_job_change", args=[job.pk])
        )

    def _progress_bar(self):
        def show(done, total):
            width = 30
            filled = width * done // total
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} rows")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()

        return show


def _options(pairs):
    """{name: value} of `--option name=value`, each value read as JSON when it is JSON."""
    chosen = {}
    for pair in pairs:
        name, sign, value = pair.partition("=")
        if not sign or not name:
            raise CommandError(f"--option takes NAME=VALUE, not “{pair}”.")
        try:
            chosen[name] = json.loads(value)
        except ValueError:
            chosen[name] = value
    return chosen
