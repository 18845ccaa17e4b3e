"""The organisations and people datasets for spreadsheet import and export."""

from django.utils.translation import gettext as _

from imports import values
from imports.datasets import (
    BATCH_SIZE,
    Column,
    NameIndex,
    RowAction,
    chunks,
    in_bulk,
    register,
    translated_columns,
)
from imports.values import name_key
from publishing.formatting import formatted_cell
from publishing.resources import PublishableDataset, publishing_columns
from scopes import outside

from .models import Membership, Organisation, OrganisationType, Person, Profession


def organisation_names():
    """Every organisation, found by its name in any of the three languages."""
    names = NameIndex(_("organisation"))
    for pk, *translations in Organisation.objects.values_list(
        "pk", "name_en", "name_az", "name_ru"
    ).iterator(BATCH_SIZE):
        names.add(pk, *translations)
    return names


@register
class OrganisationDataset(PublishableDataset):
    """Organisations, identified by name and country; a parent council is named."""

    name = "organisations"
    model = Organisation
    columns = [
        *translated_columns("name", "name", required=True),
        Column(
            "type", lambda cell: values.choice(cell, OrganisationType), required=True, field="type"
        ),
        Column("country", values.country, required=True, field="country"),
        Column("city", field="city"),
        Column(
            "parent",
            field="parent",
            attribute="",
            write=lambda organisation: (
                organisation.parent.name_en if organisation.parent_id else ""
            ),
        ),
        Column("founded", values.date, field="founded"),
        Column("website", field="website"),
        Column("email", field="email"),
        Column("phone", field="phone"),
        Column("address", field="address"),
        *translated_columns("description", "description", read=formatted_cell),
        *publishing_columns(),
    ]
    identity = ("name", "country")
    streamable = False
    unchecked_fields = ("parent", "leader", "country")
    extra_written_fields = ("parent_id",)

    def prepare(self, rows):
        super().prepare(rows)
        self.names = NameIndex(_("organisation"))
        self.parent_of = {}
        self.by_identity = {}
        stored = Organisation.objects.values_list(
            "pk", "name_en", "name_az", "name_ru", "country", "parent_id"
        )
        for pk, name_en, name_az, name_ru, country, parent_id in stored.iterator(BATCH_SIZE):
            self.names.add(pk, name_en, name_az, name_ru)
            self.parent_of[pk] = parent_id
            self.by_identity[(name_key(name_en), name_key(country))] = pk
        # An organisation named in this file can be the parent of another, before or after.
        self.row_of_name = {}
        for row in rows:
            for language in ("", "_az", "_ru"):
                self.row_of_name.setdefault(name_key(row.values.get(f"name{language}")), row)
        ids = [pk for row in rows if (pk := self.by_identity.get(self.identity_of(row)))]
        self.stored = in_bulk(Organisation, ids)

    def existing(self, row):
        return self.stored.get(self.by_identity.get(self.identity_of(row)))

    def apply(self, row, instance):
        super().apply(row, instance)
        instance.known_parents = self.parent_of
        row.refs["parent_row"] = None
        parent_name = row.values.get("parent")
        if "parent" not in row.values:
            return
        if not parent_name:
            instance.parent_id = None
        elif (parent_row := self.row_of_name.get(name_key(parent_name))) is not None:
            stored_pk = self.by_identity.get(self.identity_of(parent_row))
            if parent_row is row:
                row.error("parent", _("an organisation cannot be its own parent"))
            elif stored_pk:
                instance.parent_id = stored_pk
            else:
                # A new organisation of this file: linked once it is stored.
                row.refs["parent_row"] = parent_row
                instance.parent_id = None
        else:
            instance.parent_id = self.names.resolve(row, "parent", parent_name)

    def check_rows(self, rows):
        """No organisation may end up among its own ancestors."""
        parent_of = dict(self.parent_of)
        node_of = {}
        for row in rows:
            if row.instance is not None and not row.errors:
                node_of[row.number] = row.instance.pk or ("row", row.number)
        for row in rows:
            if row.number not in node_of or "parent" not in row.values:
                continue
            parent_row = row.refs.get("parent_row")
            parent = node_of.get(parent_row.number) if parent_row else row.instance.parent_id
            parent_of[node_of[row.number]] = parent
        for row in rows:
            node = node_of.get(row.number)
            if node is None or "parent" not in row.values:
                continue
            seen, current = {node}, parent_of.get(node)
            while current is not None:
                if current in seen:
                    row.error("parent", _("this would make the organisation its own ancestor"))
                    break
                seen.add(current)
                current = parent_of.get(current)
            if row.refs.get("parent_row") is not None and row.action == RowAction.UNCHANGED:
                row.action = RowAction.UPDATED

    def creation_levels(self, new_rows):
        levels, placed, waiting = [], set(), list(new_rows)
        while waiting:
            level = [
                row
                for row in waiting
                if row.refs.get("parent_row") is None
                or row.refs["parent_row"].action != RowAction.NEW
                or row.refs["parent_row"].number in placed
                # written already, in an earlier transaction of the same import
                or getattr(row.refs["parent_row"].instance, "pk", None) is not None
            ]
            levels.append(level)
            placed.update(row.number for row in level)
            waiting = [row for row in waiting if row.number not in placed]
        return levels

    def link(self, row):
        if row.refs.get("parent_row") is not None:
            row.instance.parent_id = row.refs["parent_row"].instance.pk

    def export_queryset(self):
        return Organisation.objects.select_related("parent").order_by("name_en", "pk")

    def example_row(self):
        return {
            "name": "Azerbaijan House in Vienna",
            "name_az": "Vyanada Azərbaycan Evi",
            "type": "Azerbaijan House",
            "country": "AT",
            "city": "Vienna",
            "parent": "Coordination Council of Azerbaijanis of Austria",
            "founded": "15.06.2021",
            "website": "https://azhouse.example.org",
            "phone": "+43 1 234 5678",
            "status": "Draft",
        }

    def allowed_values(self):
        return {**super().allowed_values(), "type": OrganisationType.labels}


