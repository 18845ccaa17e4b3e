from django.conf import settings
from django.core.management.base import BaseCommand

from imports.undoing import remove_interrupted_imports
from imports.uploads import prune_uploads


class Command(BaseCommand):
    help = (
        "Remove uploads still waiting for their import, and exports, older than "
        "IMPORTS_KEEP_DAYS, and what imports interrupted by a stopped worker had written. "
        "Each import job does this too."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interrupted",
            action="store_true",
            help="Only remove what interrupted imports had written (a cheap query when none).",
        )

    def handle(self, *args, interrupted, **options):
        removed_imports = remove_interrupted_imports()
        if removed_imports:
            self.stdout.write(f"Removed what {removed_imports} interrupted import(s) had written.")
        if interrupted:
            return
        removed = prune_uploads()
        self.stdout.write(
            f"Removed {removed} file(s) older than {settings.IMPORTS_KEEP_DAYS} days."
        )
