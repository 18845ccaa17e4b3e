import sys

from django.core.management.base import BaseCommand

from imports.datasets import dataset_names
from imports.exporting import export_file


class Command(BaseCommand):
    help = (
        "Export a dataset with the import's columns plus id, as CSV, XLSX, ODS or JSON, "
        "to a file or to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("dataset", choices=dataset_names())
        parser.add_argument("--format", choices=["csv", "xlsx", "ods", "json"], default="csv")
        parser.add_argument("-o", "--output", help="the file to write; standard output if none")
        parser.add_argument(
            "--with-contacts",
            action="store_true",
            help="include people's e-mail addresses and phones",
        )

    def handle(self, *args, dataset, format, output, with_contacts, **options):
        data = export_file(dataset_name=dataset, file_format=format, with_contacts=with_contacts)
        if output:
            with open(output, "wb") as target:
                target.write(data)
            self.stderr.write(f"Wrote {output}.")
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
