from django.core.management.base import BaseCommand

from registrations import mail
from registrations.services import (
    erase_past_registrations,
    release_lapsed,
    send_due_reminders,
)


class Command(BaseCommand):
    help = (
        "Remove registrations not confirmed in time, lapse offers not taken, offer the freed "
        "places to the waiting list, remind participants 24 hours and 1 hour before the "
        "start, send the e-mails that failed before, and erase the personal data of "
        "registrations REGISTRATIONS_KEEP_MONTHS after their event."
    )

    def handle(self, *args, **options):
        removed, lapsed = release_lapsed()
        reminded = send_due_reminders()
        mail.send_unsent()
        erased = erase_past_registrations()
        self.stdout.write(
            f"{removed} removed, {lapsed} offers lapsed, {reminded} reminded, {erased} erased"
        )
