from django.core.management.base import BaseCommand

from nominations.services import erase_declined_nominations


class Command(BaseCommand):
    help = (
        "Erase declined nominations decided NOMINATIONS_KEEP_DECLINED_MONTHS ago, with their "
        "steps, scores and conflicts (a scheduled job)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Declined nominations erased: {erase_declined_nominations()}")
