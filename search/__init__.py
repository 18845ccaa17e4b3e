"""Search that finds Həsənov as Hasanov and HƏSƏNOV, Şahin as Shahin and Sahin, and
Гасанов as гасанов and Gasanov.

Each searchable record keeps its names folded into one column (`search_text`), so that the
database compares plain lower-case letters, the same on SQLite and PostgreSQL.
"""

from django.db import models

from transliteration import romanise

SEARCH_MAX_LENGTH = 100


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
    for word in words:
        if via:
            field, model = via
            named = model._default_manager.filter(search_text__contains=fold(word))
            matches = models.Q(**{f"{field}__in": named.values("pk")})
        else:
            matches = models.Q(search_text__contains=fold(word))
        for field in also:
            matches |= models.Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(matches)
    return queryset
