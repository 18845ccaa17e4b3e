import json

from django.core.management.base import BaseCommand, CommandError

from organisations.models import Person
from privacy.services import person_data


class Command(BaseCommand):
    help = "Print, as JSON, everything stored about a person (to answer a request for access)."

    def add_arguments(self, parser):
        parser.add_argument("person_id", type=int)

    def handle(self, *args, person_id, **options):
        person = Person.objects.filter(pk=person_id).first()
        if person is None:
            raise CommandError(f"No person has the id {person_id}.")
        self.stdout.write(json.dumps(person_data(person), ensure_ascii=False, indent=2))
