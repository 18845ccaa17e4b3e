"""Coordinators in the admin: what their forms offer and refuse, their header, their files."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import Medal
from events.models import Event, EventPhoto
from events.tests.factories import EventFactory
from media.models import Photo
from media.tests.factories import PhotoFactory
from organisations.models import Organisation, Person
from organisations.tests.factories import OrganisationFactory, PersonFactory
from scopes import scope_of
from scopes.models import StaffScope
from scopes.roles import COORDINATOR

from .worlds import coordinator, make_worlds

pytestmark = pytest.mark.django_db


@pytest.fixture
def worlds():
    return make_worlds()


@pytest.fixture
def germany(django_user_model):
    return coordinator(django_user_model, "DE")


@pytest.fixture
def client_de(client, germany):
    client.force_login(germany)
    return client


def event_form(**changes):
    data = {
        "title_en": "Novruz in Köln",
        "slug": "novruz-in-koln",
        "status": "draft",
        "format": "in_person",
        "time_zone": "Europe/Berlin",
        "start_0": "20.03.2026",
        "start_1": "18:00",
        "country": "DE",
        "city": "Köln",
        **{
            f"{prefix}-{key}": value
            for prefix in ("programme", "press_reports", "gallery")
            for key, value in {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0}.items()
        },
    }
    data.update(changes)
    return data


def test_a_scope_adds_up_the_users_and_their_groups_and_reaches_down_the_tree(
    django_user_model,
):
    council = OrganisationFactory(country="FR", type="coordination_council")
    member = OrganisationFactory(country="FR", parent=council)
    grandchild = OrganisationFactory(country="FR", parent=member)
    user = django_user_model.objects.create_user("lyon", is_staff=True)
    StaffScope.objects.create(user=user, countries=["AT"])
    group = Group.objects.create(name="Benelux")
    group_scope = StaffScope.objects.create(group=group, countries=["BE", "NL"])
    group_scope.organisations.add(council)
    user.groups.add(group)

    scope = scope_of(user)
    assert not scope.everywhere
    assert scope.countries == {"AT", "BE", "NL"}
    assert scope.organisation_ids == {council.pk, member.pk, grandchild.pk}
    assert str(scope).startswith("Austria, Belgium, Netherlands, ")
    event = EventFactory(country="FR", organiser=grandchild)
    assert list(Event.objects.in_scope(user)) == [event]


def test_staff_work_only_where_granted_and_every_country_is_a_grant_to_the_user(
    django_user_model, worlds
):
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    assert not scope_of(editor).everywhere
    assert not scope_of(editor).granted
    assert Event.objects.in_scope(editor).count() == 0
    assert Medal.objects.in_scope(editor).count() == 0

    waiting = django_user_model.objects.create_user("new", is_staff=True)
    waiting.groups.add(Group.objects.get(name=COORDINATOR))
    assert not scope_of(waiting).everywhere
    assert Event.objects.in_scope(waiting).count() == 0
    assert Person.objects.in_scope(waiting).count() == 0

    StaffScope.objects.create(user=waiting, everywhere=True)
    waiting = django_user_model.objects.get(pk=waiting.pk)
    assert scope_of(waiting).everywhere
    assert Event.objects.in_scope(waiting).count() == Event.objects.count() == 2


def test_every_country_is_never_granted_by_joining_a_group(django_user_model):
    from django.db import IntegrityError, transaction

    group = Group.objects.create(name="Headquarters")
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffScope.objects.create(group=group, everywhere=True)
    # Nor read as such from a database that holds one (the constraint came after scopes).
    scope = StaffScope.objects.create(group=group, countries=["DE"])
    user = django_user_model.objects.create_user("member", is_staff=True)
    user.groups.add(group)
    assert scope_of(user).countries == {"DE"}
    assert scope.everywhere is False


def test_the_header_names_the_scope(client, django_user_model):
    user = coordinator(django_user_model, "DE")
    user.staff_scope.countries = ["DE", "AT"]
    user.staff_scope.save()
    client.force_login(user)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Your scope: <strong>Austria, Germany</strong>" in page


def test_the_event_form_offers_only_the_scopes_countries_and_organisers(client_de, worlds):
    page = client_de.get(reverse("admin:events_event_add"))
    country_choices = dict(page.context["adminform"].form.fields["country"].choices)
    assert "DE" in country_choices
    assert "FR" not in country_choices
    organisers = page.context["adminform"].form.fields["organiser"].queryset
    assert set(organisers) == set(Organisation.objects.filter(country="DE"))

    french_council = worlds["FR"].main("organisations.organisation")
    refused = client_de.post(
        reverse("admin:events_event_add"), event_form(organiser=french_council.pk)
    )
    assert refused.status_code == 200
    assert "organiser" in refused.context["adminform"].form.errors
    online = client_de.post(
        reverse("admin:events_event_add"), event_form(country="", format="online")
    )
    assert online.context["adminform"].form.errors["country"] == [
        "outside your scope (Germany): give one of its countries"
    ]
    assert not Event.objects.filter(title_en="Novruz in Köln").exists()

    german_council = worlds["DE"].main("organisations.organisation")
    saved = client_de.post(
        reverse("admin:events_event_add"),
        event_form(country="", format="online", organiser=german_council.pk),
    )
    assert saved.status_code == 302
    assert Event.objects.get(title_en="Novruz in Köln").organiser == german_council


def person_form(client, person, **changes):
    """The person's change form as the page has it, with `changes`."""
    url = reverse("admin:organisations_person_change", args=[person.pk])
    page = client.get(url)
    data = {}
    for form in [page.context["adminform"].form] + [
        inline.formset for inline in page.context["inline_admin_formsets"]
    ]:
        for bound in form.management_form if hasattr(form, "management_form") else []:
            data[bound.html_name] = bound.value()
        for each in getattr(form, "forms", [form]):
            for bound in each:
                value = bound.value()
                if value is None or value is False:
                    continue
                data[bound.html_name] = value
    data["_seen_version"] = person.updated.isoformat()
    data.update(changes)
    return url, data


