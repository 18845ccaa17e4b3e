"""Attendance reports as video platforms export them, read into one attendee a person.

Zoom's participants report (a summary row, then a row per join), Zoom's webinar attendee
report (sections of hosts, panelists, attendees and others) and Microsoft Teams' attendance
report (tab-separated, often UTF-16, in numbered sections, with durations such as
`1h 5m 3s` and dates in the order of the exporter's locale) are told apart by their headers.
The same person's rows (rejoins, a second device) add up to one attendee.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _

from imports.readers import FileProblem, read_data
from search.transliteration import sound_of

# Each column a report may have, by the headers the platforms give it.
_COLUMNS = {
    "name": {"name", "full name", "user name", "participant"},
    "original name": {"name (original name)", "user name (original name)"},
    "email": {"email", "user email", "e-mail", "participant id (upn)"},
    "join": {"join time", "first join", "first join time"},
    "leave": {"leave time", "last leave", "last leave time"},
    "minutes": {"duration (minutes)", "time in session (minutes)"},
    "duration": {"in-meeting duration", "duration", "attendance duration"},
    "attended": {"attended"},
    "role": {"role"},
    "country": {"country/region name"},
}
_COLUMN_OF = {header: name for name, headers in _COLUMNS.items() for header in headers}
# The summary's fields that give the meeting's start, and its host's address.
_STARTS = {"start time", "actual start time", "meeting start time"}
_HOST_EMAILS = {"user email"}  # in Zoom's summary row: the host's
# Sections whose people ran the meeting rather than attended it.
_STAFF_SECTIONS = re.compile(r"host|panelist", re.IGNORECASE)
_STAFF_ROLES = {"organizer", "organiser", "co-organizer"}
_ACTIVITY_SECTIONS = re.compile(r"activit", re.IGNORECASE)
_PARTICIPANT_SECTIONS = re.compile(r"participants", re.IGNORECASE)


class ReportProblem(FileProblem):
    """The report cannot be read; the message says why and what to do."""


class AmbiguousDates(ReportProblem):
    """The report's dates read both day-first and month-first; staff must say which."""


@dataclass
class Attendee:
    number: int  # the first row of this person in the file
    names: list  # as the report writes them: the shown name, then the original one
    email: str = ""
    seconds: int = 0
    joined: datetime.datetime | None = None
    left: datetime.datetime | None = None
    country: str = ""
    attended: bool = True  # a webinar lists its registrants who never came as "No"
    rows: list = field(default_factory=list)

    @property
    def name(self):
        return self.names[-1]

    @property
    def minutes(self):
        return round(self.seconds / 60)

    def name_keys(self):
        return {name_key(name) for name in self.names if name_key(name)}


@dataclass
class Report:
    started: datetime.datetime | None
    attendees: list


def name_key(name):
    """A name as it sounds, whatever its script and word order ("Goliath, David" is
    "David Goliath"; "Məmmədova Leyla" is "Leyla Mamedova")."""
    return " ".join(sorted(sound_of(word) for word in re.split(r"[\s,]+", name) if word))


