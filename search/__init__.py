"""Search that finds Həsənov as Hasanov and HƏSƏNOV, and Рауф as рауф.

Each searchable record keeps its names folded into one column (`search_text`), so that the
database compares plain lower-case letters, the same on SQLite and PostgreSQL.
"""

import unicodedata

from django.db import models

SEARCH_MAX_LENGTH = 100

# Letters with no decomposition to a plain Latin letter, as they are commonly romanised.
_PLAIN = str.maketrans({"ə": "a", "ı": "i", "ß": "ss"})


def fold(text):
    """Lower case, without diacritics, Azerbaijani letters as plain Latin ones."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.translate(_PLAIN).split())


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
        values = (getattr(self, name) for name in self.search_sources)
        self.search_text = " | ".join(fold(value) for value in values if value)


def search(queryset, query):
    """The records of `queryset` whose folded names contain every word of `query`."""
    words = fold(query[:SEARCH_MAX_LENGTH]).split()
    if not words:
        return queryset.none()
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset
