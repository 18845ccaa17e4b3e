from django.core.management.base import BaseCommand

from countries.names import CATALOGUE_LANGUAGES, catalogue, catalogue_path


class Command(BaseCommand):
    help = (
        "Write the Azerbaijani (and missing Russian) country names into locale/countries/ "
        "from pycountry's iso-codes translations and the project's corrections."
    )

    def handle(self, *args, **options):
        for language in CATALOGUE_LANGUAGES:
            path = catalogue_path(language)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(catalogue(language), encoding="utf-8")
            self.stdout.write(f"Wrote {path}")
