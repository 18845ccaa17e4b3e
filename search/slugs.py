"""Readable ASCII slugs from names written in Azerbaijani, Russian or English."""

from django.utils.text import slugify

from search.transliteration import romanise

SLUG_MAX_LENGTH = 200


def slug_from(text):
    """The slug of a name in any of the three scripts, or "" when nothing is left of it."""
    return slugify(romanise(text))[:SLUG_MAX_LENGTH].strip("-")


def unique_slug(model, text, *, exclude_pk=None, fallback="item"):
    """A slug for `text` that no other row of `model` uses yet ("name", "name-2", ...)."""
    base = slug_from(text) or fallback
    others = model._default_manager.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    # Mostly the name is free: one lookup by the unique index. Only a taken one needs the
    # prefix search, which SQLite answers by reading every slug.
    if not others.filter(slug=base).exists():
        return base
    taken = others.filter(slug__startswith=base).values_list("slug", flat=True)
    return _first_free(base, set(taken))[0]


class SlugAllocator:
    """Unique slugs for many new records at once, with one query for those already taken.

    What is kept of each taken slug is its hash, not its text, so that an archive of
    500,000 records costs a few MiB: a free slug whose hash another one shares only looks
    taken, and is given a number; a taken one is never given again.
    """

    def __init__(self, model):
        slugs = model._default_manager.values_list("slug", flat=True)
        self.taken = {hash(slug) for slug in slugs.iterator(chunk_size=2000)}
        # The number each name was last given, so that the 400th "Əli Əliyev" is not
        # checked against the 399 before it.
        self.last_number = {}

    def allocate(self, text, fallback="item"):
        base = slug_from(text) or fallback
        slug, number = _first_free(base, self.taken, key=hash, start=self.last_number.get(base, 2))
        self.taken.add(hash(slug))
        self.last_number[base] = number
        return slug


def _first_free(base, taken, key=str, start=2):
    """The first of `base`, `base-<start>`, `base-<start + 1>`... not in `taken`, with the
    number it ended at."""
    candidate, number = base, start
    while key(candidate) in taken:
        suffix = f"-{number}"
        candidate = base[: SLUG_MAX_LENGTH - len(suffix)] + suffix
        number += 1
    return candidate, number
