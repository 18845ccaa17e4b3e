"""The import benchmark: the project's import, django-import-export as a user would set it up
(stock, stock with validation, and tuned), and the floor (bulk_create with every reference
resolved beforehand), on the same rows."""

import csv
import random
import time
from contextlib import contextmanager

import openpyxl
import tablib
from django.db import connection, transaction
from import_export import fields, resources, widgets

from imports.importing import import_file
from organisations.models import Membership, Organisation, Person
from search.slugs import SlugAllocator

from .data import MEN, PLACES, SURNAMES, WOMEN

COLUMNS = [
    "full_name",
    "full_name_latin",
    "full_name_cyrillic",
    "country",
    "city",
    "profession",
    "organisation",
]


class StockPersonResource(resources.ModelResource):
    """What a django-import-export user would write: the defaults, the organisation by name.

    A person's organisations are a many-to-many relation (through memberships), so the stock
    widget for it is ManyToManyWidget, by the organisation's name.
    """

    organisation = fields.Field(
        attribute="organisations",
        column_name="organisation",
        widget=widgets.ManyToManyWidget(Organisation, field="name_en"),
    )

    class Meta:
        model = Person
        fields = COLUMNS
        # The same identity as the project's import: without one, every row is new.
        import_id_fields = ["full_name", "country"]


class ValidatedStockPersonResource(StockPersonResource):
    """The stock resource validating each row as a model form would (full_clean), as the
    project's import does."""

    class Meta(StockPersonResource.Meta):
        clean_model_instances = True


class CachedOrganisationWidget(widgets.ForeignKeyWidget):
    """An organisation by name, every name looked up once per import, not once per row."""

    def __init__(self):
        super().__init__(Organisation, field="name_en")
        self.ids = None

    def clean(self, value, row=None, **kwargs):
        if self.ids is None:
            self.ids = dict(Organisation.objects.values_list("name_en", "pk"))
        if value not in self.ids:
            raise ValueError(f"no organisation named {value}")
        return self.ids[value]


class TunedStockPersonResource(resources.ModelResource):
    """django-import-export at its fastest, as its documentation advises: bulk writes in
    batches of 1,000, no diff of each row, the organisation looked up through a caching
    widget, and the people the rows may update loaded at once (its CachedInstanceLoader
    takes a single id field; these rows have two). Bulk mode saves no many-to-many, so the
    memberships are bulk-created after each batch, and slugs and search text are filled as
    save() would (bulk_create skips it). No history rows are written: simple-history hears
    nothing from bulk_create.
    """

    organisation = fields.Field(
        attribute="bench_organisation_id",
        column_name="organisation",
        widget=CachedOrganisationWidget(),
    )

    class Meta:
        model = Person
        fields = COLUMNS
        import_id_fields = ["full_name", "country"]
        use_bulk = True
        batch_size = 1000
        skip_diff = True

    def before_import(self, dataset, **kwargs):
        self.slugs = SlugAllocator(Person)
        self.stored = {
            (person.full_name, person.country.code): person
            for person in Person.objects.filter(full_name__in=set(dataset["full_name"]))
        }

    def get_instance(self, instance_loader, row):
        return self.stored.get((row["full_name"], row["country"]))

    def before_save_instance(self, instance, row, **kwargs):
        if not instance.slug:
            instance.slug = self.slugs.allocate(instance.full_name)
        instance.fill_search_text()

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        people = list(self.create_instances)
        super().bulk_create(using_transactions, dry_run, raise_errors, batch_size, result)
        Membership.objects.bulk_create(
            Membership(person_id=person.pk, organisation_id=person.bench_organisation_id)
            for person in people
            if person.pk
        )


def people_rows(count, organisation_names, *, seed=7):
    """`count` new people, each naming one of `organisation_names`."""
    rng = random.Random(seed)
    rows = []
    for number in range(count):
        first = (WOMEN if number % 2 == 0 else MEN)[rng.randrange(10)]
        surname = SURNAMES[rng.randrange(len(SURNAMES))]
        ending = "a" if number % 2 == 0 else ""
        country, city, _zone = PLACES[rng.randrange(len(PLACES))]
        rows.append(
            {
                "full_name": f"{first[0]} {surname[0]}{ending} {number:06d}",
                "full_name_latin": f"{first[2]} {surname[2]}{ending}",
                "full_name_cyrillic": f"{first[1]} {surname[1]}{ending}",
                "country": country,
                "city": city,
                "profession": "scientist",
                "organisation": organisation_names[rng.randrange(len(organisation_names))],
            }
        )
    return rows


def write_csv(rows, path):
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def write_xlsx(rows, path):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("people")
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([row[column] for column in COLUMNS])
    book.save(path)


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@contextmanager
def rolled_back():
    """Every variant starts from the same database: what one writes is undone after it."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def timed(run):
    """(seconds, queries) of `run()`, whose writes are rolled back afterwards."""
    counter = QueryCounter()
    with rolled_back(), connection.execute_wrapper(counter):
        started = time.perf_counter()
        outcome = run()
        seconds = time.perf_counter() - started
    return seconds, counter.count, outcome


def project_import(path, *, dry_run=False):
    def run():
        with open(path, "rb") as file:
            result = import_file(
                dataset_name="people", uploaded=file, file_name=path.name, dry_run=dry_run
            )
        if not result.ok:
            raise RuntimeError(f"the import failed: {result.problem or result.rows[0].errors}")
        return result.count("new")

    return run


def stock_import(path, *, dry_run=False, resource=StockPersonResource):
    def run():
        with open(path, encoding="utf-8") as file:
            dataset = tablib.Dataset().load(file.read(), format="csv")
        result = resource().import_data(dataset, dry_run=dry_run)
        if result.has_errors() or result.has_validation_errors():
            raise RuntimeError("the stock import failed")
        return result.totals["new"]

    return run


def floor_import(path):
    """bulk_create of the same rows, the organisations looked up before the clock starts."""
    organisation_ids = dict(Organisation.objects.values_list("name_en", "pk"))

    def run():
        with open(path, encoding="utf-8") as file:
            rows = list(csv.DictReader(file))
        people = [
            Person(
                full_name=row["full_name"],
                full_name_latin=row["full_name_latin"],
                full_name_cyrillic=row["full_name_cyrillic"],
                country=row["country"],
                city=row["city"],
                profession=row["profession"],
                slug=f"bench-{number}",
            )
            for number, row in enumerate(rows)
        ]
        for person in people:
            person.fill_search_text()  # as a save fills it: the floor does the same work
        people = Person.objects.bulk_create(people)
        Membership.objects.bulk_create(
            Membership(person=person, organisation_id=organisation_ids[row["organisation"]])
            for person, row in zip(people, rows, strict=True)
        )
        return len(people)

    return run
