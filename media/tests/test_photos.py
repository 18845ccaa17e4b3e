"""Alt text before publishing, credits under every photo, and drafts kept from the public."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from events.models import EventPhoto
from events.tests.factories import EventFactory
from media.models import Photo
from media.tests.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def test_a_photo_without_alt_text_cannot_be_published():
    photo = PhotoFactory(status="draft", alt_text_en="")
    photo.status = "published"
    with pytest.raises(ValidationError) as error:
        photo.full_clean()
    assert error.value.message_dict == {
        "alt_text_en": ["Write what the photo shows before publishing it, or mark it decorative."]
    }


def test_alt_text_in_another_language_only_is_not_enough():
    # The other languages fall back to the default one: an English page would have none.
    photo = PhotoFactory.build(status="published", alt_text_en="", alt_text_az="Ekran")
    with pytest.raises(ValidationError):
        photo.full_clean(exclude=["image"])


def test_a_decorative_photo_is_published_without_alt_text_and_shown_with_an_empty_one(client):
    photo = PhotoFactory(status="published", alt_text_en="", decorative=True)
    photo.full_clean()
    event = EventFactory(status="published")
    EventPhoto.objects.create(event=event, photo=photo)
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'alt=""' in page
    assert f'aria-label="{photo.title}"' in page, "the link around it still has a name"


def test_the_database_refuses_a_published_photo_without_alt_text():
    photo = PhotoFactory(status="draft", alt_text_en="")
    with pytest.raises(IntegrityError):
        Photo.objects.filter(pk=photo.pk).update(status="published")


def test_the_publish_action_publishes_the_described_photos_and_names_the_others(admin_client):
    described = PhotoFactory(status="draft")
    undescribed = PhotoFactory(status="draft", alt_text_en="", title_en="Stage, from the back")
    response = admin_client.post(
        reverse("admin:media_photo_changelist"),
        {"action": "publish_selected", "_selected_action": [described.pk, undescribed.pk]},
        follow=True,
    )
    assert [str(message) for message in response.context["messages"]] == [
        "1 photo published.",
        "1 photo needs alt text, or to be marked decorative, before it can be published: "
        "Stage, from the back.",
    ]
    assert dict(Photo.objects.values_list("pk", "status")) == {
        described.pk: "published",
        undescribed.pk: "draft",
    }


def test_the_change_form_refuses_publishing_without_alt_text(admin_client, submit_admin_form):
    photo = PhotoFactory(status="draft", alt_text_en="")
    url = reverse("admin:media_photo_change", args=[photo.pk])
    response = submit_admin_form(admin_client, url, status="published")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["alt_text_en"] == [
        "Write what the photo shows before publishing it, or mark it decorative."
    ]
    photo.refresh_from_db()
    assert photo.status == "draft"


def test_every_photo_has_a_credit_by_default_from_the_setting(settings):
    settings.DIASPORA_DEFAULT_PHOTO_CREDIT = "Photo: Council of Azerbaijanis of France"
    assert PhotoFactory().credit == "Photo: Council of Azerbaijanis of France"


def test_a_credit_cannot_be_left_blank(admin_client, submit_admin_form):
    photo = PhotoFactory()
    url = reverse("admin:media_photo_change", args=[photo.pk])
    response = submit_admin_form(admin_client, url, credit_en="")
    assert response.context["adminform"].form.errors["credit_en"] == ["This field is required."]


def test_caption_and_credit_are_shown_under_the_photo(client):
    photo = PhotoFactory(caption_en="Opening speech.", credit="Photo: Trend")
    event = EventFactory(status="published", cover_photo=photo)
    EventPhoto.objects.create(event=event, photo=photo)
    page = client.get(event.get_absolute_url()).content.decode()
    assert page.count("Photo: Trend") == 2, "under the cover and in the gallery"
    assert '<span class="caption">Opening speech.</span>' in page


def test_draft_photos_stay_off_public_pages(client):
    draft = PhotoFactory(status="draft", title_en="Not yet described")
    event = EventFactory(status="published", cover_photo=draft)
    EventPhoto.objects.create(event=event, photo=draft)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Not yet described" not in page
    assert "/renditions/" not in page
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_published_photo_has_a_page_with_its_caption_and_credit(client):
    photo = PhotoFactory(caption_en="Opening speech.", credit="Photo: Trend")
    page = client.get(photo.get_absolute_url()).content.decode()
    assert "Opening speech." in page
    assert "Photo: Trend" in page
    assert "srcset=" in page
