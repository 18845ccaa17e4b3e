"""The datasets of registrations: the attendance report of a video platform, imported into
an event's registrations, and the registrations exported."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event
from imports import values
from imports.datasets import Column, Dataset, in_bulk, register
from imports.readers import FileProblem, Table

from . import attendance
from .models import Attendance, Registration, Status


def _country_if_known(cell):
    """A platform's country name, or blank when it is none this site knows: a guest's
    country is a help, not a reason to refuse the report."""
    try:
        return values.country(cell)
    except values.ValueProblem:
        return ""


@register
class AttendanceDataset(Dataset):
    """An attendance report (Zoom, Microsoft Teams) imported into one event's registrations.

    The report is read into one row a person (`attendance.read_report`), each matched to the
    event's registrations by e-mail, then by name in any script; a person matched to none is
    kept as a guest. Confirmed participants the report does not name are marked absent,
    unless staff excused them. The rows carry the registration's id, so that the engine
    updates it; a guest is a new registration. Undo restores every registration as it was.
    """

    name = "attendance"
    model = Registration
    columns = [
        Column("name", required=True, field="name"),
        Column("email", field="email"),
        Column("country", _country_if_known, field="country"),
        Column("joined", values.date_time, field="joined_at"),
        Column("minutes", values.integer, field="attended_minutes"),
        Column("attendance", lambda cell: values.choice(cell, Attendance), field="attendance"),
    ]
    identity = ("id",)
    unchecked_fields = ("event", "country", "consent", "organisation")
    extra_written_fields = ("event_id", "status")
    # What the report says of a registration; its person's own details stay as they are.
    recorded = {"joined": "joined_at", "minutes": "attended_minutes", "attendance": "attendance"}

    option_names = ("event", "day_first")

    def __init__(self, event=None, day_first=None):
        super().__init__()
        self.event_id = event
        self.day_first = day_first
        self.matched_ids = set()  # the event's registrations the report's rows are
        self.registrations = {}  # id -> those registrations, loaded for a pass
        self.ambiguous = {}  # row number -> the registrations its name could be

    def read_table(self, uploaded, file_name):
        event = (
            Event.objects.filter(pk=self.event_id).first()
            if str(self.event_id or "").isdigit()
            else None
        )
        if event is None:
            raise FileProblem(_("Choose the event whose attendance the report gives."))
        self.event = event
        report = attendance.read_report(
            uploaded, file_name, day_first=self.day_first, event_days=_days_of(event)
        )
        if report.started and report.started.date() not in _days_of(event, margin=1):
            raise FileProblem(
                _(
                    "The report is of a meeting on %(report)s, and the event “%(event)s” is on "
                    "%(event_day)s: is it the report of another event?"
                )
                % {
                    "report": _day(report.started.date()),
                    "event": event,
                    "event_day": _day(event.local_start.date()),
                }
            )
        table = Table(
            ["id", "name", "email", "country", "joined", "minutes", "attendance"], [], []
        )
        stored = list(
            # Erased registrations (no name left) are no one to match.
            Registration.objects.filter(event=event).exclude(name="").order_by("created")
        )
        index = _Index(stored)
        people = []  # (attendee, the registration they are, or None for a guest)
        matched = {}  # registration id -> the attendee found for it
        for attendee in report.attendees:
            registration, candidates = index.match(attendee, matched)
            if candidates:
                self.ambiguous[attendee.number] = candidates
            if registration is None:
                if attendee.attended:  # else registered on the platform only, never came
                    people.append((attendee, None))
            elif registration.pk in matched:  # a second name or address of one person
                attendance.add_rows(matched[registration.pk], attendee)
            else:
                matched[registration.pk] = attendee
                self.matched_ids.add(registration.pk)
                people.append((attendee, registration))
        for attendee, registration in people:
            table.rows.append(
                [
                    registration.pk if registration else None,
                    attendee.name,
                    attendee.email,
                    attendee.country,
                    _aware(attendee.joined, event),
                    attendee.minutes if attendee.attended else None,
                    Attendance.ATTENDED if attendee.attended else Attendance.ABSENT,
                ]
            )
            table.numbers.append(attendee.number)
        for registration in stored:
            if (
                registration.status == Status.CONFIRMED
                and registration.pk not in matched
                and registration.attendance not in (Attendance.EXCUSED, Attendance.ATTENDED)
            ):
                self.matched_ids.add(registration.pk)
                table.rows.append(
                    [
                        registration.pk,
                        registration.name,
                        registration.email,
                        registration.country.code,
                        None,
                        None,
                        Attendance.ABSENT,
                    ]
                )
                table.numbers.append(0)  # not in the file: the preview shows a dash
        return table

    def read_row(self, row):
        super().read_row(row)
        candidates = self.ambiguous.get(row.number)
        if candidates:
            row.error(
                "name",
                _(
                    "the name is that of %(count)d registrations (%(names)s) and the address "
                    "of none; write the address of the one it is in the row's e-mail cell"
                )
                % {
                    "count": len(candidates),
                    "names": ", ".join(
                        f"{registration.name} <{registration.email}>"
                        for registration in candidates
                    ),
                },
            )

    def prepare(self, rows):
        # Loaded afresh for each pass: the checking pass changes the instances it is given.
        ids = {row.values["id"] for row in rows if row.values.get("id")}
        self.registrations = in_bulk(Registration, ids & self.matched_ids)

    def existing(self, row):
        return self.registrations.get(row.values.get("id"))

    def apply(self, row, instance):
        if instance.pk is None:  # a guest
            super().apply(row, instance)
            instance.event = self.event
            instance.status = Status.GUEST
            return
        for column, field_name in self.recorded.items():
            if column in row.values:
                setattr(instance, field_name, row.values[column])

    def identity_column(self, row):
        return "name"

    def is_within(self, row, instance, scope):
        return self.event.is_within(scope)

    def scoped_fields(self):
        # A guest's country is where they joined from, not what staff gave the record.
        return []


def _days_of(event, *, margin=0):
    """The local days `event` falls on, `margin` days either side."""
    first = event.local_start.date()
    last = event.local_end.date() if event.end else first
    first -= datetime.timedelta(days=margin)
    days = (last - first).days + margin + 1
    return {first + datetime.timedelta(days=offset) for offset in range(max(days, 1))}


def _day(day):
    from django.utils import formats

    return formats.date_format(day, "DATE_FORMAT")


def _aware(moment, event):
    """A time of the report, which the platform writes in the exporter's local time: read in
    the event's time zone."""
    if moment is None:
        return None
    if timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment, event.zone)


