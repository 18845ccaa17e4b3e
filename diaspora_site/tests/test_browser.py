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
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def csp_violations(page):
    """What the Content Security Policy blocked on the pages this test opened."""
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return blocked


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
    "numbers": "/en/numbers/",
    "numbers-ru": "/ru/numbers/",
    "photo": "/en/photos/{photo}/",
    "not-found": "/ru/events/no-such-event/",
    "register": "/az/events/diaspora-youth-summer-camp-2027/register/",
}


@pytest.mark.parametrize("name", PAGES)
def test_pages_have_no_serious_accessibility_problems_and_fit_a_phone(demo, visit, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    from media.models import Photo

    path = PAGES[name].format(photo=Photo.objects.published().order_by("pk")[0].pk)
    for width in WIDTHS:
        page = visit(path, width, status=404 if name == "not-found" else 200)
        page.screenshot(path=SCREENSHOTS / f"{name}-{WIDTHS[width]}.png", full_page=True)
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]
    assert serious_accessibility_problems(page) == []


def serious_accessibility_problems(page):
    violations = Axe().run(page).response["violations"]
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in violations
        if violation["impact"] in {"serious", "critical"}
    ]


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


def test_video_host_is_not_contacted_before_a_click(demo, visit, page, csp_violations):
    from events.models import Event
    from media.models import Video

    event = Event.objects.get(slug="videoconference-outcomes-2024")
    event.videos.add(
        Video.objects.create(title_en="Video report", url="https://youtu.be/dQw4w9WgXcQ")
    )
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    # The host's player is answered here, so the test needs no internet.
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(body="<title>player</title>", content_type="text/html"),
    )
    visit(event.get_absolute_url())
    assert [url for url in requested if "youtube" in url] == []

    # Without JavaScript the link leads to the video on its host; with it, the click puts the
    # privacy-enhanced player in its place, and only then is the host contacted.
    link = page.get_by_role("link", name="Play “Video report”")
    assert link.get_attribute("href") == "https://youtu.be/dQw4w9WgXcQ"
    link.click()
    player = page.locator("iframe.video-player")
    assert player.get_attribute("src") == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    )
    assert player.get_attribute("title") == "Video report"
    assert page.url.endswith(event.get_absolute_url())
    assert [url for url in requested if "youtube" in url] == [
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    ]
    assert csp_violations == [], "the policy lets the player's frame in"


def test_gallery_opens_a_larger_view_with_caption_and_credit(demo, visit, page, csp_violations):
    page = visit("/en/events/videoconference-outcomes-2024/", "phone")
    gallery = page.get_by_role("list", name="Photos")
    gallery.get_by_role("link").first.click()
    dialog = page.get_by_role("dialog", name="Larger view")
    assert dialog.is_visible()
    assert "Photo: State Committee for Work with Diaspora" in dialog.inner_text()
    large = dialog.get_by_role("img")
    assert large.get_attribute("alt").startswith("Screen of the videoconference")
    assert "/renditions/" in large.evaluate("image => image.currentSrc")
    page.screenshot(path=SCREENSHOTS / "gallery-larger-view-375.png")

    first_src = large.get_attribute("src")
    page.keyboard.press("ArrowRight")
    assert large.get_attribute("src") != first_src
    dialog.get_by_role("button", name="Previous photo").click()
    assert large.get_attribute("src") == first_src
    assert serious_accessibility_problems(page) == []
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    # Focus goes back to the thumbnail the visitor opened.
    assert page.evaluate("document.activeElement.closest('[data-gallery]') !== null")
    assert csp_violations == []


def test_gallery_links_work_without_javascript(demo, live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/en/events/videoconference-outcomes-2024/")
    page.get_by_role("list", name="Photos").get_by_role("link").first.click()
    page.wait_for_url("**/photos/**")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Videoconference on the outcomes of 2024 — photo 1"
    )
    figure = page.locator("figure.photo-large")
    assert "Photo: State Committee for Work with Diaspora" in figure.inner_text()
    assert figure.get_by_role("img").get_attribute("srcset")
    context.close()


