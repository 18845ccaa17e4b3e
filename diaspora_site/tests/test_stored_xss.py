"""A script typed into any text field stays text: on public pages, in the admin's lists and
history, in the import preview and its error report."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.models import MedalPhoto
from awards.tests.factories import ConfermentFactory, MedalFactory
from events.models import EventPhoto
from events.tests.factories import EventFactory, PressReportFactory, ProgrammeItemFactory
from media.tests.factories import DocumentFactory, PhotoFactory, VideoFactory
from organisations.tests.factories import OrganisationFactory, PublicPersonFactory

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def inert(content):
    return "<script>alert" not in content and "<img src=x onerror" not in content


@pytest.fixture
def poisoned():
    """Records with the payload in every text field the public and staff see."""
    text = {"caption_en": PAYLOAD, "alt_text_en": PAYLOAD, "credit": PAYLOAD}
    photo = PhotoFactory(title_en=PAYLOAD, **text)
    organisation = OrganisationFactory(
        status="published", name_en=PAYLOAD, city=PAYLOAD, description_en=PAYLOAD
    )
    person = PublicPersonFactory(
        status="published",
        full_name=PAYLOAD + " Leyla",
        full_name_latin=PAYLOAD,
        position=PAYLOAD,
        city=PAYLOAD,
        biography_en=PAYLOAD,
        photo=photo,
    )
    event = EventFactory(
        status="published",
        title_en=PAYLOAD,
        summary_en=PAYLOAD,
        body_en=PAYLOAD,
        venue=PAYLOAD,
        city=PAYLOAD,
        organiser=organisation,
        cover_photo=photo,
    )
    event.videos.add(VideoFactory(title_en=PAYLOAD))
    event.documents.add(DocumentFactory(title_en=PAYLOAD))
    EventPhoto.objects.create(event=event, photo=photo)
    ProgrammeItemFactory(event=event, title_en=PAYLOAD, speaker_role_en=PAYLOAD, person=person)
    PressReportFactory(event=event, headline=PAYLOAD, agency=PAYLOAD)
    medal = MedalFactory(status="published", name_en=PAYLOAD, description_en=PAYLOAD)
    MedalPhoto.objects.create(medal=medal, photo=photo)
    ConfermentFactory(
        status="published", medal=medal, person=person, event=event, citation_en=PAYLOAD
    )
    return {
        "event": event,
        "organisation": organisation,
        "person": person,
        "medal": medal,
        "photo": photo,
    }


def test_public_pages_show_the_payload_as_text(client, poisoned):
    paths = [
        "/en/",
        "/en/events/",
        poisoned["event"].get_absolute_url(),
        "/en/organisations/",
        poisoned["organisation"].get_absolute_url(),
        poisoned["person"].get_absolute_url(),
        "/en/awards/",
        poisoned["medal"].get_absolute_url(),
        poisoned["photo"].get_absolute_url(),
        "/en/search/?q=leyla",
        "/en/events/feed/",
    ]
    for path in paths:
        response = client.get(path)
        content = response.content.decode()
        assert response.status_code == 200, path
        assert inert(content), path
    event_page = client.get(poisoned["event"].get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in event_page, "shown, as text"
    # The structured data is JSON inside a script element: escaped there too.
    assert "</script><img" not in event_page


ADMIN_LISTS = [
    "events_event",
    "events_programmeitem",
    "events_pressreport",
    "organisations_organisation",
    "organisations_person",
    "awards_medal",
    "awards_conferment",
    "media_photo",
    "media_video",
    "media_document",
]


@pytest.mark.parametrize("changelist", ADMIN_LISTS)
def test_admin_lists_change_forms_and_history_show_the_payload_as_text(
    admin_client, poisoned, changelist
):
    page = admin_client.get(reverse(f"admin:{changelist}_changelist"))
    assert page.status_code == 200
    assert inert(page.content.decode())
    record = page.context["cl"].result_list[0]
    for view in ("change", "history", "delete"):
        response = admin_client.get(reverse(f"admin:{changelist}_{view}", args=[record.pk]))
        assert response.status_code == 200, view
        assert inert(response.content.decode()), view


def test_the_import_preview_and_error_report_show_the_payload_as_text(admin_client):
    rows = f'name,type,country,founded\r\n"{PAYLOAD}",community,DE,"{PAYLOAD}"\r\n'
    preview = admin_client.post(
        reverse("admin:organisations_organisation_import"),
        {"file": SimpleUploadedFile("o.csv", rows.encode())},
        follow=True,
    )
    assert preview.status_code == 200
    assert inert(preview.content.decode())
    assert "&lt;script&gt;" in preview.content.decode()
    report = admin_client.get(preview.context["errors_url"])
    assert report["Content-Type"].startswith("text/csv")
    assert report["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    ("changelist", "field"),
    [
        ("organisations_organisation", "website"),
        ("events_event", "online_url"),
        ("events_pressreport", "url"),
        ("media_video", "url"),
    ],
)
def test_javascript_links_are_refused_in_every_link_field(
    admin_client, submit_admin_form, poisoned, changelist, field
):
    page = admin_client.get(reverse(f"admin:{changelist}_changelist"))
    record = page.context["cl"].result_list[0]
    url = reverse(f"admin:{changelist}_change", args=[record.pk])
    # Through `transform`: a field called "url" cannot be passed by name.
    response = submit_admin_form(
        admin_client,
        url,
        transform=lambda name, value: "javascript:alert(1)" if name == field else value,
    )
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
