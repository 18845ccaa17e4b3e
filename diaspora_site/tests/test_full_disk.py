"""A disk that fills while staff upload: a clear message, and nothing stored half (no file
under a record's name, no row naming a missing file). The disk is a real one: a small tmpfs
mounted for the test, filled to its last few blocks."""

import io
import os
import random
import subprocess

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from diaspora_site.storage import NotStored, WholeFileStorage
from imports.models import PendingUpload
from media.models import Document, Photo

pytestmark = pytest.mark.django_db

FULL = "The file was not stored: the disk that keeps the uploads is full."


@pytest.fixture
def full_disk(tmp_path):
    """A 256 KiB file system with 8 KiB left."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root (as CI runs)")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode:
        pytest.skip(f"tmpfs could not be mounted here: {mounted.stderr.decode().strip()}")
    try:
        (disk / "filler").write_bytes(b"\0" * (248 * 1024))
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def files_in(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def noise_jpeg():
    """A photo that stays large once re-encoded: noise does not compress."""
    generator = random.Random(7)
    image = Image.frombytes("RGB", (300, 300), generator.randbytes(300 * 300 * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=95)
    return buffer.getvalue()


def test_a_file_the_disk_cannot_take_leaves_nothing_and_says_so(full_disk):
    storage = WholeFileStorage(location=full_disk)
    with pytest.raises(NotStored, match=FULL):
        storage.save("photos/big.bin", ContentFile(b"x" * 64 * 1024))
    assert files_in(full_disk) == ["filler"]
    # What fits is stored, whole.
    assert storage.save("photos/small.bin", ContentFile(b"y" * 1024)) == "photos/small.bin"
    assert (full_disk / "photos" / "small.bin").read_bytes() == b"y" * 1024


def test_photos_uploaded_to_a_full_disk_are_refused_with_the_reason(
    admin_client, settings, full_disk
):
    settings.MEDIA_ROOT = full_disk
    response = admin_client.post(
        reverse("admin:media_photo_upload"),
        {
            "files": [SimpleUploadedFile(f"{n}.jpg", noise_jpeg()) for n in range(2)],
            "title": "Novruz",
            "credit": "Photo: Council",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["files"] == [
        FULL + " Nothing of it was kept. Tell whoever runs the site."
    ]
    assert (Photo.objects.count(), files_in(full_disk)) == (0, ["filler"])


def test_a_record_saved_with_a_file_the_disk_cannot_take_is_not_saved(
    admin_client, settings, full_disk
):
    settings.MEDIA_ROOT = full_disk
    url = reverse("admin:media_document_add")
    response = admin_client.post(
        url,
        {
            "title_en": "Statute",
            "file": SimpleUploadedFile("statute.pdf", b"%PDF-1.4\n" + b"0" * 64 * 1024),
        },
        follow=True,
    )
    assert response.redirect_chain == [(url, 302)]
    assert any(FULL in str(message) for message in response.context["messages"])
    assert (Document.objects.count(), files_in(full_disk)) == (0, ["filler"])
    # The same form, with room on the disk, saves the document.
    settings.MEDIA_ROOT = full_disk.parent / "room"
    again = admin_client.post(
        url,
        {
            "title_en": "Statute",
            "file": SimpleUploadedFile("statute.pdf", b"%PDF-1.4\n" + b"0" * 64 * 1024),
        },
    )
    assert (again.status_code, Document.objects.count()) == (302, 1)


def test_a_spreadsheet_the_disk_cannot_take_is_refused_on_its_form(
    admin_client, settings, full_disk
):
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {**settings.STORAGES["imports"], "OPTIONS": {"location": full_disk}},
    }
    # Django makes the storages again from the changed setting (its setting_changed).
    rows = "".join(f"Person {n},DE,Berlin,draft\r\n" for n in range(3000))
    response = admin_client.post(
        reverse("admin:organisations_person_import"),
        {
            "file": SimpleUploadedFile(
                "people.csv", ("full_name,country,city,status\r\n" + rows).encode()
            )
        },
    )
    assert response.status_code == 200
    assert FULL in response.context["form"].errors["file"][0]
    assert (PendingUpload.objects.count(), files_in(full_disk)) == (0, ["filler"])
