"""Datasets: what a spreadsheet's columns mean for one kind of record.

Each domain app declares its datasets in its `resources.py` and registers them here; the
engine (`imports.importing`) reads, validates and writes rows through them, in batches.
"""

from dataclasses import dataclass

from django.db import models
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_countries.fields import CountryField

from scopes import outside

from . import values
from .readers import read_table
from .values import name_key

BATCH_SIZE = 1000

_registry = {}


def register(dataset_class):
    """Make a dataset known by its name (`people`, `events`...) to the admin and commands."""
    _registry[dataset_class.name] = dataset_class
    return dataset_class


def get_dataset(name):
    return _registry[name]


def dataset_names(*, importable=False):
    """The datasets' names; with `importable`, only those a spreadsheet may be imported into."""
    return sorted(
        name for name, dataset in _registry.items() if dataset.importable or not importable
    )


def dataset_label(name):
    """A dataset as staff know it: its records' plural name ("people", "şəxslər", "люди")."""
    dataset = _registry.get(name)
    return capfirst(dataset.model._meta.verbose_name_plural) if dataset else name


def dataset_for_model(model):
    for dataset_class in _registry.values():
        if dataset_class.model is model:
            return dataset_class
    return None


@dataclass
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    value: str
    message: str

    def __str__(self):
        shown = f" (“{self.value}”)" if self.value else ""
        return _("row %(row)d, column %(column)s: %(message)s%(value)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "value": shown,
        }


class Column:
    """One column: its header (and the headers it is known by in az and ru), how a cell is
    read into a value and how a record's value is written out into a cell.

    `field` is the model field it fills and whose verbose names are accepted as headers;
    `attribute` the model attribute it reads and writes ("" when the dataset does both, as
    for a reference by name). `write(record)` gives the cell for an export; without it the
    attribute's value is written in the form `read` takes back (`values.cell_of`).
    """

    def __init__(
        self,
        name,
        read=values.text,
        *,
        write=None,
        required=False,
        field=None,
        attribute=None,
        aliases=(),
    ):
        self.name = name
        self.read = read
        self.write = write
        self.required = required
        self.field = field
        self.attribute = attribute if attribute is not None else field
        self.aliases = aliases

    def cell(self, record):
        """The value of `record` in this column, as an export writes it."""
        if self.write is not None:
            return self.write(record)
        if not self.attribute:
            return None
        return values.cell_of(record._meta.get_field(self.attribute), record)

    def headers(self, model):
        names = {self.name, *self.aliases}
        if self.field:
            verbose_name = model._meta.get_field(self.field).verbose_name
            for language in ("en", "az", "ru"):
                with translation.override(language):
                    names.add(str(verbose_name))
        return {_header_key(name) for name in names}


def _header_key(header):
    return name_key(str(header).replace("_", " "))


class RowAction(models.TextChoices):
    """What an import does with a row."""

    NEW = "new", _("new")
    UPDATED = "updated", _("updated")
    UNCHANGED = "unchanged", _("unchanged")
    ERROR = "error", _("error")


class Row:
    """One row of the file, from its cells to what the import makes of it.

    Slotted and holding its cells as a tuple: an import keeps 100,000 of these at once.
    `refs` is for the dataset's own notes (a parent row, a resolved id).
    """

    __slots__ = (
        "number",
        "columns",
        "raw",
        "values",
        "errors",
        "instance",
        "action",
        "before",
        "refs",
    )

    def __init__(self, number, columns, raw):
        self.number = number  # as the spreadsheet numbers it: the header is row 1
        self.columns = columns  # column name -> index in `raw`, shared by every row
        self.raw = raw
        self.values = {}
        self.errors = []
        self.instance = None
        self.action = None  # a RowAction once the row is checked
        self.before = None
        self.refs = {}

    def has_cell(self, column):
        return column in self.columns

    def cell(self, column):
        index = self.columns.get(column)
        return None if index is None else self.raw[index]

    def error(self, column, message, *, shown=None):
        """Note a problem with the row's `column`; the cell is shown after the message
        unless the message names it (`shown=""`)."""
        if shown is None:
            cell = self.cell(column)
            shown = "" if cell is None else str(cell)
        self.errors.append(RowError(self.number, column, shown[:200], str(message)))


