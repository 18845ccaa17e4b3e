"""The pages that span every app: home, search, robots.txt."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from awards.models import Conferment
from dashboard import figures
from events.models import Event, EventPhoto
from organisations.models import Organisation, Person
from organisations.views import directory_map
from publishing.models import visible
from search import SEARCH_MAX_LENGTH, exact_first


def home(request):
    published_events = Event.objects.published().select_related("cover_photo")
    by_country = figures.organisations_by_country(Organisation.objects.published())
    context = {
        "upcoming": published_events.upcoming()[:3],
        "latest": published_events.filter(start__lt=timezone.now()).order_by("-start")[:3],
        "organisation_count": sum(by_country.values()),
        "country_count": len(by_country),
        "world_map": directory_map(by_country),
        "honoured_count": figures.people_honoured(Conferment.objects.public()),
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
            "events": exact_first(
                Event.objects.published(), query, "-start", limit=SEARCH_RESULTS
            ),
            "organisations": exact_first(
                Organisation.objects.published(), query, "name_en", limit=SEARCH_RESULTS
            ),
            "people": exact_first(
                Person.objects.public(), query, "full_name", limit=SEARCH_RESULTS
            ),
        }
    return render(request, "search.html", {"query": query, "results": results})


def robots(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /embed/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def bad_request(request, exception):
    """400 in the site's layout and the visitor's language (Django's own has neither)."""
    return render(request, "400.html", status=400)


def csrf_failure(request, reason=""):
    """A form sent without its token: 403 in the site's layout, saying what to do."""
    return render(request, "403.html", {"csrf_failure": True}, status=403)


def server_error(request):
    """500 in the site's layout and the visitor's language. The page reads nothing from the
    database, which may be what failed."""
    return render(request, "500.html", status=500)


def bench_floor(request):
    """One line of text and nothing else; mounted only when DIASPORA_BENCH_FLOOR is on."""
    return HttpResponse("floor", content_type="text/plain")
