"""The public site in a real browser (Debian's chromium): reading, switching language,
searching, on a phone and a desktop, with axe-core looking for accessibility problems.

Screenshots of every page at 375 and 1280 pixels are written to var/screenshots/.
"""

import io
import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command

# Playwright's synchronous API runs an event loop in this thread; the ORM calls the tests
# make between browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = settings.BASE_DIR / "var" / "screenshots"
WIDTHS = {"phone": 375, "desktop": 1280}

pytestmark = [
    # Restores what the migrations stored (the staff groups) after each browser test empties
    # the database, for the tests that run after them.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def demo(settings, tmp_path):
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def visit(page, live_server):
    def go(path, width="desktop", status=200):
        page.set_viewport_size({"width": WIDTHS[width], "height": 900})
        response = page.goto(live_server.url + path)
        assert response.status == status, path
        return page

    return go


PAGES = {
    "home": "/en/",
    "events": "/en/events/",
    "event": "/en/events/videoconference-outcomes-2024/",
    "organisations": "/az/organisations/",
    "organisation": "/en/organisations/coordination-council-germany/",
    "person": "/ru/people/leyla-hasanova/",
    "awards": "/en/awards/",
    "medal": "/en/awards/for-merits-in-diaspora-activity/",
    "search": "/en/search/?q=hasanova",
    "not-found": "/ru/events/no-such-event/",
}


@pytest.mark.parametrize("name", PAGES)
def test_pages_have_no_serious_accessibility_problems_and_fit_a_phone(demo, visit, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page = visit(PAGES[name], width, status=404 if name == "not-found" else 200)
        page.screenshot(path=SCREENSHOTS / f"{name}-{WIDTHS[width]}.png", full_page=True)
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]
    violations = Axe().run(page).response["violations"]
    serious = [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in violations
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == []


def test_reader_goes_from_the_list_to_an_event_and_switches_language(demo, visit):
    page = visit("/en/events/", "phone")
    page.get_by_role("link", name="Videoconference on the outcomes of 2024").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Videoconference on the outcomes of 2024"
    )
    page.get_by_role("link", name="Azərbaycanca").click()
    assert page.url.endswith("/az/events/videoconference-outcomes-2024/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "2024-cü ilin yekunlarına həsr olunmuş videokonfrans"
    )


def test_reader_searches_with_azerbaijani_letters_in_capitals(demo, visit):
    page = visit("/en/")
    page.get_by_role("searchbox").first.fill("HƏSƏNOVA")
    page.get_by_role("searchbox").first.press("Enter")
    page.wait_for_url("**/search/**")
    page.get_by_role("link", name="Leyla Həsənova").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Leyla Həsənova"


def test_video_host_is_not_contacted_before_a_click(demo, visit, page):
    from events.models import Event
    from media.models import Video

    event = Event.objects.get(slug="videoconference-outcomes-2024")
    event.videos.add(
        Video.objects.create(title_en="Video report", url="https://youtu.be/dQw4w9WgXcQ")
    )
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    visit(event.get_absolute_url())
    assert [url for url in requested if "youtube" in url] == []
    # The link leads to the privacy-enhanced player, which loads only once clicked.
    assert page.get_by_role("link", name="Play “Video report”").get_attribute("href") == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    )
