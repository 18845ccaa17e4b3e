"""Photo uploads: every bad file is refused with a message, and nothing of it is stored."""

import datetime
import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from media.images import clean_photo_upload
from media.models import Photo
from media.renditions import renditions

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg(size=(40, 20), *, exif=None):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format="JPEG", exif=exif or Image.Exif())
    return buffer.getvalue()


def noisy_jpeg():
    buffer = io.BytesIO()
    Image.effect_noise((200, 200), 60).convert("RGB").save(buffer, format="JPEG")
    return buffer.getvalue()


def png_claiming(width, height):
    """A PNG whose header claims a size its (missing) pixels do not have."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def upload(client, name, content):
    return client.post(
        reverse("admin:media_photo_add"),
        {
            "image": SimpleUploadedFile(name, content),
            "title_en": "Novruz",
            "credit_en": "Photo: State Committee for Work with Diaspora",
            "status": "draft",
        },
    )


def stored_files(media_root):
    return sorted(path.name for path in media_root.rglob("*") if path.is_file())


def image_errors(response):
    assert response.status_code == 200, "the upload was accepted"
    return response.context["adminform"].form.errors["image"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.jpg", b"this is plain text, not a photo", "This is not a photo"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "program code"),
        ("photo.png", jpeg()[:-1] + b"<?php system($_GET['c']); ?>", "program code"),
        ("photo.jpg", b"<html><body>hi</body></html>", "program code"),
        ("huge.png", png_claiming(20_000, 20_000), "megapixels"),
        ("cut.jpg", noisy_jpeg()[:4000], "damaged or incomplete"),
        ("empty.jpg", b"", "empty"),
    ],
)
def test_bad_files_are_refused_with_a_message_and_nothing_is_stored(
    admin_client, uploads_in_tmp_path, name, content, message
):
    response = upload(admin_client, name, content)
    assert message in " ".join(image_errors(response))
    assert Photo.objects.count() == 0
    assert stored_files(uploads_in_tmp_path) == []


def test_bmp_is_not_an_accepted_format(admin_client):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="BMP")
    response = upload(admin_client, "photo.jpg", buffer.getvalue())
    assert image_errors(response) == [
        "Photos in BMP are not accepted; use one of JPEG, PNG, WEBP, GIF."
    ]


def test_file_over_the_size_limit_is_refused(admin_client, settings):
    settings.MEDIA_MAX_IMAGE_SIZE = 1000
    response = upload(admin_client, "photo.jpg", jpeg((300, 300)) + b"\0" * 2000)
    assert image_errors(response) == ["The photo is larger than 1000\xa0bytes."]


def test_gps_position_and_every_other_metadata_are_removed(admin_client, uploads_in_tmp_path):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (40.0, 24.0, 36.0), 3: "E", 4: (49.0, 52.0, 1.0)})
    original = jpeg(exif=exif)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)

    response = upload(admin_client, "IMG_0001.jpg", original)

    assert response.status_code == 302
    photo = Photo.objects.get()
    with Image.open(photo.image.path) as stored:
        assert (dict(stored.getexif()), stored.info.get("exif")) == ({}, None)
    assert b"PhoneMaker" not in photo.image.read()


def test_orientation_is_applied(admin_client):
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # taken with the phone turned: display rotated 90° clockwise
    response = upload(admin_client, "portrait.jpg", jpeg((40, 20), exif=exif))
    assert response.status_code == 302
    with Image.open(Photo.objects.get().image.path) as stored:
        assert stored.size == (20, 40)


@pytest.mark.parametrize("name", ["../../etc/passwd.jpg", "x" * 300 + ".jpg", "my photo (1).JPG"])
def test_stored_under_a_generated_name_whatever_it_was_called(
    admin_client, uploads_in_tmp_path, name
):
    assert upload(admin_client, name, jpeg()).status_code == 302
    stored = Photo.objects.get().image.name
    assert stored.startswith("photos/")
    assert stored.endswith(".jpg")
    assert len(stored.rsplit("/", 1)[1]) == len("0123456789abcdef0123456789abcdef.jpg")
    assert ".." not in stored


def test_animated_gif_keeps_its_frames(admin_client):
    frames = [Image.new("RGB", (10, 10), colour) for colour in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=80)
    assert upload(admin_client, "wave.gif", buffer.getvalue()).status_code == 302
    with Image.open(Photo.objects.get().image.path) as stored:
        assert (stored.format, stored.n_frames) == ("GIF", 3)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_replaced_and_deleted_photos_leave_storage(admin_client, uploads_in_tmp_path):
    assert upload(admin_client, "first.jpg", jpeg()).status_code == 302
    photo = Photo.objects.get()
    first = photo.image.path
    assert renditions(photo.image, "thumb")

    photo.image = clean_photo_upload(SimpleUploadedFile("second.jpg", jpeg((30, 30))))
    photo.save()
    second = photo.image.path
    assert renditions(photo.image, "admin")
    photo.delete()

    assert stored_files(uploads_in_tmp_path) == []
    assert first != second


def many(client, files, **fields):
    return client.post(
        reverse("admin:media_photo_upload"),
        {"files": files, "title": "Novruz", "credit": "Photo: Council", **fields},
    )


def test_many_photos_at_once_share_title_credit_and_date(admin_client):
    files = [SimpleUploadedFile(f"IMG_{n}.jpg", jpeg()) for n in range(3)]
    response = many(admin_client, files, date_taken="20.03.2025")
    assert response.status_code == 302
    assert sorted(Photo.objects.values_list("title_en", "credit", "date_taken")) == [
        (f"Novruz {n}", "Photo: Council", datetime.date(2025, 3, 20)) for n in (1, 2, 3)
    ]


def test_one_bad_file_among_many_stores_none_and_is_named(admin_client, uploads_in_tmp_path):
    files = [
        SimpleUploadedFile("good.jpg", jpeg()),
        SimpleUploadedFile("notes.jpg", b"not a photo"),
    ]
    response = many(admin_client, files)
    errors = response.context["form"].errors["files"]
    assert errors == ["notes.jpg: This is not a photo this site accepts (JPEG, PNG, WEBP, GIF)."]
    assert (Photo.objects.count(), stored_files(uploads_in_tmp_path)) == (0, [])


def test_more_than_100_files_are_refused(admin_client, uploads_in_tmp_path):
    files = [SimpleUploadedFile(f"{n}.jpg", jpeg()) for n in range(101)]
    response = many(admin_client, files)
    assert response.context["form"].errors["files"] == [
        "At most 100 files can be uploaded at once; 101 were chosen."
    ]
    assert (Photo.objects.count(), stored_files(uploads_in_tmp_path)) == (0, [])


def test_viewer_cannot_upload_many(client, viewer):
    client.force_login(viewer)
    assert many(client, [SimpleUploadedFile("a.jpg", jpeg())]).status_code == 403


@pytest.mark.parametrize(
    ("change_url", "field"),
    [("admin:organisations_organisation_change", "logo"), ("admin:awards_medal_change", "image")],
)
def test_logos_and_medal_images_are_checked_and_cleaned_like_photos(
    admin_client, submit_admin_form, uploads_in_tmp_path, change_url, field
):
    from awards.tests.factories import MedalFactory
    from organisations.tests.factories import OrganisationFactory

    record = (OrganisationFactory if field == "logo" else MedalFactory)()
    url = reverse(change_url, args=[record.pk])
    refused = submit_admin_form(
        admin_client, url, **{field: SimpleUploadedFile("logo.png", b"<?php echo 1; ?>")}
    )
    assert refused.context["adminform"].form.errors[field] == [
        "The file contains HTML or program code besides the picture, and is refused."
    ]
    assert stored_files(uploads_in_tmp_path) == []

    exif = Image.Exif()
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (40.0, 24.0, 36.0)})
    accepted = submit_admin_form(
        admin_client, url, **{field: SimpleUploadedFile("logo.jpg", jpeg(exif=exif))}
    )
    assert accepted.status_code == 302
    record.refresh_from_db()
    with Image.open(getattr(record, field)) as stored:
        assert dict(stored.getexif()) == {}
    assert "logo" not in getattr(record, field).name.rsplit("/", 1)[-1]