def test_editor_uploads_photos_to_an_event_describes_and_publishes_them(
    demo, live_server, page, django_user_model, tmp_path, csp_violations
):
    from PIL import Image

    from events.models import Event

    # A superuser: the staff groups come from a migration, and pytest-django does not restore
    # them for tests that use Playwright's page (pytest-django#1117); the Editor's
    # permissions to upload are tested in media/tests/test_admin.py.
    django_user_model.objects.create_superuser(
        username="editor", password="correct horse battery staple"
    )
    event = Event.objects.get(slug="videoconference-outcomes-2024")
    files = []
    for number, colour in enumerate(["crimson", "seagreen"], start=1):
        path = tmp_path / f"IMG_000{number}.jpg"
        Image.new("RGB", (1200, 800), colour).save(path)
        files.append(path)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + f"/admin/events/event/{event.pk}/change/")
    page.get_by_role("link", name="Upload photos to the gallery").click()
    page.get_by_label("Photos").set_input_files(files)
    page.get_by_label("Title").fill("Closing")
    page.get_by_role("button", name="Upload").click()
    assert "2 photos uploaded." in page.locator(".messagelist").inner_text()
    page.screenshot(path=SCREENSHOTS / "admin-photos-uploaded-1280.png", full_page=True)

    alt_inputs = page.locator("input[name$='-alt_text_en']")
    assert alt_inputs.count() == 2
    alt_inputs.nth(0).fill("Participants waving goodbye")
    alt_inputs.nth(1).fill("The organisers on stage")
    page.get_by_role("button", name="Save").click()
    page.locator("#action-toggle").check()
    page.locator("select[name='action']").select_option("publish_selected")
    page.get_by_role("button", name="Go").click()
    assert "2 photos published." in page.locator(".messagelist").inner_text()

    page.goto(live_server.url + event.get_absolute_url())
    gallery = page.get_by_role("list", name="Photos")
    assert gallery.get_by_role("img", name="The organisers on stage").is_visible()
    assert gallery.get_by_role("img").count() == 5
    assert csp_violations == [], "the admin runs under the Content Security Policy"


def test_importer_watches_the_progress_bar_of_a_large_import(
    live_server, page, django_user_model, tmp_path, workers, csp_violations
):
    from organisations.models import Person

    django_user_model.objects.create_superuser(
        username="importer", password="correct horse battery staple"
    )
    rows = 30_000
    people = tmp_path / "people.csv"
    people.write_text(
        "full_name,country,city\r\n"
        + "".join(f"Person {number},DE,Berlin\r\n" for number in range(rows))
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("importer")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + "/admin/organisations/person/import/")
    page.get_by_label("Spreadsheet").set_input_files(people)
    page.get_by_role("button", name="Check the file").click()
    # No worker yet: the job waits, and says so.
    assert page.get_by_role("status").inner_text() == "Waiting for a worker"
    workers.db_worker()
    # The page follows the check to the preview by itself.
    page.get_by_role("button", name="Confirm the import").click(timeout=120_000)

    bar = page.get_by_role("progressbar")
    seen = []
    for _ in range(600):
        value = int(bar.get_attribute("value"))
        if 0 < value < 100 and value not in seen:
            seen.append(value)
            if len(seen) == 2:
                page.screenshot(path=SCREENSHOTS / "import-progress-1280.png", full_page=True)
                page.set_viewport_size({"width": 375, "height": 800})
            if len(seen) == 3:
                page.screenshot(path=SCREENSHOTS / "import-progress-375.png", full_page=True)
        if "Imported people.csv" in page.locator("#content-main").inner_text():
            break
        page.wait_for_timeout(200)
    # It moved while we watched, forward only, then the page showed the result.
    assert len(seen) >= 3, seen
    assert seen == sorted(seen)
    assert (
        f"Imported people.csv: {rows:,} new, 0 updated, 0 unchanged."
        in page.locator("#content-main").inner_text()
    )
    assert page.get_by_role("link", name="The import, with Undo").is_visible()
    page.screenshot(path=SCREENSHOTS / "import-done-375.png", full_page=True)
    assert Person.objects.count() == rows
    assert csp_violations == []


