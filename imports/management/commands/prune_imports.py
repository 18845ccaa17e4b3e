from django.conf import settings
from django.core.management.base import BaseCommand

from imports.services import prune_uploads


class Command(BaseCommand):
    help = (
        "Remove uploads still waiting for their import, and exports, older than "
        "IMPORTS_KEEP_DAYS. Each import job does this too."
    )

    def handle(self, *args, **options):
        removed = prune_uploads()
        self.stdout.write(
            f"Removed {removed} file(s) older than {settings.IMPORTS_KEEP_DAYS} days."
        )
