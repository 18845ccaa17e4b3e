"""The pages that span every app: home, search, robots.txt."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from awards.models import Conferment
from events.models import Event, EventPhoto
from organisations.models import Organisation, Person
from publishing.models import visible
from search import SEARCH_MAX_LENGTH, search


def home(request):
    published_events = Event.objects.published().select_related("cover_photo")
    organisations = Organisation.objects.published()
    context = {
        "upcoming": published_events.upcoming()[:3],
        "latest": published_events.filter(start__lt=timezone.now()).order_by("-start")[:3],
        "organisation_count": organisations.count(),
        "country_count": organisations.values("country").distinct().count(),
        "honoured_count": Conferment.objects.published().values("person_id").distinct().count(),
        "photos": EventPhoto.objects.public()
        .filter(visible("event__"))
        .select_related("event")
        .order_by("-photo__created", "-photo_id")[:6],  # the index on (created, id)
    }
    return render(request, "home.html", context)


SEARCH_RESULTS = 20


def site_search(request):
    """Events, organisations and public people, by any spelling of their names."""
    query = request.GET.get("q", "")[:SEARCH_MAX_LENGTH].strip()
    results = {}
    if query:
        results = {
            "events": search(Event.objects.published(), query).order_by("-start")[:SEARCH_RESULTS],
            "organisations": search(Organisation.objects.published(), query).order_by("name_en")[
                :SEARCH_RESULTS
            ],
            "people": search(Person.objects.public(), query).order_by("full_name")[
                :SEARCH_RESULTS
            ],
        }
    return render(request, "search.html", {"query": query, "results": results})


def robots(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def bench_floor(request):
    """One line of text and nothing else; mounted only when DIASPORA_BENCH_FLOOR is on."""
    return HttpResponse("floor", content_type="text/plain")
