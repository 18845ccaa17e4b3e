import json

from django.core.management.base import BaseCommand, CommandError

from registrations.services import registrations_of


class Command(BaseCommand):
    help = (
        "Print, as JSON, every registration for events made with an e-mail address (to answer "
        "a request for access from someone who registered)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        found = registrations_of(email)
        if not found:
            raise CommandError(f"No registration was made with {email}.")
        self.stdout.write(json.dumps(found, ensure_ascii=False, indent=2))
