import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Make sure the superuser 'admin' exists. Its password comes from "
        "DJANGO_SUPERUSER_PASSWORD, or is generated once and kept in var/admin-password."
    )

    def handle(self, *args, **options):
        password_file = settings.VAR_DIR / "admin-password"
        given = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        User = get_user_model()
        user = User.objects.filter(username=USERNAME).first()

        if given:
            password, source = given, "from DJANGO_SUPERUSER_PASSWORD"
        elif user is not None and password_file.exists():
            password, source = password_file.read_text().strip(), f"kept in {password_file}"
        elif user is not None:
            self.stdout.write(f"Admin user '{USERNAME}' exists; its password is unchanged.")
            return
        else:
            password, source = secrets.token_urlsafe(12), f"generated, kept in {password_file}"
            settings.VAR_DIR.mkdir(exist_ok=True)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)

        if user is None:
            User.objects.create_superuser(USERNAME, email="", password=password)
        elif given and not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: http://127.0.0.1:8000/admin/  user '{USERNAME}'  password "
                f"'{password}' ({source})"
            )
        )
