from django.core.management.base import BaseCommand

from diaspora_site.demo import load_demo


class Command(BaseCommand):
    help = "Create the demo records (the 2024 videoconference and the world around it)."

    def handle(self, *args, **options):
        created = load_demo()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo data: {created} records created."))
        else:
            self.stdout.write("Demo data: already complete, nothing changed.")
