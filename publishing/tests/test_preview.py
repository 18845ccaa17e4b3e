"""Preview: the public page of a record as it would look with what is in its form now."""

import pytest
from django.urls import reverse

from awards.tests.factories import MedalFactory
from events.models import Event
from events.tests.factories import EventFactory
from media.tests.factories import PhotoFactory
from organisations.tests.factories import OrganisationFactory, PublicPersonFactory
from scopes.models import StaffScope
from scopes.tests.worlds import coordinator

pytestmark = pytest.mark.django_db

BANNER = "Preview, not published"


def preview_url(record, language="en"):
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_preview", args=[record.pk])
    return f"{url}?lang={language}"


def test_the_preview_shows_unsaved_changes_and_saves_nothing(admin_client, submit_admin_form):
    event = EventFactory(title_en="Novruz draft", body_en="<p>Old words</p>")
    change = reverse("admin:events_event_change", args=[event.pk])
    page = admin_client.get(change).content.decode()
    assert f'formaction="{preview_url(event, "az")}"' in page.replace("&amp;", "&")

    response = submit_admin_form(
        admin_client,
        preview_url(event),
        form_url=change,
        title_en="Novruz in Berlin",
        body_en="<h2>Programme</h2><p>New <strong>words</strong></p>",
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert BANNER in content
    assert "<h1>Novruz in Berlin</h1>" in content
    assert "<h2>Programme</h2><p>New <strong>words</strong></p>" in content
    assert '<meta name="robots" content="noindex, nofollow">' in content
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    event.refresh_from_db()
    assert (event.title_en, event.body_en) == ("Novruz draft", "<p>Old words</p>")
    assert admin_client.get(f"/en/events/{event.slug}/").status_code == 404


def test_the_preview_is_in_the_language_asked(admin_client, submit_admin_form):
    event = EventFactory(title_en="Novruz", title_az="Novruz bayramı", title_ru="Новруз")
    change = reverse("admin:events_event_change", args=[event.pk])
    for language, title in (("az", "Novruz bayramı"), ("ru", "Новруз")):
        response = submit_admin_form(admin_client, preview_url(event, language), form_url=change)
        content = response.content.decode()
        assert f'<html lang="{language}">' in content
        assert f"<h1>{title}</h1>" in content


@pytest.mark.parametrize(
    "make",
    [
        lambda: EventFactory(),
        lambda: OrganisationFactory(),
        lambda: PublicPersonFactory(),
        lambda: MedalFactory(),
        lambda: PhotoFactory(status="draft"),
    ],
)
def test_every_public_page_has_a_preview_of_the_stored_draft(admin_client, make):
    record = make()
    response = admin_client.get(preview_url(record))
    assert response.status_code == 200
    assert BANNER in response.content.decode()


def test_only_staff_who_may_view_the_record_see_a_preview(client, django_user_model):
    event = EventFactory(
        country="FR", title_en="Secret plans", organiser=OrganisationFactory(country="FR")
    )
    url = preview_url(event)
    assert client.get(url).status_code == 302  # to the login page
    staff = django_user_model.objects.create_user("staff", is_staff=True)
    StaffScope.objects.create(user=staff, everywhere=True)  # the permission alone decides
    client.force_login(staff)
    assert client.get(url).status_code == 403
    client.force_login(coordinator(django_user_model, "DE"))
    assert client.get(url).status_code == 404
    assert Event.objects.get(pk=event.pk).status == "draft"
