"""Uploads, renditions and deletions go through Django's storage API only, so that an
S3-compatible store works by settings alone: shown here with a storage that keeps nothing on
disk, Django's in-memory one."""

import io

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.functional import empty
from PIL import Image
from sorl.thumbnail import default as sorl_default
from sorl.thumbnail.images import get_or_create_storage

from events.models import EventPhoto
from events.tests.factories import EventFactory
from media.models import Photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def memory_storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    forget_storages()
    yield storages["default"]
    forget_storages()


def forget_storages():
    # sorl-thumbnail keeps the storages it has seen for the life of the process, which is
    # right for a deployment, whose storages never change; a test changes them.
    sorl_default.storage._wrapped = empty
    get_or_create_storage.cache_clear()


def every_file(storage, folder=""):
    folders, files = storage.listdir(folder)
    found = [f"{folder}{name}" for name in files]
    for name in folders:
        found += every_file(storage, f"{folder}{name}/")
    return found


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), "olive").save(buffer, format="JPEG")
    return buffer.getvalue()


def test_photos_live_and_leave_through_the_storage_api(
    admin_client, client, memory_storage, uploads_in_tmp_path, django_capture_on_commit_callbacks
):
    event = EventFactory(status="published")
    response = admin_client.post(
        reverse("admin:events_event_upload_photos", args=[event.pk]),
        {"files": [SimpleUploadedFile("a.jpg", jpeg())], "title": "Novruz", "credit": "Photo"},
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    Photo.objects.filter(pk=photo.pk).update(alt_text_en="Dancers", status="published")

    page = client.get(event.get_absolute_url()).content.decode()
    assert "/uploads/renditions/" in page
    files = every_file(memory_storage)
    assert photo.image.name in files
    assert any(name.startswith("renditions/") for name in files)
    assert not uploads_in_tmp_path.exists(), "nothing was written to the disk"

    with django_capture_on_commit_callbacks(execute=True):
        EventPhoto.objects.all().delete()
        Photo.objects.get().delete()
    assert every_file(memory_storage) == []
