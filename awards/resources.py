"""The medals and awards (conferments) datasets for spreadsheet import and export."""

from django.utils.translation import gettext as _

from events.models import Event
from imports import values
from imports.datasets import BATCH_SIZE, Column, NameIndex, in_bulk, register, translated_columns
from imports.values import name_key
from organisations.models import Person
from publishing.formatting import formatted_cell
from publishing.resources import PublishableDataset, publishing_columns

from .models import Conferment, Medal


@register
class MedalDataset(PublishableDataset):
    """Medals, identified by name."""

    name = "medals"
    model = Medal
    columns = [
        *translated_columns("name", "name", required=True),
        *translated_columns("description", "description", read=formatted_cell),
        Column("established", values.date, field="established"),
        *publishing_columns(),
    ]
    identity = ("name",)
    unchecked_fields = ("statute_document",)

    def prepare(self, rows):
        super().prepare(rows)
        self.by_name = {
            name_key(name): pk
            for pk, name in Medal.objects.values_list("pk", "name_en").iterator(BATCH_SIZE)
        }
        self.stored = in_bulk(
            Medal,
            [pk for row in rows if (pk := self.by_name.get(name_key(row.values.get("name"))))],
        )

    def existing(self, row):
        return self.stored.get(self.by_name.get(name_key(row.values.get("name"))))

    def export_queryset(self):
        return Medal.objects.order_by("name_en", "pk")

    def example_row(self):
        return {
            "name": "For Merits in Diaspora Activity",
            "name_az": "Diaspora fəaliyyətində xidmətə görə",
            "name_ru": "За заслуги в диаспорной деятельности",
            "description": "Awarded for contributions to the Diaspora.",
            "status": "Draft",
        }


@register
class ConfermentDataset(PublishableDataset):
    """Awards: a medal conferred on a person on a date, identified by those three.

    The recipient is named in any script; `recipient_country` tells namesakes apart.
    """

    name = "awards"
    model = Conferment
    scope_column = "recipient"
    columns = [
        Column(
            "medal",
            required=True,
            field="medal",
            attribute="",
            write=lambda conferment: conferment.medal.name_en,
        ),
        Column(
            "recipient",
            required=True,
            field="person",
            attribute="",
            write=lambda conferment: conferment.person.full_name,
        ),
        Column(
            "recipient_country",
            values.country,
            write=lambda conferment: conferment.person.country.code,
        ),
        Column("date", values.date, required=True, field="date"),
        Column(
            "event",
            field="event",
            attribute="",
            write=lambda conferment: conferment.event.title_en if conferment.event_id else "",
        ),
        Column("decree", field="decree_number"),
        *translated_columns("citation", "citation"),
        *publishing_columns(),
    ]
    identity = ("medal", "recipient", "recipient_country", "date")
    unchecked_fields = ("medal", "person", "event")
    extra_written_fields = ("medal_id", "person_id", "event_id")

    def prepare(self, rows):
        super().prepare(rows)
        self.medals = NameIndex(_("medal"))
        for pk, *names in Medal.objects.values_list("pk", "name_en", "name_az", "name_ru"):
            self.medals.add(pk, *names)
        self.people = NameIndex(_("person"))
        self.country_of = {}
        for pk, country, *names in Person.objects.values_list(
            "pk", "country", "full_name", "full_name_latin", "full_name_cyrillic"
        ).iterator(BATCH_SIZE):
            self.people.add(pk, *names)
            self.country_of[pk] = country
        self.events = NameIndex(_("event"))
        if any(row.values.get("event") for row in rows):
            for pk, *titles in Event.objects.values_list(
                "pk", "title_en", "title_az", "title_ru"
            ).iterator(BATCH_SIZE):
                self.events.add(pk, *titles)
        self.stored_pk = {
            (medal_id, person_id, date): pk
            for pk, medal_id, person_id, date in Conferment.objects.values_list(
                "pk", "medal_id", "person_id", "date"
            ).iterator(BATCH_SIZE)
        }
        for row in rows:
            self._resolve(row)
        self.stored = in_bulk(
            Conferment, [row.refs["stored_pk"] for row in rows if row.refs["stored_pk"]]
        )

    def _resolve(self, row):
        row.refs["stored_pk"] = None
        country = row.values.get("recipient_country")
        medal, recipient = row.values.get("medal"), row.values.get("recipient")
        row.refs["medal_id"] = self.medals.resolve(row, "medal", medal) if medal else None
        row.refs["person_id"] = (
            self.people.resolve(
                row,
                "recipient",
                recipient,
                narrow=(
                    (lambda keys: [key for key in keys if self.country_of[key] == country])
                    if country
                    else None
                ),
            )
            if recipient
            else None
        )
        name = row.values.get("event")
        row.refs["event_id"] = self.events.resolve(row, "event", name) if name else None
        row.refs["stored_pk"] = self.stored_pk.get(
            (row.refs["medal_id"], row.refs["person_id"], row.values.get("date"))
        )

    def existing(self, row):
        return self.stored.get(row.refs["stored_pk"])

    def apply(self, row, instance):
        super().apply(row, instance)
        instance.medal_id = row.refs.get("medal_id")
        instance.person_id = row.refs.get("person_id")
        if "event" in row.values:
            instance.event_id = row.refs.get("event_id")

    def export_queryset(self):
        return Conferment.objects.select_related("medal", "person", "event").order_by("date", "pk")

    def example_row(self):
        return {
            "medal": "For Merits in Diaspora Activity",
            "recipient": "Leyla Həsənova",
            "recipient_country": "DE",
            "date": "24.01.2025",
            "event": "Videoconference on the outcomes of 2024",
            "decree": "Order No. 12",
            "status": "Draft",
        }
