from django.core.management.base import BaseCommand

from publishing.models import Notice
from publishing.services import send_unsent_notices


class Command(BaseCommand):
    help = "Send again the notices to Publishers that could not be sent (for a timer)."

    def handle(self, *args, **options):
        waiting = Notice.objects.unsent().count()
        sent = send_unsent_notices()
        self.stdout.write(f"{sent} of {waiting} notices sent.")
        if sent < waiting:
            self.stderr.write("The others are listed in the admin with the reason.")