def test_a_person_cannot_be_moved_out_of_the_scope(client_de, worlds):
    person = worlds["DE"].main("organisations.person")
    url, data = person_form(client_de, person, country="FR")
    refused = client_de.post(url, data)
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["country"] == [
        "Select a valid choice. FR is not one of the available choices."
    ]
    person.refresh_from_db()
    assert person.country == "DE"


def test_a_member_living_elsewhere_stays_editable_where_they_live(client_de, worlds):
    person = PersonFactory(full_name="Rəşad Babayev", country="FR")
    person.memberships.create(organisation=worlds["DE"].main("organisations.organisation"))
    url, data = person_form(client_de, person, city="Lyon")
    assert client_de.post(url, data).status_code == 302
    person.refresh_from_db()
    assert (person.country, person.city) == ("FR", "Lyon")


def test_medals_are_chosen_by_coordinators_and_changed_only_by_staff_everywhere(client_de, worlds):
    medal = Medal.objects.get()
    assert client_de.get(reverse("admin:awards_medal_changelist")).status_code == 200
    assert client_de.get(reverse("admin:awards_medal_add")).status_code == 403
    answer = client_de.post(
        reverse("admin:awards_medal_change", args=[medal.pk]), {"name_en": "Renamed"}
    )
    assert answer.status_code == 403
    medal.refresh_from_db()
    assert medal.name_en == "For Merits in Diaspora Activity"
    form = client_de.get(reverse("admin:awards_conferment_add")).context["adminform"].form
    assert list(form.fields["medal"].queryset) == [medal]
    assert set(form.fields["person"].queryset) == set(Person.objects.filter(country="DE"))


def test_a_coordinators_uploads_are_theirs_until_a_record_uses_them(
    client, django_user_model, worlds
):
    germany = coordinator(django_user_model, "DE")
    france = coordinator(django_user_model, "FR")
    client.force_login(germany)
    image = PhotoFactory.build().image
    client.post(
        reverse("admin:media_photo_upload"),
        {
            "files": [SimpleUploadedFile("a.jpg", image.read(), "image/jpeg")],
            "title": "Berlin evening",
            "credit": "Council",
        },
    )
    photo = Photo.objects.get(title_en="Berlin evening")
    assert photo.added_by == germany
    assert photo in Photo.objects.in_scope(germany)
    assert photo not in Photo.objects.in_scope(france)

    french_event = worlds["FR"].main("events.event")
    EventPhoto.objects.create(event=french_event, photo=photo)
    assert photo not in Photo.objects.in_scope(germany)
    assert photo in Photo.objects.in_scope(france)


def test_uploading_into_another_countrys_gallery_answers_not_found(client_de, worlds):
    french_event = worlds["FR"].main("events.event")
    german_event = worlds["DE"].main("events.event")
    assert (
        client_de.get(
            reverse("admin:events_event_upload_photos", args=[french_event.pk])
        ).status_code
        == 404
    )
    assert (
        client_de.get(
            reverse("admin:events_event_upload_photos", args=[german_event.pk])
        ).status_code
        == 200
    )


