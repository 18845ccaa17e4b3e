from django.core.management.base import BaseCommand, CommandError

from organisations.models import Person
from privacy.services import erase_person


class Command(BaseCommand):
    help = (
        "Erase a person's personal data, photos, memberships and history; their conferments "
        "stay, given to no one named. It cannot be undone."
    )

    def add_arguments(self, parser):
        parser.add_argument("person_id", type=int)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, person_id, yes, **options):
        person = Person.objects.filter(pk=person_id).first()
        if person is None:
            raise CommandError(f"No person has the id {person_id}.")
        if not yes:
            answer = input(
                f"Erase {person.full_name} (id {person_id})? It cannot be undone. [y/N] "
            )
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Nothing was erased.")
        erase_person(person)
        self.stdout.write(f"Person {person_id} erased; their conferments remain, unnamed.")
