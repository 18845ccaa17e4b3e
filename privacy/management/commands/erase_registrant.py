from django.core.management.base import BaseCommand, CommandError

from registrations.services import erase_registrations_of, registrations_of


class Command(BaseCommand):
    help = (
        "Erase the name, address, city, organisation and answers of every registration made "
        "with an e-mail address, with their history and e-mails; the events' figures still "
        "count them. It cannot be undone."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, email, yes, **options):
        found = registrations_of(email)
        if not found:
            raise CommandError(f"No registration was made with {email}.")
        if not yes:
            answer = input(f"Erase {len(found)} registration(s) of {email}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Nothing was erased.")
        erased = erase_registrations_of(email)
        self.stdout.write(f"{erased} registration(s) of {email} erased.")