def read_report(uploaded, file_name, *, day_first=None, event_days=()):
    """The attendees of the report in `uploaded` (a binary file object).

    `day_first` is the order of the report's numeric dates when staff have said it; else it
    is found from a date only one order can read (15/01), or from `event_days` (the dates
    the event falls on); when neither tells, `AmbiguousDates` asks.
    """
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if extension not in {"csv", "txt", "xlsx"}:
        raise ReportProblem(
            _(
                "An attendance report is the CSV or XLSX file that Zoom or Microsoft Teams "
                "exports; “%(name)s” is not one."
            )
            % {"name": file_name}
        )
    data = read_data(uploaded)
    rows = _xlsx_rows(data) if extension == "xlsx" else _csv_rows(data)
    tables, summary = _tables(rows)
    if not tables:
        raise ReportProblem(
            _(
                "No list of participants was found in the file. Upload the participants "
                "report as Zoom exports it (with the columns “Name (Original Name)”, “Join "
                "Time”, “Leave Time”, “Duration (Minutes)”) or the attendance report that "
                "Microsoft Teams downloads (with its section “2. Participants”)."
            )
        )
    dates = _Dates(day_first)
    for table in tables:
        for _number, record in table.records:
            dates.note(record.get("join"))
            dates.note(record.get("leave"))
    dates.note(summary.get("start"))
    dates.decide(event_days)
    host = summary.get("host", "").casefold()
    attendees = []
    for table in tables:
        for number, record in table.records:
            if host and record.get("email", "").casefold() == host:
                continue
            if record.get("role", "").casefold() in _STAFF_ROLES:
                continue
            attendees.append(_attendee(number, record, dates))
    return Report(started=dates.read(summary.get("start")), attendees=_merged(attendees))


@dataclass
class _Table:
    section: str
    columns: dict  # column name -> index
    records: list = field(default_factory=list)  # (row number, {column: text})


def _csv_rows(data):
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("utf-16")
            except UnicodeDecodeError as error:
                raise ReportProblem(
                    _("The file's encoding is neither UTF-8 nor UTF-16; export it again.")
                ) from error
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(number, [cell.strip() for cell in row]) for number, row in enumerate(reader, 1)]
    except csv.Error as error:
        raise ReportProblem(
            _("The file is not a readable CSV file: %(error)s") % {"error": error}
        ) from error


def _xlsx_rows(data):
    from imports.readers import read_xlsx_rows

    return [
        (number, ["" if cell is None else cell for cell in row])
        for number, row in read_xlsx_rows(data)
    ]


def _header_columns(cells):
    """{column: index} when `cells` are a header of participants, else None."""
    columns = {}
    for index, cell in enumerate(cells):
        column = _COLUMN_OF.get(" ".join(str(cell).casefold().split()))
        if column and column not in columns:
            columns[column] = index
    has_name = "name" in columns or "original name" in columns
    if has_name and ({"join", "minutes", "duration", "attended"} & set(columns)):
        return columns
    return None


def _tables(rows):
    """The report's tables of participants, and its summary: the meeting's start and host."""
    tables, summary, section, table, meta_header = [], {}, "", None, None
    for number, cells in rows:
        filled = [cell for cell in cells if str(cell).strip()]
        if not filled:
            table = None
            continue
        keys = [" ".join(str(cell).casefold().split()) for cell in cells]
        if meta_header is not None:  # the row under Zoom's summary header
            for key, cell in zip(meta_header, cells, strict=False):
                if key in _STARTS:
                    summary.setdefault("start", cell)
                elif key in _HOST_EMAILS and cell:
                    summary.setdefault("host", str(cell))
            meta_header = None
            continue
        columns = _header_columns(cells)
        if columns is not None:
            table = _Table(section, columns)
            tables.append(table)
            continue
        if len(filled) == 1:  # a section's title: "2. Participants", "Attendee Details,"
            section, table = str(filled[0]), None
        elif table is not None:
            table.records.append(
                (number, {name: _cell(cells, index) for name, index in table.columns.items()})
            )
        elif any(key in _STARTS for key in keys) and len(filled) > 2:
            meta_header = keys  # Zoom's summary: a header row, its values below
        elif len(filled) == 2 and keys[0] in _STARTS:  # Teams' summary: a field a row
            summary.setdefault("start", cells[1])
    staff = [table for table in tables if _STAFF_SECTIONS.search(table.section)]
    tables = [table for table in tables if table not in staff]
    if any(_PARTICIPANT_SECTIONS.search(table.section) for table in tables):
        # Teams sums each person's joins in "Participants"; "In-Meeting Activities" lists
        # the same joins one by one, and would count them twice.
        tables = [table for table in tables if not _ACTIVITY_SECTIONS.search(table.section)]
    return tables, summary


