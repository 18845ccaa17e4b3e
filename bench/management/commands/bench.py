from django.core.management.base import BaseCommand

from bench import run
from bench import scale as scale_bench


class Command(BaseCommand):
    help = (
        "Measure the import, the public pages and the admin against their floors; print a "
        "table and write var/bench/latest.json. Run it through `make bench`, which sets up "
        "its own database and production-like settings."
    )

    def add_arguments(self, parser):
        sizes = parser.add_mutually_exclusive_group()
        sizes.add_argument("--full", action="store_true", help="The sizes of the goals.")
        sizes.add_argument("--smoke", action="store_true", help="Tiny sizes, a few seconds.")
        parser.add_argument(
            "--scale",
            action="store_true",
            help="Measure the pages at two scales of the archive (1 and 10; with --smoke, "
            "tiny ones) and write var/bench/scale.json.",
        )
        parser.add_argument(
            "--only",
            choices=run.SECTIONS,
            nargs="+",
            help="Measure these sections again (on new data), keeping the other figures of "
            "the last run.",
        )

    def handle(self, *args, smoke, scale, only, **options):
        if scale:
            sizes = scale_bench.SMOKE if smoke else scale_bench.FULL
            directory = run.out_dir() / ("smoke" if smoke else "")
            results = scale_bench.run(sizes, out_dir=directory, log=self.stdout.write)
            self.stdout.write("")
            self.stdout.write(scale_bench.table(results))
            self.stdout.write(f"\nAll figures: {directory / 'scale.json'}")
            return
        sizes = run.SMOKE if smoke else run.FULL
        directory = run.out_dir() / ("smoke" if smoke else "")
        results = run.run(sizes, out_dir=directory, log=self.stdout.write, only=only)
        self.stdout.write("")
        self.stdout.write(run.table(results))
        self.stdout.write(f"\nAll figures: {directory / 'latest.json'}")
