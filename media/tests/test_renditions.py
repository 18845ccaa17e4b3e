"""Renditions: made once by sorl-thumbnail, kept in storage, found again without work."""

import io
import re

import factory
import pytest
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from media.models import Photo
from media.renditions import renditions
from media.services import create_photos
from media.tests.factories import PhotoFactory
from publishing.services import publish

pytestmark = pytest.mark.django_db


def jpeg_bytes(width, height):
    data = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(data, "JPEG")
    return data.getvalue()


def stored_renditions():
    if not default_storage.exists("renditions"):
        return []
    folders, _files = default_storage.listdir("renditions")
    found = []
    pending = [f"renditions/{folder}" for folder in folders]
    while pending:
        folder = pending.pop()
        subfolders, files = default_storage.listdir(folder)
        pending += [f"{folder}/{name}" for name in subfolders]
        found += [f"{folder}/{name}" for name in files]
    return sorted(found)


@pytest.fixture
def large_photo():
    return PhotoFactory(image=factory.django.ImageField(width=1800, height=1200, format="JPEG"))


def test_a_rendition_is_made_once_and_reused(large_photo, django_assert_num_queries):
    first = renditions(large_photo.image, "thumb")
    assert [(each.width, each.height) for each in first] == [(320, 213), (640, 426)]
    made = stored_renditions()
    assert len(made) == 2
    modified = [default_storage.get_modified_time(name) for name in made]

    # Found again through the cache: no query, no new file, the same file untouched.
    with django_assert_num_queries(0):
        assert renditions(large_photo.image, "thumb") == first
    # Another process, whose cache is empty, finds it in the database: still not made again.
    caches["renditions"].clear()
    assert renditions(large_photo.image, "thumb") == first
    assert stored_renditions() == made
    assert [default_storage.get_modified_time(name) for name in made] == modified


def test_a_small_original_is_never_enlarged():
    small = PhotoFactory(image=factory.django.ImageField(width=300, height=200, format="JPEG"))
    assert [(each.width, each.height) for each in renditions(small.image, "large")] == [(300, 200)]


def test_renditions_keep_the_shape_unless_the_kind_is_a_grid(large_photo):
    assert [(r.width, r.height) for r in renditions(large_photo.image, "large")] == [
        (960, 640),
        (1600, 1067),
    ]
    assert [(r.width, r.height) for r in renditions(large_photo.image, "portrait")] == [
        (240, 240),
        (480, 480),
    ]


def test_a_missing_original_shows_nothing_rather_than_a_broken_image(large_photo):
    default_storage.delete(large_photo.image.name)
    assert renditions(large_photo.image, "thumb") == []


def test_public_pages_offer_the_renditions_in_a_srcset(client, large_photo):
    from events.models import EventPhoto
    from events.tests.factories import EventFactory

    event = EventFactory(status="published", cover_photo=large_photo)
    EventPhoto.objects.create(event=event, photo=large_photo)
    page = client.get(event.get_absolute_url()).content.decode()
    thumbs = renditions(large_photo.image, "thumb")
    covers = renditions(large_photo.image, "cover")
    assert f'srcset="{thumbs[0].url} 320w, {thumbs[1].url} 640w"' in page
    assert f"{covers[-1].url} 1600w" in page
    assert large_photo.image.url not in page, "the original is never sent to visitors"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_uploaded_photos_get_renditions_from_a_worker_and_pages_never_show_the_original(
    client, workers
):
    upload = SimpleUploadedFile("forum.jpg", jpeg_bytes(1800, 1200), content_type="image/jpeg")
    (photo,) = create_photos(files=[upload], title="Forum", credit="Photo: Council")
    Photo.objects.filter(pk=photo.pk).update(alt_text_en="Delegates in the forum's hall")
    publish(queryset=Photo.objects.filter(pk=photo.pk))
    url = reverse("media:photo", args=[photo.pk])

    waiting = client.get(url).content.decode()
    assert "rendition-pending" in waiting
    assert photo.image.url not in waiting
    assert stored_renditions() == []  # the upload asked a worker; the page made nothing

    workers.run("db_worker", "--batch", "--no-reload", "--no-startup-delay")
    # Every place a photo may appear in: 13 sizes, of which the cover's and the larger
    # view's 960 and 1600 (uncut) are the same files.
    assert len(stored_renditions()) == 11
    ready = client.get(url).content.decode()
    assert "rendition-pending" not in ready
    assert photo.image.url not in ready
    assert re.search(r'srcset="[^"]*renditions/[^"]* 960w', ready)