@pytest.mark.parametrize(
    ("label", "make"),
    [
        ("events_event", lambda n: [EventFactory(country="DE") for _ in range(n)]),
        ("organisations_person", lambda n: PersonFactory.create_batch(n, country="DE")),
        (
            "organisations_organisation",
            lambda n: OrganisationFactory.create_batch(n, country="DE"),
        ),
        ("media_photo", lambda n: PhotoFactory.create_batch(n)),
    ],
)
def test_changelist_queries_stay_flat_with_a_scope(client_de, germany, label, make):
    def count_queries():
        # Once to have the thumbnails made (a task, run at once in the tests), then counted.
        client_de.get(reverse(f"admin:{label}_changelist"))
        with CaptureQueriesContext(connection) as queries:
            response = client_de.get(reverse(f"admin:{label}_changelist"))
        assert response.status_code == 200
        return len(queries), response.context_data["cl"].result_count

    records = make(1)
    if label == "media_photo":
        Photo.objects.filter(pk__in=[p.pk for p in records]).update(added_by=germany)
    one, shown_one = count_queries()
    records = make(49)
    if label == "media_photo":
        Photo.objects.filter(pk__in=[p.pk for p in records]).update(added_by=germany)
    fifty, shown_fifty = count_queries()
    assert (shown_one, shown_fifty) == (1, 50)
    assert one == fifty


def test_the_users_list_shows_each_users_real_scope(
    admin_client, django_user_model, django_assert_num_queries
):
    def users_list():
        page = admin_client.get(reverse("admin:auth_user_changelist"))
        assert page.status_code == 200
        return page.context_data["cl"].result_list

    council = OrganisationFactory(name_en="Council of Benelux", country="BE")
    group = Group.objects.create(name="Benelux")
    StaffScope.objects.create(group=group, countries=["NL"]).organisations.add(council)
    member = django_user_model.objects.create_user("member", is_staff=True)
    StaffScope.objects.create(user=member, countries=["AT"])
    member.groups.add(group)
    with django_assert_num_queries(11):
        one = users_list()
    django_user_model.objects.create_user("no-grant", is_staff=True)
    chief = django_user_model.objects.create_user("chief", is_staff=True)
    StaffScope.objects.create(user=chief, everywhere=True)
    for number in range(5):
        other = django_user_model.objects.create_user(f"member-{number}", is_staff=True)
        StaffScope.objects.create(user=other, countries=["FR"]).organisations.add(council)
        other.groups.add(group)
    with django_assert_num_queries(11):
        several = users_list()
    admin_page = admin_client.get(reverse("admin:auth_user_changelist"))
    model_admin = admin_page.context_data["cl"].model_admin
    shown = {user.username: str(model_admin.scope(user)) for user in several}
    assert shown == {
        "admin": "Everywhere",
        "chief": "Everywhere",
        "member": "Austria, Netherlands, Council of Benelux",
        "no-grant": "Nowhere (no scope given)",
        **{f"member-{number}": "France, Netherlands, Council of Benelux" for number in range(5)},
    }
    assert len(one) == 2


def test_a_new_users_page_has_no_scope_form(admin_client):
    page = admin_client.get(reverse("admin:auth_user_add")).content.decode()
    assert "staff_scope-TOTAL_FORMS" not in page


def test_a_user_page_offers_a_scope_only_when_asked(admin_client, django_user_model):
    user = django_user_model.objects.create_user("someone", is_staff=True)
    page = admin_client.get(reverse("admin:auth_user_change", args=[user.pk])).content.decode()
    assert 'name="staff_scope-TOTAL_FORMS" value="0"' in page


def test_staff_with_no_grant_are_told_whom_to_ask(client, django_user_model):
    django_user_model.objects.create_superuser(
        "chief", email="chief@example.org", password=None, first_name="Aygün", last_name="Rzayeva"
    )
    waiting = django_user_model.objects.create_user("new", is_staff=True)
    waiting.groups.add(Group.objects.get(name="Editor"))
    client.force_login(waiting)
    page = client.get(reverse("admin:index")).content.decode()
    assert "You have not been given anywhere to work yet" in page
    assert "Your scope: <strong>no countries yet</strong>" in page
    assert 'Aygün Rzayeva (<a href="mailto:chief@example.org">chief@example.org</a>)' in page
    assert "Waiting for review" not in page
