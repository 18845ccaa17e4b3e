"""Indexes the search reads on PostgreSQL.

A search for a word anywhere in a name is `LIKE '%word%'`, which a B-tree index cannot answer:
without a trigram index PostgreSQL reads every row. `pg_trgm`'s GIN indexes answer it from the
trigrams of the word. SQLite has no such index; these operations do nothing there.
"""

from django.db.migrations.operations.base import Operation


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
