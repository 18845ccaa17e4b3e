from django.core.management.base import BaseCommand

from demo.services import ensure_demo_coordinator, load_demo


class Command(BaseCommand):
    help = (
        "Create the demo records (the 2024 videoconference and the world around it) and a "
        "coordinator for Germany."
    )

    def handle(self, *args, **options):
        created = load_demo()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo data: {created} records created."))
        else:
            self.stdout.write("Demo data: already complete, nothing changed.")
        username, password = ensure_demo_coordinator()
        self.stdout.write(
            self.style.SUCCESS(
                f"Coordinator for Germany: http://127.0.0.1:8000/admin/  user '{username}'  "
                f"password '{password}' (kept in var/coordinator-password)"
            )
        )