def _first_membership(person):
    """The organisation a person joined first (the export's `organisation`)."""
    memberships = sorted(person.memberships.all(), key=lambda m: (m.start_year or 0, m.pk))
    return memberships[0].organisation.name_en if memberships else ""


@register
class PersonDataset(PublishableDataset):
    """People, identified by `id` when the file has it, else by full name and country."""

    name = "people"
    model = Person
    columns = [
        Column("full_name", required=True, field="full_name"),
        Column("full_name_latin", field="full_name_latin"),
        Column("full_name_cyrillic", field="full_name_cyrillic"),
        Column("country", values.country, required=True, field="country"),
        Column("city", field="city"),
        Column("profession", lambda cell: values.choice(cell, Profession), field="profession"),
        Column("position", field="position"),
        Column("organisation", field="organisations", attribute="", write=_first_membership),
        Column("email", field="email"),
        Column("phone", field="phone"),
        Column("public", lambda cell: values.boolean(cell, default=False), field="public"),
        Column("consent_date", values.date, field="consent_date"),
        Column("bio", formatted_cell, field="biography", attribute="biography_en"),
        Column("bio_az", formatted_cell, field="biography_az"),
        Column("bio_ru", formatted_cell, field="biography_ru"),
        *publishing_columns(),
    ]
    contact_columns = ("email", "phone")
    identity = ("full_name", "country")
    unchecked_fields = ("photo", "country")

    def identity_of(self, row):
        if row.values.get("id"):
            return ("id", row.values["id"])
        return super().identity_of(row)

    def prepare(self, rows):
        # Only the people the file names are kept: the archive's other 500,000 are read
        # past, so that memory does not grow with it.
        super().prepare(rows)
        named = {self.identity_of(row) for row in rows}
        self.by_identity = {}
        for pk, full_name, country in Person.objects.values_list(
            "pk", "full_name", "country"
        ).iterator(BATCH_SIZE):
            key = (name_key(full_name), name_key(country))
            if key in named:
                self.by_identity[key] = pk
        wanted = []
        for row in rows:
            pk = row.values.get("id") or self.by_identity.get(self.identity_of(row))
            row.refs["stored_pk"] = pk
            if pk:
                wanted.append(pk)
        self.stored = in_bulk(Person, wanted)
        if any(row.values.get("organisation") for row in rows):
            self.organisations = organisation_names()

    def existing(self, row):
        instance = self.stored.get(row.refs["stored_pk"])
        if row.values.get("id") and instance is None:
            row.error("id", _("no person has this id"))
        return instance

    def apply(self, row, instance):
        super().apply(row, instance)
        row.refs["organisation_id"] = None
        if row.values.get("organisation"):
            row.refs["organisation_id"] = self.organisations.resolve(
                row, "organisation", row.values["organisation"]
            )

    def identity_column(self, row):
        return "id" if row.values.get("id") else super().identity_column(row)

    def scope_problems(self, row, instance, scope, stored):
        organisation = row.refs.get("organisation_id")
        if organisation and organisation not in scope.ids(Organisation):
            return [("organisation", outside(row.cell("organisation"), scope))]
        return super().scope_problems(row, instance, scope, stored)

    def check_rows(self, rows):
        pairs = {
            (row.instance.pk, row.refs["organisation_id"])
            for row in rows
            if row.instance is not None and row.instance.pk and row.refs["organisation_id"]
        }
        self.memberships = set()
        person_ids = {person_id for person_id, _ in pairs}
        for chunk in chunks(person_ids):
            self.memberships.update(
                Membership.objects.filter(person_id__in=chunk).values_list(
                    "person_id", "organisation_id"
                )
            )
        for row in rows:
            if (
                row.action == RowAction.UNCHANGED
                and row.refs["organisation_id"]
                and ((row.instance.pk, row.refs["organisation_id"]) not in self.memberships)
            ):
                row.action = RowAction.UPDATED

    def after_write(self, rows, created):
        new_memberships = [
            Membership(person_id=row.instance.pk, organisation_id=row.refs["organisation_id"])
            for row in rows
            if row.refs["organisation_id"]
            and (row.instance.pk, row.refs["organisation_id"]) not in self.memberships
        ]
        Membership.objects.bulk_create(new_memberships, batch_size=BATCH_SIZE)
        created.extend((Membership, membership.pk) for membership in new_memberships)

    def export_queryset(self):
        return Person.objects.prefetch_related("memberships__organisation").order_by(
            "full_name", "pk"
        )

    def example_row(self):
        return {
            "full_name": "Leyla Həsənova",
            "full_name_latin": "Leyla Hasanova",
            "full_name_cyrillic": "Лейла Гасанова",
            "country": "DE",
            "city": "Berlin",
            "profession": "Scientist",
            "organisation": "Azerbaijan House in Berlin",
            "public": "no",
            "status": "Draft",
        }

    def allowed_values(self):
        return {
            **super().allowed_values(),
            "profession": Profession.labels,
            "public": ["yes", "no"],
        }
