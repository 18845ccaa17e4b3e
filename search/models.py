"""The abstract model of every record the public search finds."""

from django.db import connections, models

from . import search_text_of
from .operations import keep_trigram_table


class SearchableModel(models.Model):
    """A record found by the public search; `search_sources` name what it is found by."""

    search_sources = ()
    # The columns of its trigram table on SQLite, made by each model's migration
    # (`search.operations.TrigramTable`); PostgreSQL has trigram indexes on them.
    trigram_columns = ("search_text",)

    search_text = models.TextField(editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_search_text()
        super().save(*args, **kwargs)

    def fill_search_text(self):
        self.search_text = search_text_of(self, self.search_sources)


def heal_trigram_tables(sender, using="default", **kwargs):
    """After a migrate, the triggers of `sender`'s searchable models' trigram tables, where
    a migration's rebuilding of the table dropped them (post_migrate, on SQLite)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    for model in sender.get_models():
        if issubclass(model, SearchableModel) and model.trigram_columns:
            keep_trigram_table(connection, model._meta.db_table, model.trigram_columns)
