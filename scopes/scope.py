"""A scope: everywhere, nowhere, or the countries and organisations a user works in."""

from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True, eq=False)
class Scope:
    """Everywhere, or the countries (ISO codes) and organisations (ids) a user works in.

    `organisation_ids` holds the organisations named and every one under them, at any depth.
    """

    everywhere: bool
    countries: frozenset = field(default_factory=frozenset)
    organisation_ids: frozenset = field(default_factory=frozenset)
    names: tuple = ()  # the countries' and organisations' names, for the admin's header
    user_id: int | None = None  # whose scope: they see the files they added and not used yet

    @property
    def granted(self):
        """Whether the user was granted anywhere to work at all."""
        return self.everywhere or bool(self.countries or self.organisation_ids)

    def has_country(self, code):
        return self.everywhere or (bool(code) and str(code) in self.countries)

    def ids(self, model):
        """The ids of `model`'s records in this scope, read once per scope."""
        return self._ids.setdefault(
            model, frozenset(model._default_manager.in_scope(self).values_list("pk", flat=True))
        )

    @cached_property
    def _ids(self):
        return {}

    @property
    def key(self):
        """What tells this scope from another, for figures kept per scope."""
        if self.everywhere:
            return "everywhere"
        return (sorted(self.countries), sorted(self.organisation_ids), self.user_id)

    def __str__(self):
        return ", ".join(str(name) for name in self.names)


EVERYWHERE = Scope(everywhere=True)
NOWHERE = Scope(everywhere=False)