class _Index:
    """An event's registrations by address and by the sound of their name."""

    def __init__(self, registrations):
        self.by_email, self.by_name, same_address = {}, {}, {}
        for registration in registrations:
            if registration.email:
                same_address.setdefault(registration.email.casefold(), []).append(registration)
            else:  # a guest a report named without an address
                self.by_name.setdefault(attendance.name_key(registration.name), []).append(
                    registration
                )
        for email, found in same_address.items():
            # The active one, else the latest: an address may have cancelled and come back.
            chosen = max(found, key=lambda r: (r.status != Status.CANCELLED, r.created))
            self.by_email[email] = chosen
            self.by_name.setdefault(attendance.name_key(chosen.name), []).append(chosen)

    def match(self, attendee, matched):
        """(the registration `attendee` is, or None; the registrations their name could be
        when it is more than one)."""
        registration = self.by_email.get(attendee.email.casefold()) if attendee.email else None
        if registration is not None:
            return registration, []
        candidates = {
            registration.pk: registration
            for key in attendee.name_keys()
            for registration in self.by_name.get(key, [])
            # Another address under a name already found is another person of that name.
            if registration.pk not in matched or not attendee.email
        }
        if len(candidates) == 1:
            return next(iter(candidates.values())), []
        return None, list(candidates.values())


def _organisation(registration):
    if registration.organisation_id:
        return registration.organisation.name_en
    return registration.organisation_name


@register
class RegistrationDataset(Dataset):
    """The registrations, exported with their event, status and attendance; they come in
    through the public form and attendance reports, never as a spreadsheet."""

    name = "registrations"
    model = Registration
    importable = False
    columns = [
        Column("event", field="event", attribute="", write=lambda r: r.event.title_en),
        Column(
            "event_start",
            field="event",
            attribute="",
            write=lambda r: r.event.local_iso(r.event.start),
        ),
        Column("status", field="status"),
        Column("name", field="name"),
        Column("email", field="email"),
        Column("country", field="country"),
        Column("city", field="city"),
        Column("organisation", field="organisation", attribute="", write=_organisation),
        Column("language", field="language"),
        Column("registered", field="created"),
        Column("confirmed", field="confirmed_at"),
        Column("attendance", field="attendance"),
        Column("checked_in", field="checked_in_at"),
        Column("joined", field="joined_at"),
        Column("minutes", field="attended_minutes"),
    ]
    contact_columns = ("email",)

    def export_queryset(self):
        return Registration.objects.select_related("event", "organisation").order_by(
            "event__start", "event", "created", "pk"
        )
