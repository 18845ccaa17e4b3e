import time

from django.core.management.base import BaseCommand, CommandError

from bench.data import AT_SCALE_1, generate


class Command(BaseCommand):
    help = (
        "Fill an empty database with generated records for the benchmark: at scale 1, "
        + ", ".join(f"{count:,} {name}" for name, count in AT_SCALE_1.items())
        + ". Seeded: the same scale and seed give the same records."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=2025)

    def handle(self, *args, scale, seed, **options):
        if not 0 < scale <= 20:
            raise CommandError("--scale must be above 0 and at most 20.")
        started = time.perf_counter()
        try:
            generate(scale, seed=seed, log=lambda line: self.stdout.write(f"  {line}"))
        except ValueError as error:
            raise CommandError(str(error)) from None
        seconds = time.perf_counter() - started
        self.stdout.write(f"Generated at scale {scale:g} in {seconds:.1f} s.")
