"""Uploaded videos and PDF documents: recognised by content, within limits, downloaded."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.tests.factories import MedalFactory
from events.tests.factories import EventFactory
from media.models import Document, Video
from media.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def stored_files(media_root):
    return sorted(path.name for path in media_root.rglob("*") if path.is_file())


def upload_video(client, name, content):
    return client.post(
        reverse("admin:media_video_add"),
        {"title_en": "Report", "file": SimpleUploadedFile(name, content)},
    )


def upload_document(client, name, content):
    return client.post(
        reverse("admin:media_document_add"),
        {"title_en": "Statute of the medal", "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(("name", "content"), [("report.mp4", MP4), ("report.webm", WEBM)])
def test_mp4_and_webm_videos_are_stored_under_generated_names(admin_client, name, content):
    assert upload_video(admin_client, name, content).status_code == 302
    stored = Video.objects.get().file.name
    assert stored.startswith("videos/")
    assert stored.endswith(name.rsplit(".", 1)[1])
    assert "report" not in stored


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("report.mp4", b"<?php system($_GET['c']); ?>", "This is not an MP4 or WebM video."),
        ("report.mp4", b"", "The submitted file is empty."),
        ("report.mp4", MP4.replace(b"ftypmp42", b"ftypqt  "), "This is not an MP4 or WebM"),
    ],
)
def test_bad_videos_are_refused_and_nothing_is_stored(
    admin_client, uploads_in_tmp_path, name, content, error
):
    response = upload_video(admin_client, name, content)
    assert response.status_code == 200
    messages = response.context["adminform"].form.errors["file"]
    assert any(message.startswith(error) for message in messages), messages
    assert (Video.objects.count(), stored_files(uploads_in_tmp_path)) == (0, [])


def test_a_video_over_the_size_limit_is_refused(admin_client, settings, uploads_in_tmp_path):
    settings.MEDIA_MAX_VIDEO_SIZE = 50
    response = upload_video(admin_client, "report.mp4", MP4)
    assert response.context["adminform"].form.errors["file"] == [
        "The file is larger than 50\xa0bytes."
    ]
    assert stored_files(uploads_in_tmp_path) == []


def test_a_pdf_is_stored_under_a_generated_name(admin_client):
    assert upload_document(admin_client, "../../statute.pdf", PDF).status_code == 302
    stored = Document.objects.get().file.name
    assert stored.startswith("documents/")
    assert stored.endswith(".pdf")
    assert "statute" not in stored


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"<html><script>alert(1)</script></html>", "This is not a PDF document."),
        (
            PDF.replace(b"/Type /Catalog", b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
            "The PDF contains scripts",
        ),
        (
            PDF.replace(b"/Type /Catalog", b"/OpenAction << /S /Launch /F (calc.exe) >>"),
            "The PDF contains scripts",
        ),
    ],
)
def test_bad_documents_are_refused_and_nothing_is_stored(
    admin_client, uploads_in_tmp_path, content, error
):
    response = upload_document(admin_client, "statute.pdf", content)
    messages = response.context["adminform"].form.errors["file"]
    assert messages[0].startswith(error), messages
    assert (Document.objects.count(), stored_files(uploads_in_tmp_path)) == (0, [])


def test_a_document_over_the_size_limit_is_refused(admin_client, settings):
    settings.MEDIA_MAX_DOCUMENT_SIZE = 20
    response = upload_document(admin_client, "statute.pdf", PDF)
    assert response.context["adminform"].form.errors["file"] == [
        "The file is larger than 20\xa0bytes."
    ]


def test_a_published_records_document_is_served_as_a_download(client):
    document = DocumentFactory(title_en="Statute of the medal «For Merits»")
    medal = MedalFactory(status="published", statute_document=document)
    url = reverse("media:document", args=[document.pk])
    assert url in client.get(medal.get_absolute_url()).content.decode()

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="statute-of-the-medal-for-merits.pdf"'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_an_events_documents_are_listed_with_download_links(client):
    document = DocumentFactory(title_en="Programme")
    event = EventFactory(status="published")
    event.documents.add(document)
    page = client.get(event.get_absolute_url()).content.decode()
    assert f'<a href="{reverse("media:document", args=[document.pk])}" download>Programme</a>' in (
        page
    )


def test_a_document_no_published_record_uses_is_not_public(client):
    document = DocumentFactory()
    MedalFactory(status="draft", statute_document=document)
    assert client.get(reverse("media:document", args=[document.pk])).status_code == 404
    assert client.get(reverse("media:document", args=[999999])).status_code == 404
