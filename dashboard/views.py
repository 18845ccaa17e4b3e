"""The diaspora in numbers: the public page of charts and its tables as CSV."""

from django.http import Http404
from django.shortcuts import render
from django_countries.fields import Country

from awards.models import Conferment
from charts.world import country_order
from events.models import Event
from organisations.models import Organisation, Person
from organisations.views import directory_map

from . import figures

PUBLIC_CHARTS = {
    "events-per-year": lambda: figures.events_per_year(Event.objects.published()),
    "organisations-by-type": lambda: figures.organisations_by_type(
        Organisation.objects.published()
    ),
}


def numbers(request):
    """The diaspora in numbers: a map of the organisations by country, and charts."""
    by_country = figures.organisations_by_country(Organisation.objects.published())
    position = country_order()
    charts = {slug: build() for slug, build in PUBLIC_CHARTS.items()}
    context = {
        "section": "numbers",
        "world_map": directory_map(by_country),
        "countries": sorted(
            ((Country(code), count) for code, count in by_country.items()),
            key=lambda item: (-item[1], position.get(item[0].code, 0)),
        ),
        "organisation_count": sum(by_country.values()),
        "country_count": len(by_country),
        "event_count": sum(charts["events-per-year"].totals),
        "people_count": Person.objects.public().count(),
        "honoured_count": figures.people_honoured(Conferment.objects.public()),
        "charts": charts.values(),
    }
    return render(request, "numbers.html", context)


def numbers_csv(request, chart):
    if chart not in PUBLIC_CHARTS:
        raise Http404
    return PUBLIC_CHARTS[chart]().csv_response()