class Dataset:
    """The base of every dataset; subclasses name their model, columns and identity.

    One instance serves one import or export, so it may keep the lookups it prepares.
    """

    name = ""
    model = None
    # False for a dataset that is only exported (its records come in another way).
    importable = True
    # What an import of this dataset is told besides the file (`__init__`'s arguments).
    option_names = ()
    columns = []
    # The columns whose values identify a row's record on a second load.
    identity = ()
    # Whether rows can be checked and written a batch at a time; False when a row may
    # refer to another row of the same file (an organisation's parent).
    streamable = True
    # Model fields that `full_clean` leaves to the dataset: foreign keys, whose check queries
    # the database once a row (the dataset resolves them in batches), and countries, which
    # `values.country` has checked against the same list that Django walks in full for
    # every row.
    unchecked_fields = ()

    def __init__(self):
        self.column_by_name = {column.name: column for column in self.columns}

    # Reading ------------------------------------------------------------------------------

    def read_table(self, uploaded, file_name):
        """The file's header and rows (a `readers.Table`): a spreadsheet's first sheet, or,
        for a dataset of a vendor's own layout, the rows it makes of it."""
        return read_table(uploaded, file_name)

    def match_headers(self, headers):
        """Map each header of the file to a column name; returns (mapping, unknown, missing)."""
        keys = {}
        for column in self.columns:
            for key in column.headers(self.model):
                keys.setdefault(key, column.name)
        mapping, unknown = {}, []
        for index, header in enumerate(headers):
            key = _header_key(header)
            if key in {"id", "errors"} and key not in keys:
                mapping[index] = key
            elif key in keys and keys[key] not in mapping.values():
                mapping[index] = keys[key]
            elif header:
                unknown.append(header)
        missing = [
            column.name
            for column in self.columns
            if column.required and column.name not in mapping.values()
        ]
        return mapping, unknown, missing

    def read_row(self, row):
        for column in self.columns:
            if not row.has_cell(column.name):
                continue
            try:
                value = column.read(row.cell(column.name))
            except values.ValueProblem as problem:
                row.error(column.name, problem)
                continue
            if column.required and value in (None, ""):
                row.error(column.name, _("a value is required"))
            row.values[column.name] = value
        if row.has_cell("id"):
            try:
                row.values["id"] = values.integer(row.cell("id"))
            except values.ValueProblem as problem:
                row.error("id", problem)

    def identity_of(self, row):
        return tuple(_identity_part(row.values.get(name)) for name in self.identity)

    # Hooks for subclasses ------------------------------------------------------------------

    def prepare(self, rows):
        """Load, in batches, the records the rows refer to and the ones they may update."""

    def existing(self, row):
        """The stored record this row updates, or None for a new one."""
        return None

    def apply(self, row, instance):
        """Set the row's values on `instance`; report problems with `row.error`.

        Only the columns the file has are written: a file without a `city` column leaves
        every city as it is. A blank cell gives the field's default.
        """
        for column in self.columns:
            if column.attribute and column.name in row.values:
                value = row.values[column.name]
                model_field = self.model._meta.get_field(column.attribute)
                if value in (None, "") and not model_field.null:
                    value = model_field.get_default() if model_field.has_default() else ""
                setattr(instance, model_field.attname, value)

    def finish(self, row, instance):
        """Complete `instance` once `apply` has set the row's values (a slug, the search
        text)."""

    # Model attributes written besides the columns' own (foreign keys by their attname).
    extra_written_fields = ()

    def written_fields(self):
        return [
            *(
                self.model._meta.get_field(column.attribute).attname
                for column in self.columns
                if column.attribute
            ),
            *self.extra_written_fields,
        ]

    def snapshot(self, instance):
        """The values this dataset writes, to tell updated from unchanged and to undo."""
        return {name: getattr(instance, name) for name in self.written_fields()}

    def check_rows(self, rows):
        """Checks across rows (a council's own member as its parent...), after each row's."""

    def creation_levels(self, new_rows):
        """New rows in the order they can be stored: a parent before its members."""
        return [new_rows]

    def link(self, row):
        """Point the row's record at records stored earlier in this import."""

    def fields_of_columns(self, column_names):
        """The model fields the named columns fill."""
        return [
            name
            for column in self.columns
            if column.name in column_names
            for name in (column.field, column.attribute)
            if name
        ]

    def column_for_field(self, field_name):
        for column in self.columns:
            if field_name in {column.field, column.attribute, column.name}:
                return column.name
        return field_name

    def after_write(self, rows, created):
        """Write what depends on stored ids; `created` collects (model, pk) of new records."""

    # Writing out ---------------------------------------------------------------------------

    def export_queryset(self):
        return self.model._default_manager.all()

    # Scopes ---------------------------------------------------------------------------------
    # The column blamed when a row's record would fall outside the importing user's scope.
    scope_column = "country"

    def scope_problems(self, row, instance, scope, stored):
        """(column, message) for each way the row's record, as the row leaves it, would be
        outside `scope`: a country or a record it gives that the scope does not have, or the
        record itself.

        `stored` holds the record's country and references before the row: what it keeps
        is not the user's doing (a member of the scope's council may live elsewhere).
        """
        problems = []
        for field in self.scoped_fields():
            value = getattr(instance, field.attname)
            if not value or str(value) == str(stored.get(field.attname) or ""):
                continue
            if field.is_relation:
                allowed = value in scope.ids(field.related_model)
            else:
                allowed = scope.has_country(value)
            if not allowed:
                column = self.column_for_field(field.name)
                problems.append((column, outside(row.cell(column), scope)))
        # A record outside the scope because of what it was given is told once, above.
        if not problems and not self.is_within(row, instance, scope):
            column = (
                self.scope_column if row.has_cell(self.scope_column) else self.identity_column(row)
            )
            problems.append((column, outside(row.cell(column), scope)))
        return problems

    def scope_values(self, instance):
        """The values of `scoped_fields` as stored, before a row changes them."""
        return {field.attname: getattr(instance, field.attname) for field in self.scoped_fields()}

    def user_problems(self, row, instance, user):
        """(column, message) for what this user may not do with the row's record, beyond
        its scope (a Publisher's permission, say)."""
        return []

    def identity_column(self, row):
        """The column that names the row's stored record."""
        return self.identity[0]

    def is_within(self, row, instance, scope):
        check = getattr(instance, "is_within", None)
        return check is None or check(scope)

    def scoped_fields(self):
        """The country and the foreign keys to records that fall in a scope, which the
        columns write."""
        named = {name for column in self.columns for name in (column.field, column.attribute)}
        return [
            field
            for field in self.model._meta.concrete_fields
            if field.name in named
            and (
                isinstance(field, CountryField)
                or (
                    field.many_to_one and hasattr(field.related_model._default_manager, "in_scope")
                )
            )
        ]

    def scoped_export_queryset(self, user):
        """The records exported for `user`: those of their scope (everything from the
        command line)."""
        records = self.export_queryset()
        return records.in_scope(user) if hasattr(records, "in_scope") else records

    # Columns of personal contacts, exported only with a permission of their own.
    contact_columns = ()

    def export_headers(self, *, with_contacts):
        return [
            "id",
            *(
                column.name
                for column in self.columns
                if with_contacts or column.name not in self.contact_columns
            ),
        ]

    def export_row(self, instance, *, with_contacts):
        row = {"id": instance.pk}
        for column in self.columns:
            if with_contacts or column.name not in self.contact_columns:
                row[column.name] = column.cell(instance)
        return row

    def example_row(self):
        return {}

    def allowed_values(self):
        """Columns with a closed list of values, for the template's second sheet."""
        return {}


