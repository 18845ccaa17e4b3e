"""`manage.py bench --scale` (`make bench-scale`): what visitors and editors wait for, at
scale 1 and at scale 10, so that what grows with the archive shows.

Each scale is generated into an emptied database, then every page is asked over HTTP from
gunicorn, interleaved with the floor view; `growth` is a page's median at the larger scale over
its median at the smaller, `ratio_to_floor` its median at the larger scale over the floor's.
Public pages are measured as visitors get them (from the page cache) and rendered (the cache
off): the first visitor after every change waits for the rendering.
"""

import datetime
import json
import statistics
import time
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from events.models import Event
from organisations.models import Organisation, Person

from . import http
from .data import counts_at, generate
from .run import machine, queries_of, versions


@dataclass(frozen=True)
class ScaleSizes:
    small: float
    large: float
    rounds: int  # interleaved requests of each page at each scale


FULL = ScaleSizes(1, 10, 15)
SMOKE = ScaleSizes(0.002, 0.02, 1)

GOALS = {
    "public": {"growth": 1.3, "ratio_to_floor": 2.0},
    "admin": {"growth": 1.5, "ratio_to_floor": 20.0},
}
SITEMAP_LIMITS = {"urls": 50_000, "bytes": 50 * 1024 * 1024}

ADMIN_PAGES = {
    "dashboard": "/admin/",
    "people": "/admin/organisations/person/",
    "events": "/admin/events/event/",
    "organisations": "/admin/organisations/organisation/",
    "conferments": "/admin/awards/conferment/",
    "photos": "/admin/media/photo/",
    "events_filtered": "/admin/events/event/?country__exact=DE&format__exact=in_person",
    "people_search": "/admin/organisations/person/?q=hasanov",
    "events_search": "/admin/events/event/?q=novruz",
    "organisations_search": "/admin/organisations/organisation/?q=vatan",
    "conferments_search": "/admin/awards/conferment/?q=hasanov",
}
FLOOR = {"floor": "/en/bench/floor/"}


def public_pages():
    """The public pages, with a record of each kind that both scales hold."""
    event = Event.objects.published().filter(cover_photo__isnull=False).order_by("pk").first()
    organisation = Organisation.objects.published().order_by("pk").first()
    person = Person.objects.public().order_by("pk").first()
    return {
        "home": "/en/",
        "events": "/en/events/",
        "events_filtered": "/en/events/?country=DE&format=in_person",
        "event": event.get_absolute_url(),
        "organisations": "/en/organisations/",
        "organisations_filtered": "/en/organisations/?country=DE",
        "organisation": organisation.get_absolute_url(),
        "person": person.get_absolute_url(),
        "awards": "/en/awards/",
        "search": "/en/search/?q=hasanov",
        "calendar": "/en/events/calendar.ics",
        "numbers": "/en/numbers/",
        "sitemap_index": "/sitemap.xml",
        "sitemap_events": "/sitemap-events.xml",
    }


def run(sizes, *, out_dir, log):
    out_dir.mkdir(parents=True, exist_ok=True)
    measured = {}
    for scale in (sizes.small, sizes.large):
        measured[scale] = measure_scale(scale, sizes, log)
    results = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(),
        "database": connection.vendor,
        "sizes": asdict(sizes),
        "goals": GOALS,
        "data": {str(scale): figures["data"] for scale, figures in measured.items()},
        "sitemap": measured[sizes.large]["sitemap"],
    }
    small, large = measured[sizes.small], measured[sizes.large]
    for area in ("public", "public_rendered", "admin"):
        results[area] = {
            name: {
                "growth": round(large[area][name] / small[area][name], 2),
                "ratio_to_floor": round(large[area][name] / large["floor"][area], 2),
                "median_ms": {
                    str(sizes.small): round(small[area][name] * 1000, 2),
                    str(sizes.large): round(large[area][name] * 1000, 2),
                },
                "queries": {
                    str(sizes.small): small["queries"][area][name],
                    str(sizes.large): large["queries"][area][name],
                },
                "path": large["paths"][area][name],
            }
            for name in large[area]
        }
    (out_dir / "scale.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return results


def measure_scale(scale, sizes, log):
    if Person.objects.exists() or Event.objects.exists():
        call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    generate(scale, log=lambda line: log(f"  {line}"))
    seconds = time.perf_counter() - started
    log(f"data at scale {scale:g}: {seconds:.1f} s")
    if connection.vendor == "postgresql":
        # What autovacuum does after a load like this one, at once rather than in a while.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    pages = public_pages()
    user = get_user_model().objects.create_superuser("bench", password=None)
    client = Client(HTTP_HOST="127.0.0.1")
    queries = {"public": {name: queries_of(client, path) for name, path in pages.items()}}
    with override_settings(PUBLIC_PAGE_CACHE_SECONDS=0):
        queries["public_rendered"] = {
            name: queries_of(client, path) for name, path in pages.items()
        }
    sitemap = sitemap_sizes(client)
    client.force_login(user)
    queries["admin"] = {name: queries_of(client, path) for name, path in ADMIN_PAGES.items()}
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}

    medians, floors = {}, {}
    log(f"  scale {scale:g}: public pages and the admin")
    with http.Server() as server:
        http.sequential(server.port, pages | ADMIN_PAGES | FLOOR, requests=2, headers=cookie)
        medians["public"], floors["public"] = _medians(server.port, pages, sizes, None)
        medians["admin"], floors["admin"] = _medians(server.port, ADMIN_PAGES, sizes, cookie)
    log(f"  scale {scale:g}: public pages rendered")
    with http.Server(env={"PUBLIC_PAGE_CACHE_SECONDS": "0"}) as server:
        http.sequential(server.port, pages | FLOOR, requests=1)
        medians["public_rendered"], floors["public_rendered"] = _medians(
            server.port, pages, sizes, None
        )
    return {
        **medians,
        "floor": floors,
        "queries": queries,
        "paths": {"public": pages, "public_rendered": pages, "admin": ADMIN_PAGES},
        "sitemap": sitemap,
        "data": {"counts": counts_at(scale), "seconds": round(seconds, 1)},
    }


