"""The photo library in the admin: thumbnails, uploads into a gallery, careful deletion."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from events.models import Event, EventPhoto
from events.tests.factories import EventFactory
from media.models import Photo
from media.tests.factories import PhotoFactory
from organisations.tests.factories import PublicPersonFactory

pytestmark = pytest.mark.django_db

PHOTOS = reverse("admin:media_photo_changelist")


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "teal").save(buffer, format="JPEG")
    return buffer.getvalue()


def admin_thumbnails(html):
    return re.findall(r'<img src="/uploads/renditions/[^"]+" srcset="[^"]+"', html)


def test_the_photo_list_shows_thumbnails_with_flat_queries_from_1_to_50(admin_client):
    PhotoFactory()
    admin_client.get(PHOTOS)  # makes the thumbnail, once
    with CaptureQueriesContext(connection) as one_photo:
        assert len(admin_thumbnails(admin_client.get(PHOTOS).content.decode())) == 1
    queries_for_one_photo = len(one_photo.captured_queries)

    PhotoFactory.create_batch(49)
    admin_client.get(PHOTOS)
    with CaptureQueriesContext(connection) as fifty_photos:
        html = admin_client.get(PHOTOS).content.decode()
    assert len(admin_thumbnails(html)) == 50
    assert len(fifty_photos.captured_queries) == queries_for_one_photo


def test_gallery_inline_shows_thumbnails(admin_client):
    event = EventFactory()
    for position in range(3):
        EventPhoto.objects.create(event=event, photo=PhotoFactory(), position=position)
    html = admin_client.get(reverse("admin:events_event_change", args=[event.pk])).content
    assert len(admin_thumbnails(html.decode())) == 3


def test_photos_uploaded_on_an_event_join_the_end_of_its_gallery(admin_client):
    event = EventFactory()
    existing = EventPhoto.objects.create(event=event, photo=PhotoFactory(), position=4)
    page = admin_client.get(reverse("admin:events_event_change", args=[event.pk]))
    upload_url = reverse("admin:events_event_upload_photos", args=[event.pk])
    assert upload_url in page.content.decode()

    response = admin_client.post(
        upload_url,
        {
            "files": [SimpleUploadedFile(f"IMG_{n}.jpg", jpeg()) for n in range(3)],
            "title": "Novruz in Berlin",
            "credit": "Photo: Azerbaijan House",
            "date_taken": "20.03.2025",
        },
    )
    new = Photo.objects.exclude(pk=existing.photo_id).order_by("pk")
    assert response.status_code == 302
    assert response["Location"] == f"{PHOTOS}?id__in={','.join(str(p.pk) for p in new)}"
    assert list(event.gallery.values_list("photo__title_en", "position")) == [
        (existing.photo.title_en, 4),
        ("Novruz in Berlin 1", 5),
        ("Novruz in Berlin 2", 6),
        ("Novruz in Berlin 3", 7),
    ]
    assert set(new.values_list("credit", "status")) == {("Photo: Azerbaijan House", "draft")}
    # The list the upload leads to shows only the new photos, ready for their alt text.
    listed = admin_client.get(response["Location"]).context["cl"].result_list
    assert sorted(photo.pk for photo in listed) == [photo.pk for photo in new]


def test_a_viewer_cannot_upload_to_a_gallery(client, viewer):
    event = EventFactory()
    client.force_login(viewer)
    response = client.post(
        reverse("admin:events_event_upload_photos", args=[event.pk]),
        {"files": [SimpleUploadedFile("a.jpg", jpeg())], "title": "A", "credit": "B"},
    )
    assert response.status_code == 403
    assert not Photo.objects.exists()


def test_uploading_to_a_record_that_does_not_exist_answers_not_found(admin_client):
    # As a record outside a coordinator's scope does: the two cannot be told apart.
    response = admin_client.get(reverse("admin:events_event_upload_photos", args=[999999]))
    assert response.status_code == 404


def test_deleting_a_photo_names_the_published_records_that_show_it(admin_client):
    photo = PhotoFactory(title_en="Opening")
    published = EventFactory(status="published", title_en="Novruz in Berlin")
    EventPhoto.objects.create(event=published, photo=photo)
    covered = EventFactory(status="published", title_en="Youth camp", cover_photo=photo)
    draft = EventFactory(status="draft", title_en="Plans for 2026")
    EventPhoto.objects.create(event=draft, photo=photo)
    portrait = PublicPersonFactory(status="published", full_name="Leyla Həsənova", photo=photo)

    url = reverse("admin:media_photo_delete", args=[photo.pk])
    page = admin_client.get(url).content.decode()
    warning = page[page.index('class="published-uses"') :]
    warning = warning[: warning.index("</div>")]
    assert "3 published records" in warning
    assert "Event “Novruz in Berlin” — gallery: Opening" in warning
    assert "Event “Youth camp” — cover photo: Opening" in warning
    assert "Person “Leyla Həsənova” — portrait: Opening" in warning
    assert "Plans for 2026" not in warning

    admin_client.post(url, {"post": "yes"})
    assert not Photo.objects.filter(pk=photo.pk).exists()
    assert not EventPhoto.objects.exists()
    assert Event.objects.get(pk=covered.pk).cover_photo is None
    portrait.refresh_from_db()
    assert portrait.photo is None


def test_deleting_selected_photos_names_the_published_records_too(admin_client):
    used, unused = PhotoFactory(title_en="Opening"), PhotoFactory(title_en="Spare")
    EventPhoto.objects.create(
        event=EventFactory(status="published", title_en="Novruz in Berlin"), photo=used
    )
    selected = {"action": "delete_selected", "_selected_action": [used.pk, unused.pk]}
    page = admin_client.post(PHOTOS, selected).content.decode()
    assert "Event “Novruz in Berlin” — gallery: Opening" in page
    admin_client.post(PHOTOS, {**selected, "post": "yes"})
    assert not Photo.objects.exists()


def test_a_photo_nobody_uses_is_deleted_without_a_warning(admin_client):
    photo = PhotoFactory()
    page = admin_client.get(reverse("admin:media_photo_delete", args=[photo.pk]))
    assert "published-uses" not in page.content.decode()