def translated_columns(name, field, *, required=False, read=values.text):
    """The English column (`name`) and its Azerbaijani and Russian ones (`name_az`...)."""
    return [
        Column(name, read, required=required, field=field, attribute=f"{field}_en"),
        Column(f"{name}_az", read, field=f"{field}_az"),
        Column(f"{name}_ru", read, field=f"{field}_ru"),
    ]


def _identity_part(value):
    if isinstance(value, str):
        return name_key(value)
    return value


def in_bulk(model, ids):
    """`model`'s records with these ids, by id, a batch of ids a query."""
    found = {}
    for chunk in chunks(ids):
        found.update(model._default_manager.in_bulk(chunk))
    return found


def chunks(items, size=BATCH_SIZE):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


class NameIndex:
    """Records found by any of their names, with `resolve` reporting unknown and ambiguous."""

    def __init__(self, what):
        self.what = what  # "organisation", "person"... for messages
        self.by_name = {}

    def add(self, key, *names):
        for name in names:
            if name:
                self.by_name.setdefault(name_key(name), []).append(key)

    def resolve(self, row, column, name, *, narrow=None):
        """The one key named `name` (among `narrow(keys)` when given), or an error on `row`."""
        keys = list(dict.fromkeys(self.by_name.get(name_key(name), [])))
        if narrow is not None:
            keys = narrow(keys)
        if len(keys) == 1:
            return keys[0]
        if not keys:
            row.error(column, _("no %(what)s of that name") % {"what": self.what})
        else:
            row.error(
                column,
                _("%(count)d records of that name; tell them apart") % {"count": len(keys)},
            )
        return None
