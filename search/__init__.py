"""Search that finds Həsənov as Hasanov and HƏSƏNOV, Şahin as Shahin and Sahin, and
Гасанов as гасанов and Gasanov.

Each searchable record keeps its names folded into one column (`search_text`), so that the
database compares plain lower-case letters, the same on SQLite and PostgreSQL.
"""

from django.db import connections, models
from django.db.models.expressions import RawSQL

from transliteration import romanise

from .operations import trigram_table

SEARCH_MAX_LENGTH = 100
# Characters LIKE gives a meaning to: text holding them is compared without the trigram table,
# whose LIKE takes no ESCAPE.
LIKE_WILDCARDS = {"%", "_", "\\"}


def fold(text):
    """`text` as a query is compared: romanised as slugs are, lower case, one space apart."""
    return " ".join(romanise(text, digraphs=False).split())


def folded_forms(text):
    """What `text` is found by: romanised with and without the digraphs (Shahin, Sahin)."""
    forms = [fold(text), " ".join(romanise(text).split())]
    return list(dict.fromkeys(form for form in forms if form))


def search_text_of(record, sources):
    """The folded forms of the record's `sources`, as its `search_text` keeps them."""
    values = (getattr(record, name) for name in sources)
    return " | ".join(form for value in values if value for form in folded_forms(value))


def refold(model, sources):
    """Fold the search text of every `model` record again from its `sources`, a batch at a
    time (for migrations, whose historical models know no `search_sources`)."""
    batch = []
    for record in model._default_manager.only("pk", *sources).iterator(chunk_size=1000):
        record.search_text = search_text_of(record, sources)
        batch.append(record)
        if len(batch) == 1000:
            model._default_manager.bulk_update(batch, ["search_text"])
            batch = []
    model._default_manager.bulk_update(batch, ["search_text"])


class SearchableModel(models.Model):
    """A record found by the public search; `search_sources` name what it is found by."""

    search_sources = ()
    # The columns of its trigram table on SQLite, made by each model's migration
    # (`search.operations.TrigramTable`); PostgreSQL has trigram indexes on the same.
    trigram_columns = ("search_text", "slug")

    search_text = models.TextField(editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_search_text()
        super().save(*args, **kwargs)

    def fill_search_text(self):
        self.search_text = search_text_of(self, self.search_sources)


def search(queryset, query, *, also=(), via=None):
    """The records of `queryset` that have every word of `query` in their folded names, or
    in one of the fields named in `also` (compared case-insensitively as they are stored).

    `via` is (field, model) when the names are a related record's, as a conferment is found by
    its recipient's: the related records are found first, from their own index.
    """
    words = query[:SEARCH_MAX_LENGTH].split()
    if not any(fold(word) for word in words):
        return queryset.none()
    model = queryset.model
    for word in words:
        if via:
            field, named_model = via
            named = named_model._default_manager.filter(
                containing(named_model, "search_text", fold(word), queryset.db)
            )
            matches = models.Q(**{f"{field}__in": named.values("pk")})
        else:
            matches = containing(model, "search_text", fold(word), queryset.db)
        for field in also:
            if field in getattr(model, "trigram_columns", ()):
                matches |= containing(model, field, word, queryset.db)
            else:
                matches |= models.Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(matches)
    return queryset


def containing(model, column, text, alias):
    """`model`'s records whose `column` contains `text`.

    On SQLite, read from the model's trigram table (`operations.TrigramTable`), ignoring case,
    for text of three letters or more, the least a trigram index can look up; elsewhere, and
    for shorter text, compared on the table itself (PostgreSQL's trigram indexes serve that).
    """
    if (
        connections[alias].vendor == "sqlite"
        and column in getattr(model, "trigram_columns", ())
        and len(text) >= 3
        and not LIKE_WILDCARDS & set(text)
    ):
        table = trigram_table(model._meta.db_table)
        found = RawSQL(f'SELECT rowid FROM "{table}" WHERE "{column}" LIKE %s', (f"%{text}%",))
        return models.Q(pk__in=found)
    lookup = "contains" if column == "search_text" else "icontains"
    return models.Q(**{f"{column}__{lookup}": text})
