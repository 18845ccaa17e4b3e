from django.core.management.base import BaseCommand

from registrations import mail
from registrations.services import release_lapsed, send_due_reminders


class Command(BaseCommand):
    help = (
        "Remove registrations not confirmed in time, lapse offers not taken, offer the freed "
        "places to the waiting list, remind participants 24 hours and 1 hour before the "
        "start, and send the e-mails that failed before."
    )

    def handle(self, *args, **options):
        removed, lapsed = release_lapsed()
        reminded = send_due_reminders()
        mail.send_unsent()
        self.stdout.write(f"{removed} removed, {lapsed} offers lapsed, {reminded} reminded")