def _cell(cells, index):
    if index >= len(cells):
        return ""
    cell = cells[index]
    return cell.strip() if isinstance(cell, str) else cell


def _attendee(number, record, dates):
    names = []
    original = str(record.get("original name") or "")
    if original:
        # "Shown name (Original Name)": the name chosen in the meeting, then the account's.
        match = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", original)
        names = [match.group(1), match.group(2)] if match else [original]
    name = str(record.get("name") or "")
    if name and name not in names:
        names.insert(0, name)
    names = [name for name in names if name] or [_("(no name)")]
    joined, left = dates.read(record.get("join")), dates.read(record.get("leave"))
    if record.get("minutes") not in (None, "", "--"):
        seconds = _number(record["minutes"], number) * 60
    elif record.get("duration"):
        seconds = _duration(record["duration"], number)
    elif joined and left:
        seconds = (left - joined).total_seconds()
    else:
        seconds = 0
    attended = str(record.get("attended") or "yes").casefold() not in {"no", "false", "0"}
    email = str(record.get("email") or "")
    return Attendee(
        number=number,
        names=names,
        email=email if "@" in email else "",
        seconds=round(seconds) if attended else 0,
        joined=joined if attended else None,
        left=left if attended else None,
        country=str(record.get("country") or "").strip("-"),
        attended=attended,
        rows=[number],
    )


def _number(cell, number):
    try:
        return float(str(cell).replace(",", "."))
    except ValueError:
        raise ReportProblem(
            _("Row %(row)d: “%(value)s” is not a number of minutes.")
            % {"row": number, "value": cell}
        ) from None


# Units of a duration as Teams writes them in English, Azerbaijani, Russian and Polish.
_UNITS = [
    (re.compile(r"^(h|hr|hrs|hour|hours|saat|ч|час|часа|часов|godz)\.?$"), 3600),
    (re.compile(r"^(m|min|mins|minute|minutes|dəq|dq|мин|минута|минуты|минут)\.?$"), 60),
    (re.compile(r"^(s|sec|secs|second|seconds|san|сек|с|секунда|секунды|секунд|sek)\.?$"), 1),
]


def _duration(text, number):
    """Seconds in `1h 5m 3s` (in the exporter's language) or `01:05:03`."""
    text = str(text).strip()
    clock = re.fullmatch(r"(\d+):(\d{1,2})(?::(\d{1,2}))?", text)
    if clock:
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        return hours * 3600 + minutes * 60 + seconds
    total, rest = 0, text
    for amount, unit in re.findall(r"(\d+)\s*([^\d\s]+)", text):
        factor = next((size for pattern, size in _UNITS if pattern.match(unit.casefold())), None)
        if factor is None:
            break
        total += int(amount) * factor
        rest = rest.replace(amount, "", 1).replace(unit, "", 1)
    else:
        if not rest.strip():
            return total
    raise ReportProblem(
        _("Row %(row)d: “%(value)s” is not a duration such as 1h 5m 3s.")
        % {"row": number, "value": text}
    )


_NUMERIC_DATE = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\.?,?\s*(.*)")
_ISO_DATE = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})[T,]?\s*(.*)")
_NAMED_DATE = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4}),?\s*(.*)")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([AaPp])\.?\s*[Mm]\.?)?")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