def test_coordinator_for_germany_sees_only_germanys_events_organisers_and_imports(
    live_server, page, django_user_model, settings, tmp_path, csp_violations
):
    from demo.services import COORDINATOR_USERNAME

    settings.VAR_DIR = tmp_path
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    password = (tmp_path / "coordinator-password").read_text().strip()
    assert f"user '{COORDINATOR_USERNAME}'  password '{password}'" in output.getvalue()

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(COORDINATOR_USERNAME)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    assert " ".join(page.locator("#staff-scope").text_content().split()) == "Your scope: Germany."

    page.goto(live_server.url + "/admin/events/event/")
    titles = page.locator("#result_list .field-title").all_inner_texts()
    assert titles == ["Novruz at the Azerbaijan House in Berlin"]
    countries = page.locator("#changelist-filter").inner_text()
    assert "Germany" in countries
    assert "France" not in countries
    page.screenshot(path=SCREENSHOTS / "coordinator-events-1280.png", full_page=True)

    page.get_by_role("link", name="Novruz at the Azerbaijan House in Berlin").click()
    page.locator("#select2-id_organiser-container").click()
    page.wait_for_selector(".select2-results__option:not(.loading-results)")
    organisers = page.locator(".select2-results__option").all_inner_texts()
    assert sorted(organisers) == [
        "Azerbaijan House in Berlin",
        "Coordination Council of Azerbaijanis of Germany",
        "Odlar Yurdu Weekend School, Cologne",
    ]
    page.screenshot(path=SCREENSHOTS / "coordinator-event-organisers-1280.png", full_page=True)
    page.keyboard.press("Escape")
    country = page.locator("#id_country option").all_inner_texts()
    assert "France" not in country
    assert "Germany" in country

    page.goto(live_server.url + "/admin/events/event/import/")
    assert page.get_by_role("heading", name="Import events").is_visible()
    assert "Your scope is Germany: a row" in page.locator("#content").inner_text()
    page.screenshot(path=SCREENSHOTS / "coordinator-import-1280.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(live_server.url + "/admin/events/event/")
    page.screenshot(path=SCREENSHOTS / "coordinator-events-375.png", full_page=True)
    assert csp_violations == []


def test_an_editor_writes_previews_and_submits_a_report_that_a_publisher_publishes(
    demo, live_server, page, django_user_model, csp_violations
):
    from django.contrib.auth.models import Group

    from events.models import Event
    from scopes.models import StaffScope

    def log_in(username):
        page.context.clear_cookies()
        page.goto(live_server.url + "/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill("correct horse battery staple")
        page.get_by_role("button", name="Log in").click()

    for role in ("Editor", "Publisher"):
        user = django_user_model.objects.create_user(
            role.lower(), password="correct horse battery staple", is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        StaffScope.objects.create(user=user, everywhere=True)
    event = Event.objects.get(slug="videoconference-outcomes-2024")
    Event.objects.filter(pk=event.pk).update(status="draft")
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in("editor")
    page.goto(live_server.url + f"/admin/events/event/{event.pk}/change/")

    editor = page.locator(".field-body_en").get_by_role("textbox")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type("## Outcomes")
    page.keyboard.press("Enter")
    page.keyboard.type("The meeting agreed on ")
    page.keyboard.press("Control+b")
    page.keyboard.type("three steps")
    page.keyboard.press("Control+b")
    page.keyboard.type(":")
    page.keyboard.press("Enter")
    page.keyboard.type("- a youth forum")
    page.keyboard.press("Enter")
    page.keyboard.type("a weekend school")
    page.locator(".field-body_en").screenshot(path=SCREENSHOTS / "admin-formatted-body-1280.png")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Preview (EN)").click()
    preview = opened.value
    preview.wait_for_load_state()
    assert "Preview, not published" in preview.get_by_role("status").inner_text()
    assert preview.get_by_role("heading", name="Outcomes", level=2).is_visible()
    preview.screenshot(path=SCREENSHOTS / "event-preview-1280.png", full_page=True)
    preview.close()
    event.refresh_from_db()
    assert "Outcomes" not in event.body_en, "a preview saves nothing"

    status = page.get_by_label("Status")
    assert status.locator("option").all_inner_texts() == ["Draft", "In review"]
    status.select_option("review")
    page.get_by_label("Comment").fill("The photos follow tomorrow.")
    page.get_by_role("button", name="Save", exact=True).click()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()
    assert page.goto(live_server.url + event.get_absolute_url()).status == 404

    log_in("publisher")
    waiting = page.locator("#waiting-for-review")
    waiting.get_by_role("link", name="Events").click()
    page.get_by_role("link", name="Videoconference on the outcomes of 2024").first.click()
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Save", exact=True).click()
    event.refresh_from_db()
    assert event.status == "published"
    assert event.body_en == (
        "<h2>Outcomes</h2><p>The meeting agreed on <strong>three steps</strong>:</p>"
        "<ul><li><p>a youth forum</p></li><li><p>a weekend school</p></li></ul>"
    )
    history = [record.history_change_reason for record in event.history.all()[:2]]
    assert history[1] == "The photos follow tomorrow."

    page.goto(live_server.url + event.get_absolute_url())
    report = page.locator(".formatted")
    assert report.get_by_role("heading", name="Outcomes", level=2).is_visible()
    assert report.get_by_role("listitem").all_inner_texts() == [
        "a youth forum",
        "a weekend school",
    ]
    page.screenshot(path=SCREENSHOTS / "event-formatted-body-1280.png", full_page=True)
    assert csp_violations == []


def test_translations_are_tabs_with_the_missing_ones_marked(
    live_server, page, django_user_model, csp_violations
):
    from organisations.tests.factories import OrganisationFactory

    organisation = OrganisationFactory(
        name_en="Azerbaijan House in Vienna", name_az="", name_ru=""
    )
    django_user_model.objects.create_superuser(username="editor", password="correct horse 42")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse 42")
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + f"/admin/organisations/organisation/{organisation.pk}/change/")

    names = page.get_by_role("tablist", name="Name")
    assert names.get_by_role("tab").all_inner_texts() == [
        "AZ · missing",
        "EN",
        "RU · missing",
    ]
    assert page.locator("#id_name_en").is_visible()
    assert not page.locator("#id_name_az").is_visible()
    names.get_by_role("tab", name="AZ").click()
    page.locator("#id_name_az").fill("Vyanada Azərbaycan Evi")
    assert names.get_by_role("tab").all_inner_texts() == ["AZ", "EN", "RU · missing"]
    assert not page.locator("#id_name_en").is_visible()
    page.screenshot(path=SCREENSHOTS / "admin-translation-tabs-1280.png")
    page.get_by_role("button", name="Save", exact=True).click()
    organisation.refresh_from_db()
    assert organisation.name_az == "Vyanada Azərbaycan Evi"
    assert csp_violations == []


def test_keyboard_reaches_every_country_of_the_map_in_the_order_of_their_names(
    demo, visit, csp_violations
):
    page = visit("/en/numbers/")
    on_map = page.locator("a.country").evaluate_all(
        "links => links.map(link => link.dataset.country)"
    )
    assert on_map == ["CA", "FR", "GE", "DE", "KZ", "GB", "US"]  # the demo's 7 countries
    reached = []
    for _ in range(100):
        page.keyboard.press("Tab")
        code = page.evaluate("document.activeElement.dataset?.country ?? null")
        if code:
            reached.append(code)
        elif reached:
            break
    assert reached == on_map
    germany = page.get_by_role("link", name="Germany: 3 organisations")
    assert germany.is_visible()
    germany.focus()
    # The focused country is drawn in another colour, not only outlined by the browser.
    fill = germany.locator("path").evaluate("path => getComputedStyle(path).fill")
    assert fill == "rgb(179, 32, 46)"
    germany.press("Enter")
    page.wait_for_url("**/en/organisations/?country=DE")
    assert page.get_by_role("heading", name="Germany", exact=True).is_visible()
    assert csp_violations == []


def test_the_staff_dashboard_fits_a_phone_and_has_no_serious_accessibility_problems(
    demo, live_server, page, django_user_model, csp_violations
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # A superuser: see test_editor_uploads_photos_to_an_event_describes_and_publishes_them.
    django_user_model.objects.create_superuser(
        username="staff", password="correct horse battery staple"
    )
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    for width in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + "/admin/")
        page.screenshot(path=SCREENSHOTS / f"admin-dashboard-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.get_by_role("heading", name="Events per month by format").is_visible()
    assert page.get_by_role("region", name="Events per month by format: the numbers").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download “Conferments per year” (CSV)").click()
    assert download.value.suggested_filename == "conferments-per-year.csv"
    assert serious_accessibility_problems(page) == []
    assert csp_violations == []


def test_a_partners_page_on_another_origin_shows_the_embedded_events(
    demo, live_server, page, tmp_path, csp_violations
):
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    embed = f"{live_server.url}/embed/events/?lang=en&limit=5"
    (tmp_path / "partner.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Our association'
        f'</title></head><body><h1>Our association</h1><iframe src="{embed}" '
        'title="Upcoming events" width="100%" height="400"></iframe></body></html>'
    )
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    partner = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=partner.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{partner.server_port}/partner.html")
        framed = page.frame_locator("iframe")
        link = framed.get_by_role("link", name="Diaspora youth summer camp")
        link.wait_for()
        assert link.get_attribute("href").endswith("/en/events/diaspora-youth-summer-camp-2027/")
        page.screenshot(path=SCREENSHOTS / "embed-on-a-partners-page-1280.png", full_page=True)
    finally:
        partner.shutdown()
    assert csp_violations == []
    # The embed alone: nothing serious for axe, and it fits a phone.
    page.set_viewport_size({"width": 375, "height": 600})
    page.goto(embed)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert serious_accessibility_problems(page) == []


def test_the_api_documentation_renders_within_the_csp(demo, visit, page, csp_violations):
    visit("/api/docs/")
    operations = page.locator(".swagger-ui .opblock")
    operations.first.wait_for()
    assert operations.count() == 10
    assert page.get_by_text("/api/v1/events/{slug}/").first.is_visible()
    page.screenshot(path=SCREENSHOTS / "api-docs-1280.png", full_page=True)
    assert csp_violations == []


def test_a_coordinator_submits_a_nomination_and_the_commission_recommends_it(
    demo, live_server, page, django_user_model, csp_violations
):
    from nominations.models import Nomination, State

    for username in ("berlin", "secretariat", "commission-chair"):
        user = django_user_model.objects.get(username=username)
        user.set_password("correct horse battery staple")
        user.save()
    nomination = Nomination.objects.get(state=State.DRAFT)
    change = f"{live_server.url}/admin/nominations/nomination/{nomination.pk}/change/"
    page.set_viewport_size({"width": 1280, "height": 900})

    def log_in(username):
        page.context.clear_cookies()
        page.goto(live_server.url + "/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill("correct horse battery staple")
        page.get_by_role("button", name="Log in").click()
        page.goto(change)

    def step(label, reason=""):
        if reason:
            page.locator("#move-reason").fill(reason)
        page.get_by_role("button", name=label, exact=True).click()
        page.wait_for_load_state()

    log_in("berlin")
    # The round's questions first: a nomination is not submitted without their answers.
    step("Submit")
    assert "Answer the round's questions" in page.content()
    page.get_by_label("What has the nominee done for the community?").fill("The weekend school.")
    page.get_by_label("Who supports the nomination?").fill("The coordination council.")
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()
    step("Submit")
    assert "State: Submitted" in page.content()
    log_in("secretariat")
    step("Start screening")
    step("Send to the commission")
    log_in("commission-chair")
    page.get_by_label("Service to the community").fill("9")
    page.get_by_label("Reach beyond the community").fill("7")
    page.get_by_role("button", name="Keep my scores").click()
    page.wait_for_load_state()
    assert "8.33" in page.content()  # (9×2 + 7) / 3, in the table of scores
    step("Recommend", reason="Twenty years for the weekend school.")
    page.screenshot(path=str(SCREENSHOTS / "nomination-recommended-desktop.png"), full_page=True)
    assert "State: Recommended" in page.content()
    nomination.refresh_from_db()
    assert nomination.state == State.RECOMMENDED
    assert [change.target for change in nomination.changes.all()] == [
        State.SUBMITTED,
        State.SCREENING,
        State.COMMISSION,
        State.RECOMMENDED,
    ]
    assert csp_violations == []
