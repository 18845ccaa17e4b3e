from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from health_check.views import HealthCheckView

from dashboard import views as dashboard_views
from events import views as events_views
from media import views as media_views
from publishing.cache import cached_page

from . import views
from .sitemaps import SITEMAPS

READINESS_CHECKS = [
    "health_check.checks.Database",
    ("health_check.checks.Cache", {"alias": "content_version"}),
    ("health_check.checks.Cache", {"alias": "jobs"}),
    "jobs.health.QueueCheck",
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # An index of sections, each paginated under the protocol's 50,000 URLs (`?p=2`).
    path(
        "sitemap.xml",
        cached_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cached_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", views.robots, name="robots"),
    # For the front server and monitors: the process answers; and it can serve (the
    # database, the shared caches, workers taking the jobs), 500 naming what fails.
    path("healthz", HealthCheckView.as_view(checks=[]), name="healthz"),
    path("readyz", HealthCheckView.as_view(checks=READINESS_CHECKS), name="readyz"),
    path("api/", include("api.urls")),
    path("embed/events/", events_views.embed, name="events-embed"),
    path(f"{settings.MEDIA_URL.lstrip('/')}<path:name>", media_views.upload, name="upload"),
]

# The public site, under /az/, /en/ and /ru/; "/" leads to the visitor's language.
urlpatterns += i18n_patterns(
    path("", cached_page(views.home), name="home"),
    path("events/", include("events.urls")),
    path("events/", include("registrations.urls")),
    path("", include("organisations.urls")),
    path("awards/", include("awards.urls")),
    path("", include("media.urls")),
    path("search/", cached_page(views.site_search), name="search"),
    path("numbers/", cached_page(dashboard_views.numbers), name="numbers"),
    path("numbers/<slug:chart>.csv", cached_page(dashboard_views.numbers_csv), name="numbers-csv"),
)

# Error pages in the site's layout and the visitor's language (404 and 403 are Django's own
# views, which render 404.html and 403.html with the request).
handler400 = views.bad_request
handler500 = views.server_error

if settings.BENCH_FLOOR:
    # The benchmark's floor: the least a page can cost, through the same middleware and,
    # like every public page, under a language prefix.
    urlpatterns += i18n_patterns(path("bench/floor/", views.bench_floor, name="bench_floor"))