class _Dates:
    """The report's date-times, read in the order of day and month the file is in."""

    def __init__(self, day_first):
        self.day_first = day_first
        self.votes = set()  # True: a date that only reads day-first; False: month-first
        self.example = ""

    def note(self, cell):
        match = _NUMERIC_DATE.fullmatch(str(cell or "").strip())
        if not match:
            return
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            self.votes.add(True)
        elif second > 12 >= first:
            self.votes.add(False)
        elif first != second and not self.example:
            self.example = str(cell)

    def decide(self, event_days):
        if self.day_first is not None:
            return
        if len(self.votes) == 1:
            self.day_first = self.votes.pop()
            return
        if self.votes:
            raise ReportProblem(
                _("The file's dates are written in two orders of day and month; export it again.")
            )
        if not self.example:
            return  # no date reads two ways
        readings = {
            order: self.read(self.example, day_first=order).date() for order in (True, False)
        }
        fitting = [order for order, day in readings.items() if day in set(event_days)]
        if len(fitting) == 1:
            self.day_first = fitting[0]
            return
        raise AmbiguousDates(
            _(
                "The file's dates, such as “%(example)s”, can be read as %(day_first)s or as "
                "%(month_first)s, and neither is the event's day. Choose the order of day and "
                "month in which the file was exported and upload it again."
            )
            % {
                "example": self.example,
                "day_first": formats.date_format(readings[True], "DATE_FORMAT"),
                "month_first": formats.date_format(readings[False], "DATE_FORMAT"),
            }
        )

    def read(self, cell, *, day_first=None):
        """The naive date-time in `cell` (as the exporter's clock showed it), or None."""
        if isinstance(cell, datetime.datetime):
            return cell
        text = str(cell or "").strip()
        if not text or text == "--":
            return None
        day_first = self.day_first if day_first is None else day_first
        if match := _ISO_DATE.fullmatch(text):
            year, month, day, rest = match.groups()
        elif match := _NUMERIC_DATE.fullmatch(text):
            first, second, year, rest = match.groups()
            day, month = (first, second) if day_first is not False else (second, first)
            if day_first is None and int(month) > 12:
                day, month = month, day
        elif match := _NAMED_DATE.fullmatch(text):
            month_name, day, year, rest = match.groups()
            month = _MONTHS.get(month_name.casefold())
            if month is None:
                raise ReportProblem(_("“%(value)s” is not a date.") % {"value": text})
        else:
            raise ReportProblem(_("“%(value)s” is not a date.") % {"value": text})
        year = int(year) + (2000 if len(str(year)) == 2 else 0)
        hour = minute = second = 0
        if rest:
            time = _TIME.fullmatch(rest.strip())
            if not time:
                raise ReportProblem(_("“%(value)s” is not a date and time.") % {"value": text})
            hour, minute = int(time.group(1)), int(time.group(2))
            second = int(time.group(3) or 0)
            if time.group(4):
                hour = hour % 12 + (12 if time.group(4).casefold() == "p" else 0)
        try:
            return datetime.datetime(year, int(month), int(day), hour, minute, second)
        except ValueError:
            raise ReportProblem(_("“%(value)s” is not a date.") % {"value": text}) from None


def _merged(attendees):
    """One attendee a person: rows with one address, or (without one) one name, add up."""
    people, by_email, by_name = [], {}, {}
    for attendee in attendees:
        email = attendee.email.casefold()
        same = by_email.get(email) if email else None
        if same is None and not email:
            same = next((by_name[key] for key in attendee.name_keys() if key in by_name), None)
        if same is None:
            people.append(attendee)
            same = attendee
        else:
            add_rows(same, attendee)
        if email:
            by_email.setdefault(email, same)
        for key in attendee.name_keys():
            by_name.setdefault(key, same)
    return people


def add_rows(person, join):
    """`join`, a further row of `person`, added to them."""
    person.rows.extend(join.rows)
    person.attended = person.attended or join.attended
    person.seconds += join.seconds
    if join.joined and (person.joined is None or join.joined < person.joined):
        person.joined = join.joined
    if join.left and (person.left is None or join.left > person.left):
        person.left = join.left
    if person.joined and person.left:
        # Two devices at once are one person's time once.
        person.seconds = min(person.seconds, round((person.left - person.joined).total_seconds()))
    person.email = person.email or join.email
    person.country = person.country or join.country
    for name in join.names:
        if name not in person.names:
            person.names.insert(len(person.names) - 1, name)
