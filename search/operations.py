"""Indexes the search reads on PostgreSQL.

A search for a word anywhere in a name is `LIKE '%word%'`, which a B-tree index cannot answer:
without a trigram index PostgreSQL reads every row. `pg_trgm`'s GIN indexes answer it from the
trigrams of the word. SQLite has no such index; these operations do nothing there.
"""

from django.contrib.postgres import operations as postgres
from django.db.migrations.operations.base import Operation


class TrigramExtension(postgres.TrigramExtension):
    """pg_trgm, on PostgreSQL only: Django's own looks for it on other databases when the
    migration is reversed."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class TrigramIndex(Operation):
    """A `gin_trgm_ops` index on `column` of `model_name`'s table, on PostgreSQL only.

    `upper=True` indexes `UPPER(column::text)`, the expression Django's `icontains` compares.
    Needs the extension first (`django.contrib.postgres.operations.TrigramExtension`).
    """

    reversible = True

    def __init__(self, model_name, name, column, upper=False):
        self.model_name = model_name
        self.name = name
        self.column = column
        self.upper = upper

    def deconstruct(self):
        keywords = {"upper": True} if self.upper else {}
        return self.__class__.__name__, [self.model_name, self.name, self.column], keywords

    def state_forwards(self, app_label, state):
        pass  # not a field or a Meta index: the models know nothing of it

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        table = to_state.apps.get_model(app_label, self.model_name)._meta.db_table
        column = quote(self.column)
        expression = f"(UPPER({column}::text))" if self.upper else column
        schema_editor.execute(
            f"CREATE INDEX {quote(self.name)} ON {quote(table)} "
            f"USING gin ({expression} gin_trgm_ops)"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.name)}")

    def describe(self):
        return f"Trigram index {self.name} on {self.model_name}.{self.column} (PostgreSQL)"

    @property
    def migration_name_fragment(self):
        return self.name


class TrigramTable(Operation):
    """On SQLite, an FTS5 table with the trigram tokenizer over `columns` of `model_name`'s
    table, kept in step by triggers: `LIKE '%word%'` on it reads its index (SQLite 3.34 and
    later) where the same on the table reads every row. Nothing on PostgreSQL, where
    `TrigramIndex` does this. Its name is the table's with `_trigrams` (`trigram_table`).

    SQLite drops a table's triggers when a later migration rebuilds the table (as it does to
    alter a column); `heal_trigram_tables` puts them back after every migrate."""

    reversible = True

    def __init__(self, model_name, columns):
        self.model_name = model_name
        self.columns = list(columns)

    def deconstruct(self):
        return self.__class__.__name__, [self.model_name, self.columns], {}

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "sqlite":
            table = to_state.apps.get_model(app_label, self.model_name)._meta.db_table
            keep_trigram_table(schema_editor.connection, table, self.columns, create=True)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "sqlite":
            return
        table = from_state.apps.get_model(app_label, self.model_name)._meta.db_table
        trigrams = trigram_table(table)
        for suffix in TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigrams}_{suffix}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {trigrams}")

    def describe(self):
        return f"Trigram table of {self.model_name} ({', '.join(self.columns)}) (SQLite)"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name}_trigrams"


TRIGGERS = ("insert", "delete", "update")


def trigram_table(table):
    return f"{table}_trigrams"


def keep_trigram_table(connection, table, columns, *, create=False):
    """Make the trigram table of `table` (with `create`) and whichever of its triggers are
    missing; its index is built again from the table when anything was missing."""
    trigrams = trigram_table(table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT type, name FROM sqlite_master WHERE name = %s OR tbl_name = %s",
            [trigrams, table],
        )
        present = {name for _type, name in cursor.fetchall()}
        if trigrams not in present and not create:
            return False  # its migration is not applied
        names = ", ".join(columns)
        old = ", ".join(f"old.{column}" for column in columns)
        new = ", ".join(f"new.{column}" for column in columns)
        remove = (
            f"INSERT INTO {trigrams} ({trigrams}, rowid, {names}) "
            f"VALUES ('delete', old.id, {old});"
        )
        add = f"INSERT INTO {trigrams} (rowid, {names}) VALUES (new.id, {new});"
        wanted = {
            trigrams: f"CREATE VIRTUAL TABLE {trigrams} USING fts5({names}, content='{table}', "
            "content_rowid='id', tokenize='trigram')",
            f"{trigrams}_insert": f"CREATE TRIGGER {trigrams}_insert AFTER INSERT ON {table} "
            f"BEGIN {add} END",
            f"{trigrams}_delete": f"CREATE TRIGGER {trigrams}_delete AFTER DELETE ON {table} "
            f"BEGIN {remove} END",
            f"{trigrams}_update": f"CREATE TRIGGER {trigrams}_update AFTER UPDATE OF {names} "
            f"ON {table} BEGIN {remove} {add} END",
        }
        missing = [statement for name, statement in wanted.items() if name not in present]
        for statement in missing:
            cursor.execute(statement)
        if missing:
            cursor.execute(f"INSERT INTO {trigrams} ({trigrams}) VALUES ('rebuild')")
        return bool(missing)
