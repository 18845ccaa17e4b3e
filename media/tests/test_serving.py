"""Uploads reach the public only while something published shows them; staff reach all;
behind nginx, Django says yes and nginx sends the file."""

import pytest
from django.urls import reverse

from events.tests.factories import EventFactory
from publishing.models import Status

from .factories import DocumentFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def fetch(client, name):
    return client.get(reverse("upload", args=[name]))


def test_a_published_photo_is_sent_and_a_draft_only_to_staff(
    client, admin_client, uploads_in_tmp_path
):
    published = PhotoFactory()
    draft = PhotoFactory(status=Status.DRAFT)
    answer = fetch(client, published.image.name)
    assert (answer.status_code, answer["Content-Type"]) == (200, "image/jpeg")
    assert b"".join(answer.streaming_content) == published.image.open("rb").read()
    assert answer["Cache-Control"] == "public, max-age=3600"
    assert fetch(client, draft.image.name).status_code == 404
    staff = fetch(admin_client, draft.image.name)
    assert (staff.status_code, staff["Cache-Control"]) == (200, "private, no-store")


def test_a_document_is_public_only_while_a_published_record_lists_it(client, uploads_in_tmp_path):
    document = DocumentFactory()
    event = EventFactory(status=Status.DRAFT)
    event.documents.add(document)
    assert fetch(client, document.file.name).status_code == 404
    event.status = Status.PUBLISHED
    event.save()
    assert fetch(client, document.file.name).status_code == 200


def test_names_outside_the_uploads_and_unknown_files_are_not_found(client, admin_client):
    for name in ("../db.sqlite3", "photos/../../secret-key", "photos/2026/01/none.jpg"):
        assert fetch(admin_client, name).status_code == 404, name
    assert fetch(client, "renditions/00/none.webp").status_code == 404


def test_behind_nginx_the_file_is_handed_over_by_an_internal_redirect(
    client, settings, uploads_in_tmp_path
):
    settings.MEDIA_ACCEL_REDIRECT = "/_uploads/"
    photo = PhotoFactory()
    answer = fetch(client, photo.image.name)
    assert answer.status_code == 200
    assert answer["X-Accel-Redirect"] == f"/_uploads/{photo.image.name}"
    assert (answer.content, answer["Content-Type"]) == (b"", "image/jpeg")
    assert fetch(client, PhotoFactory(status=Status.DRAFT).image.name).status_code == 404
