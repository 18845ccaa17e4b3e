"""The events dataset for spreadsheet import and export."""

import zoneinfo

from django.conf import settings
from django.utils import timezone

from imports import values
from imports.datasets import BATCH_SIZE, Column, in_bulk, register, translated_columns
from imports.values import name_key
from organisations.resources import organisation_names
from publishing.formatting import formatted_cell
from publishing.resources import PublishableDataset, publishing_columns

from .models import Event, EventFormat


@register
class EventDataset(PublishableDataset):
    """Events, identified by title and start date; times are read in the event's zone.

    Date-times are written out in the event's own zone with its offset
    (2025-06-14T10:00:00+02:00), so that a date read in is the date written out.
    """

    name = "events"
    model = Event
    columns = [
        *translated_columns("title", "title", required=True),
        Column(
            "start",
            values.date_time,
            required=True,
            field="start",
            write=lambda event: event.local_iso(event.start),
        ),
        Column(
            "end", values.date_time, field="end", write=lambda event: event.local_iso(event.end)
        ),
        Column(
            "timezone",
            values.time_zone,
            field="time_zone",
            attribute="",
            write=lambda event: event.time_zone,
        ),
        Column("format", lambda cell: values.choice(cell, EventFormat), field="format"),
        Column("country", values.country, field="country"),
        Column("city", field="city"),
        Column("venue", field="venue"),
        Column("url", field="online_url"),
        Column(
            "organiser",
            field="organiser",
            attribute="",
            write=lambda event: event.organiser.name_en if event.organiser_id else "",
        ),
        Column("participants", values.integer, field="participants_count"),
        Column("countries", values.integer, field="countries_count"),
        *translated_columns("summary", "summary"),
        *translated_columns("body", "body", read=formatted_cell),
        *publishing_columns(),
    ]
    identity = ("title", "start")
    unchecked_fields = ("organiser", "cover_photo", "country")
    extra_written_fields = ("time_zone", "organiser_id")

    def zone_of(self, row, instance=None):
        zone = row.values.get("timezone")
        if zone is None and instance is not None and instance.time_zone:
            return instance.zone
        return zone or zoneinfo.ZoneInfo(settings.TIME_ZONE)

    def local_date(self, moment, zone):
        if timezone.is_naive(moment):
            return moment.date()
        return moment.astimezone(zone).date()

    def identity_of(self, row):
        start = row.values.get("start")
        if start is None:
            return (name_key(row.values.get("title")), None)
        return (name_key(row.values.get("title")), self.local_date(start, self.zone_of(row)))

    def prepare(self, rows):
        # Only the events the file names are kept, so that memory does not grow with the
        # archive.
        super().prepare(rows)
        named = {self.identity_of(row) for row in rows}
        self.by_identity = {}
        for pk, title, start, zone in Event.objects.values_list(
            "pk", "title_en", "start", "time_zone"
        ).iterator(BATCH_SIZE):
            key = (name_key(title), start.astimezone(zoneinfo.ZoneInfo(zone)).date())
            if key in named:
                self.by_identity[key] = pk
        ids = [pk for row in rows if (pk := self.by_identity.get(self.identity_of(row)))]
        self.stored = in_bulk(Event, ids)
        if any(row.values.get("organiser") for row in rows):
            self.organisations = organisation_names()

    def existing(self, row):
        return self.stored.get(self.by_identity.get(self.identity_of(row)))

    def apply(self, row, instance):
        zone = self.zone_of(row, instance if instance.pk else None)
        for name in ("start", "end"):
            moment = row.values.get(name)
            if moment is not None and timezone.is_naive(moment):
                row.values[name] = timezone.make_aware(moment, zone)
        super().apply(row, instance)
        if "timezone" in row.values or not instance.pk:
            instance.time_zone = zone.key
        if "organiser" in row.values:
            name = row.values["organiser"]
            instance.organiser_id = (
                self.organisations.resolve(row, "organiser", name) if name else None
            )

    def export_queryset(self):
        return Event.objects.select_related("organiser").order_by("start", "pk")

    def example_row(self):
        return {
            "title": "Novruz at the Azerbaijan House in Vienna",
            "title_az": "Vyanada Azərbaycan Evində Novruz",
            "start": "20.03.2026 17:00",
            "end": "20.03.2026 20:00",
            "timezone": "Europe/Vienna",
            "format": "In person",
            "country": "AT",
            "city": "Vienna",
            "organiser": "Azerbaijan House in Vienna",
            "participants": 120,
            "status": "Draft",
        }

    def allowed_values(self):
        return {
            "format": EventFormat.labels,
            **super().allowed_values(),
            "timezone": ["Asia/Baku", "Europe/Vienna", "Europe/Berlin", "America/New_York"],
        }
