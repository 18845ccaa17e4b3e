"""Galleries on the public pages of events, organisations, people and medals."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import MedalPhoto
from awards.tests.factories import MedalFactory
from events.models import EventPhoto
from events.tests.factories import EventFactory
from media.tests.factories import PhotoFactory
from organisations.models import OrganisationPhoto, PersonPhoto
from organisations.tests.factories import OrganisationFactory, PublicPersonFactory

pytestmark = pytest.mark.django_db

GALLERIES = {
    "event": (lambda: EventFactory(status="published"), EventPhoto, "event"),
    "organisation": (
        lambda: OrganisationFactory(status="published"),
        OrganisationPhoto,
        "organisation",
    ),
    "person": (lambda: PublicPersonFactory(status="published"), PersonPhoto, "person"),
    "medal": (lambda: MedalFactory(status="published"), MedalPhoto, "medal"),
}


def add_photos(gallery, owner_field, owner, count, start=0):
    for n in range(count):
        gallery.objects.create(
            photo=PhotoFactory(title_en=f"Gallery photo {start + n}"),
            position=start + n,
            **{owner_field: owner},
        )


def thumbnails(html):
    return re.findall(r'<a href="/en/photos/(\d+)/"', html)


@pytest.mark.parametrize("page", GALLERIES)
def test_gallery_queries_stay_flat_from_1_to_50_photos(client, page):
    make_owner, gallery, owner_field = GALLERIES[page]
    owner = make_owner()
    add_photos(gallery, owner_field, owner, 1)
    url = owner.get_absolute_url()
    client.get(url)  # makes the renditions, once
    with CaptureQueriesContext(connection) as one_photo:
        assert len(thumbnails(client.get(url).content.decode())) == 1
    queries_for_one_photo = len(one_photo.captured_queries)

    add_photos(gallery, owner_field, owner, 49, start=1)
    client.get(url)
    with CaptureQueriesContext(connection) as fifty_photos:
        html = client.get(url).content.decode()
    assert len(thumbnails(html)) == 50
    assert len(fifty_photos.captured_queries) == queries_for_one_photo


@pytest.mark.parametrize("page", GALLERIES)
def test_gallery_keeps_the_order_set_in_the_admin(client, page):
    make_owner, gallery, owner_field = GALLERIES[page]
    owner = make_owner()
    first, second = PhotoFactory(), PhotoFactory()
    gallery.objects.create(photo=first, position=2, **{owner_field: owner})
    gallery.objects.create(photo=second, position=1, **{owner_field: owner})
    html = client.get(owner.get_absolute_url()).content.decode()
    assert thumbnails(html) == [str(second.pk), str(first.pk)]
