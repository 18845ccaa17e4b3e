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

    def handle(self, *args, **options):
        interrupted = remove_interrupted_imports()
        if interrupted:
            self.stdout.write(f"Removed what {interrupted} interrupted import(s) had written.")
        removed = prune_uploads()
        self.stdout.write(
            f"Removed {removed} file(s) older than {settings.IMPORTS_KEEP_DAYS} days."
        )
