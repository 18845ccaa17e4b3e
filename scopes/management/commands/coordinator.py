from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django_countries import countries

from scopes import scope_of
from scopes.models import StaffScope
from scopes.roles import COORDINATOR


class Command(BaseCommand):
    help = (
        "Give a member of staff their scope: countries (ISO codes) and organisations (by "
        "name), or everywhere. Creates the staff user if needed and adds them to the "
        "Coordinator group."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--country", action="append", default=[], help="An ISO code, such as DE; repeatable."
        )
        parser.add_argument(
            "--organisation",
            action="append",
            default=[],
            help="An organisation's name in any language; repeatable.",
        )
        parser.add_argument(
            "--everywhere", action="store_true", help="Every country, as before scopes."
        )
        parser.add_argument(
            "--clear", action="store_true", help="Remove the countries and organisations first."
        )

    @transaction.atomic
    def handle(self, username, **options):
        codes = [self._country(code) for code in options["country"]]
        organisations = [self._organisation(name) for name in options["organisation"]]
        if options["everywhere"] and (codes or organisations):
            raise CommandError("Give --everywhere or countries and organisations, not both.")
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        if created:
            user.set_unusable_password()
            user.save()
        elif not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        user.groups.add(Group.objects.get(name=COORDINATOR))
        scope, _created = StaffScope.objects.get_or_create(user=user)
        if options["clear"]:
            scope.countries = []
            scope.organisations.clear()
        scope.everywhere = options["everywhere"]
        scope.countries = sorted({*(str(code) for code in scope.countries), *codes})
        scope.save()
        scope.organisations.add(*organisations)
        shown = "everywhere" if options["everywhere"] else str(scope_of(user)) or "nothing yet"
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} coordinator '{username}': {shown}."))
        if created:
            self.stdout.write(f"Set a password with: manage.py changepassword {username}")

    def _country(self, code):
        found = countries.alpha2(code.strip())
        if not found:
            raise CommandError(f"{code!r} is not a country's ISO code (such as DE or FR).")
        return found

    def _organisation(self, name):
        # The model a scope names organisations by, as the scope declares it: this app sits
        # below the apps of the records it scopes and never imports them.
        organisations = StaffScope._meta.get_field("organisations").related_model.objects
        matches = organisations.filter(
            Q(name_en__iexact=name) | Q(name_az__iexact=name) | Q(name_ru__iexact=name)
        )
        matches = list(matches.distinct()[:2])
        if not matches:
            raise CommandError(f"No organisation is named {name!r}.")
        if len(matches) > 1:
            raise CommandError(
                f"More than one organisation is named {name!r}: give its name in another "
                "language, or assign it in the admin."
            )
        return matches[0]
