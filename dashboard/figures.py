"""The figures of the numbers page and the staff dashboard, each counted by the database in
one query, whatever the number of records: the public page passes published records, the
dashboard the records in the user's scope."""

import datetime

from django.db.models import Count
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from charts.bars import Chart
from events.models import EventFormat
from organisations.models import OrganisationType


def organisations_by_country(organisations):
    """{country code: count} of `organisations`."""
    rows = organisations.order_by().values("country").annotate(total=Count("pk"))
    return {row["country"]: row["total"] for row in rows if row["country"]}


def organisations_by_type(organisations):
    rows = organisations.order_by().values("type").annotate(total=Count("pk"))
    counts = {row["type"]: row["total"] for row in rows}
    rows = sorted(
        ((str(label), (counts.get(value, 0),)) for value, label in OrganisationType.choices),
        key=lambda row: (-row[1][0], row[0]),
    )
    return Chart(
        slug="organisations-by-type",
        title=_("Organisations by type"),
        label_heading=_("Type"),
        series=(_("Organisations"),),
        rows=tuple(rows),
        horizontal=True,
    )


def people_honoured(conferments):
    """How many people `conferments` honour (a person honoured twice counts once)."""
    return conferments.values("person_id").distinct().count()


def _per_year(queryset, field):
    """{year: count}, every year from the first to the last, none left out."""
    counts = dict(
        queryset.order_by()
        .annotate(year=ExtractYear(field))
        .values("year")
        .annotate(total=Count("pk"))
        .values_list("year", "total")
    )
    if not counts:
        return {}
    return {year: counts.get(year, 0) for year in range(min(counts), max(counts) + 1)}


def events_per_year(events):
    return Chart(
        slug="events-per-year",
        title=_("Events per year"),
        label_heading=_("Year"),
        series=(_("Events"),),
        rows=tuple((str(year), (count,)) for year, count in _per_year(events, "start").items()),
    )


def conferments_per_year(conferments):
    return Chart(
        slug="conferments-per-year",
        title=_("Conferments per year"),
        label_heading=_("Year"),
        series=(_("Conferments"),),
        rows=tuple(
            (str(year), (count,)) for year, count in _per_year(conferments, "date").items()
        ),
    )


MONTHS_SHOWN = 24


def last_months(today, count=MONTHS_SHOWN):
    """The first days of the `count` months up to and including `today`'s, oldest first."""
    year, month = today.year, today.month
    firsts = []
    for _step in range(count):
        firsts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def events_per_month_by_format(events, today=None):
    """Events of the last two years, month by month, in person, online and hybrid."""
    months = last_months(today or timezone.localdate())
    first = months[0]
    after = (months[-1] + datetime.timedelta(days=32)).replace(day=1)
    start_of = timezone.make_aware(datetime.datetime.combine(first, datetime.time()))
    end_of = timezone.make_aware(datetime.datetime.combine(after, datetime.time()))
    counts = {}
    rows = (
        events.order_by()
        .filter(start__gte=start_of, start__lt=end_of)
        .annotate(month=TruncMonth("start"))
        .values("month", "format")
        .annotate(total=Count("pk"))
    )
    for row in rows:
        month = row["month"]  # in the active time zone, as TruncMonth gives it
        counts[(month.year, month.month, row["format"])] = row["total"]
    formats = [value for value, _label in EventFormat.choices]
    return Chart(
        slug="events-per-month",
        title=_("Events per month by format"),
        label_heading=_("Month"),
        series=tuple(str(label) for _value, label in EventFormat.choices),
        rows=tuple(
            (
                date_format(month, "N Y"),
                tuple(counts.get((month.year, month.month, value), 0) for value in formats),
            )
            for month in months
        ),
    )
