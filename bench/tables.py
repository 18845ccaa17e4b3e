"""Rows written straight into a model's table, for generating archives of millions of rows.

`bulk_create` builds a model instance per row and compiles every value into one INSERT: at
scale 10 that is most of the time. Here a row is a dict of the values that differ from the
fields' defaults; PostgreSQL receives them with COPY, other databases with executemany.
"""

from django.core.management.color import no_style
from django.db import connection
from django.db.models import DateTimeField, Max
from django.utils import timezone

BATCH = 5_000
# Types every database driver takes as they are; others go through the field's own conversion.
PLAIN = (str, int, bool, float, type(None))


class TableWriter:
    """Writes `model` rows with ids from the first free one: `add(row)` returns the row's id."""

    def __init__(self, model):
        self.model = model
        fields = [field for field in model._meta.concrete_fields]
        self.fields = fields
        self.columns = [field.column for field in fields]
        now = timezone.now()
        self.defaults = {}
        for field in fields:
            if isinstance(field, DateTimeField) and (field.auto_now or field.auto_now_add):
                value = now
            else:
                value = field.get_default()
            self.defaults[field.attname] = self._prepare(field, value)
        self.pk_attname = model._meta.pk.attname
        self.next_id = (model._default_manager.aggregate(last=Max("pk"))["last"] or 0) + 1
        self.pending = []

    def _prepare(self, field, value):
        if isinstance(value, PLAIN):
            return value
        return field.get_db_prep_save(value, connection)

    def add(self, row):
        row_id = self.next_id
        self.next_id += 1
        values = []
        for field in self.fields:
            name = field.attname
            if name == self.pk_attname:
                values.append(row_id)
            elif name in row:
                values.append(self._prepare(field, row[name]))
            else:
                values.append(self.defaults[name])
        self.pending.append(values)
        if len(self.pending) >= BATCH:
            self.flush()
        return row_id

    def flush(self):
        if not self.pending:
            return
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(column) for column in self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for values in self.pending:
                        copy.write_row(values)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})", self.pending
                )
        self.pending = []


def write(model, rows):
    """Write every row of `rows` (an iterable of dicts); returns their ids in order."""
    writer = TableWriter(model)
    ids = [writer.add(row) for row in rows]
    writer.flush()
    reset_sequences([model])
    return ids


def reset_sequences(models):
    """Move the databases' id sequences past the ids given here (PostgreSQL keeps one per
    table; SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
