"""Search that finds a name whichever script and spelling wrote it: Həsənov as Hasanov,
HƏSƏNOV and Гасанов, Məmmədova as Мамедова and Mamedova, Şahin as Shahin and Sahin.

Each searchable record keeps its names folded into one column (`search_text`): romanised
(with and without the Azerbaijani digraphs) and as the sound they share (`sound_of`). A query
is compared by its sound, so that the database compares plain lower-case letters, the same on
SQLite and PostgreSQL; records spelt as the query is come first (`exact_first`).
"""

from django.db import connections
from django.db.models import Q
from django.db.models.expressions import RawSQL

from search.transliteration import romanise, sound_of

from .operations import trigram_table

SEARCH_MAX_LENGTH = 100


def fold(text):
    """`text` as a query is compared: romanised as slugs are, lower case, one space apart."""
    return " ".join(romanise(text, digraphs=False).split())


def folded_forms(text):
    """What `text` is found by: romanised with and without the digraphs (Shahin, Sahin), and
    the sound of each (Çingiz is found by "chingiz", and by "cingiz" typed without a cedilla)."""
    plain = fold(text)
    forms = [plain, " ".join(romanise(text).split()), sound(text), sound(plain)]
    return list(dict.fromkeys(form for form in forms if form))


def sound(text):
    """`text` as a query is compared with names: by the sound of each word."""
    return " ".join(sound_of(text).split())


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


def search(queryset, query, *, also=(), through=None):
    """The records of `queryset` that have every word of `query` in their folded names, or
    in one of the fields named in `also` (compared case-insensitively as they are stored).

    `through` names a relation whose folded names are searched instead, as a conferment is
    found by its recipient's.
    """
    words = [word for word in query[:SEARCH_MAX_LENGTH].split() if sound(word)]
    if not words:
        return queryset.none()
    # With other fields or a relation to compare as well (the admin's searches), the database
    # reads the list in its order and stops at a page: for a common name (a surname names
    # 40,000 people) that is quicker than finding every match first and sorting them.
    trigrams = not also and not through
    for word in words:
        if through:
            matches = Q(**{f"{through}__search_text__contains": sound(word)})
        else:
            matches = containing(queryset.model, sound(word), queryset.db, trigrams=trigrams)
        for field in also:
            matches |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(matches)
    return queryset


def exact_first(queryset, query, *ordering, limit):
    """The first `limit` records of `queryset` that `search` finds for `query`: those spelt
    as the query is first ("Мамедова" lists Мамедова before Məmmədova), then those that only
    sound like it, each group in `ordering`.

    Two reads that each stop at `limit` in the list's order, rather than ranking every match
    (a common surname names 42,000 people at ten times the archive).
    """
    words = [fold(word) for word in query[:SEARCH_MAX_LENGTH].split() if fold(word)]
    if not words:
        return []
    spelt = queryset
    for word in words:
        spelt = spelt.filter(containing(queryset.model, word, queryset.db))
    first = list(spelt.order_by(*ordering)[:limit])
    if len(first) == limit:
        return first
    others = search(queryset, query).exclude(pk__in=[record.pk for record in first])
    return first + list(others.order_by(*ordering)[: limit - len(first)])


def containing(model, text, alias, *, trigrams=True):
    """`model`'s records whose folded names contain `text`.

    On SQLite (with `trigrams`), found in the model's trigram table (`TrigramTable`) as a
    phrase of trigrams, for text of three letters or more (the least a trigram can find);
    elsewhere, and for shorter text, compared on the table itself (PostgreSQL's trigram
    indexes serve that).
    """
    if trigrams and connections[alias].vendor == "sqlite" and len(text) >= 3:
        table = trigram_table(model._meta.db_table)
        phrase = '"{}"'.format(text.replace('"', '""'))  # every character literal
        found = RawSQL(
            f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s', (f"search_text : {phrase}",)
        )
        return Q(pk__in=found)
    return Q(search_text__contains=text)
