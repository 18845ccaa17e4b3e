from imports import values
from imports.datasets import Column, Dataset, in_bulk, register
from imports.values import name_key

from .models import Entry, Kind


@register
class EntryDataset(Dataset):
    """Entries, identified by name."""

    name = "entries"
    model = Entry
    columns = [
        Column("name", required=True, field="name"),
        Column("city", field="city"),
        Column("kind", lambda cell: values.choice(cell, Kind), field="kind"),
        Column("joined", values.date, field="joined"),
        Column("email", field="email"),
    ]
    identity = ("name",)
    contact_columns = ("email",)

    def prepare(self, rows):
        self.by_name = {name_key(name): pk for pk, name in Entry.objects.values_list("pk", "name")}
        self.stored = in_bulk(
            Entry, [pk for row in rows if (pk := self.by_name.get(self.identity_of(row)[0]))]
        )

    def existing(self, row):
        return self.stored.get(self.by_name.get(self.identity_of(row)[0]))

    def example_row(self):
        return {"name": "Vienna", "kind": "Member", "joined": "24.01.2025"}

    def allowed_values(self):
        return {"kind": Kind.labels}