def _medians(port, pages, sizes, headers):
    times = http.sequential(port, pages | FLOOR, requests=sizes.rounds, headers=headers)
    medians = {name: statistics.median(values) for name, values in times.items()}
    return {name: medians[name] for name in pages}, medians["floor"]


def sitemap_sizes(client):
    """The addresses and bytes of the index and of each section's first page (the others
    hold as many or fewer), against the protocol's limits."""
    files = {"/sitemap.xml": client.get("/sitemap.xml").content}
    for address in _locations(files["/sitemap.xml"]):
        if "?p=" not in address:
            path = urlsplit(address).path
            files[path] = client.get(path).content
    return {
        "files_checked": len(files),
        "sections_pages": len(_locations(files["/sitemap.xml"])),
        "largest_urls": max(len(_locations(content)) for content in files.values()),
        "largest_bytes": max(len(content) for content in files.values()),
        "limits": SITEMAP_LIMITS,
        "within_limits": all(
            len(_locations(content)) <= SITEMAP_LIMITS["urls"]
            and len(content) <= SITEMAP_LIMITS["bytes"]
            for content in files.values()
        ),
    }


def _locations(content):
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    return [element.text for element in ElementTree.fromstring(content).iter(f"{namespace}loc")]


def table(results):
    lines = []
    small, large = results["sizes"]["small"], results["sizes"]["large"]
    for scale, data in results["data"].items():
        lines.append(
            f"Scale {scale} ({results['database']}), generated in {data['seconds']} s: "
            + ", ".join(f"{count:,} {name}" for name, count in data["counts"].items())
        )
    for area in ("public", "public_rendered", "admin"):
        goal = GOALS["admin" if area == "admin" else "public"]
        lines.append("")
        lines.append(
            f"{area.replace('_', ' ').capitalize()} (goals: growth ≤ {goal['growth']:g}, "
            f"× floor ≤ {goal['ratio_to_floor']:g} at scale {large:g})"
        )
        lines.append(
            f"{'page':<24}{f'ms @{small:g}':>10}{f'ms @{large:g}':>10}{'growth':>8}"
            f"{'× floor':>9}{'queries':>10}  met"
        )
        for name, figure in results[area].items():
            met = (
                figure["growth"] <= goal["growth"]
                and figure["ratio_to_floor"] <= goal["ratio_to_floor"]
            )
            queries = figure["queries"]
            lines.append(
                f"{name:<24}{figure['median_ms'][str(small)]:>10.1f}"
                f"{figure['median_ms'][str(large)]:>10.1f}{figure['growth']:>8.2f}"
                f"{figure['ratio_to_floor']:>9.2f}"
                f"{f'{queries[str(small)]}/{queries[str(large)]}':>10}  {'yes' if met else 'NO'}"
            )
    sitemap = results["sitemap"]
    lines.append("")
    lines.append(
        f"Sitemap at scale {large:g}: an index of {sitemap['sections_pages']} pages, the largest "
        f"{sitemap['largest_urls']:,} addresses and {sitemap['largest_bytes']:,} bytes "
        f"(limits 50,000 and 50 MB): {'within' if sitemap['within_limits'] else 'OVER'}"
    )
    return "\n".join(lines)
