"""People are private until they consent; what is stored about them can be read and erased,
and their private details never reach a public page, feed, export or log."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from awards.models import Conferment
from awards.tests.factories import ConfermentFactory, MedalFactory
from events.models import EventPhoto
from events.tests.factories import EventFactory, ProgrammeItemFactory
from media.models import Photo
from media.tests.factories import PhotoFactory
from organisations.models import Membership, Person, PersonPhoto
from organisations.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

NAME = "Sentinelova Zəhra"
EMAIL = "zahra.sentinel@example.org"
PHONE = "+994 12 345 67 89"


@pytest.fixture
def private_person():
    """A person who has not consented, with a photo, a medal, a membership and a speech."""
    organisation = OrganisationFactory(status="published")
    person = PersonFactory(
        full_name=NAME,
        full_name_latin="Zahra Sentinelova",
        email=EMAIL,
        phone=PHONE,
        position="Professor of sentinel studies",
        biography_en="Sentinel biography.",
        status="published",
        photo=PhotoFactory(title_en="Portrait of Zəhra Sentinelova"),
    )
    Membership.objects.create(person=person, organisation=organisation, role="Chair")
    event = EventFactory(status="published", organiser=organisation)
    ProgrammeItemFactory(event=event, person=person, title_en="Opening speech")
    ConfermentFactory(
        person=person,
        event=event,
        status="published",
        medal=MedalFactory(status="published"),
    )
    return person


def every_public_answer(client, person):
    from events.models import Event

    event = Event.objects.get()
    medal = Conferment.objects.get().medal
    paths = [
        "/en/",
        "/en/events/",
        event.get_absolute_url(),
        "/en/events/calendar.ics",
        f"{event.get_absolute_url()}calendar.ics",
        "/en/events/feed/",
        "/en/organisations/",
        "/en/awards/",
        medal.get_absolute_url(),
        "/en/search/?q=sentinelova",
        "/en/search/?q=zahra",
        f"/en/people/{person.slug}/",
        "/sitemap.xml",
    ]
    return {path: client.get(path).content.decode() for path in paths}


def test_a_person_without_consent_appears_on_no_public_page(client, private_person):
    for path, content in every_public_answer(client, private_person).items():
        for secret in ("Sentinelova", "Zəhra", EMAIL, "345 67 89", "sentinel studies"):
            assert secret not in content, (path, secret)


def test_contacts_stay_out_of_exports_without_their_permission(tmp_path):
    person = PersonFactory(email=EMAIL, phone=PHONE, full_name="Leyla Həsənova")
    exported = tmp_path / "people.csv"
    call_command("export_data", "people", format="csv", output=str(exported), stdout=io.StringIO())
    content = exported.read_text(encoding="utf-8-sig")
    assert person.full_name in content
    assert EMAIL not in content
    assert "345 67 89" not in content


def test_person_data_prints_everything_stored(private_person):
    output = io.StringIO()
    call_command("person_data", str(private_person.pk), stdout=output)
    data = json.loads(output.getvalue())
    assert data["person"]["email"] == EMAIL
    assert data["person"]["full_name"] == NAME
    assert [m["role"] for m in data["memberships"]] == ["Chair"]
    assert len(data["conferments"]) == 1
    assert [item["title"] for item in data["programme_items"]] == ["Opening speech"]
    assert data["photos"][0]["title"] == "Portrait of Zəhra Sentinelova"
    assert data["history"][0]["type"] == "Created"


def test_person_data_of_an_unknown_id_says_so():
    with pytest.raises(CommandError, match="No person has the id 999999"):
        call_command("person_data", "999999", stdout=io.StringIO())


def test_erasing_removes_the_person_everywhere_and_keeps_the_award_unnamed(
    private_person, django_capture_on_commit_callbacks
):
    pk = private_person.pk
    photo_pk = private_person.photo_id
    shared = PhotoFactory(title_en="Award ceremony")
    PersonPhoto.objects.create(person=private_person, photo=shared)
    EventPhoto.objects.create(event=EventFactory(), photo=shared)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("erase_person", str(pk), yes=True, stdout=io.StringIO())

    person = Person.objects.get(pk=pk)
    assert (person.full_name, person.email, str(person.phone), person.public) == (
        "Erased person",
        "",
        "",
        False,
    )
    assert Conferment.objects.get().person_id == pk, "the award stays, unnamed"
    assert not Membership.objects.filter(person_id=pk).exists()
    assert not Photo.objects.filter(pk=photo_pk).exists(), "the portrait is gone"
    assert Photo.objects.filter(pk=shared.pk).exists(), "a photo an event shows stays"
    assert not person.history.exists()

    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    for secret in ("Sentinelova", "Zəhra", EMAIL, "345 67 89", "sentinel studies"):
        at = dump.getvalue().find(secret)
        assert at == -1, dump.getvalue()[max(0, at - 300) : at + 50]


def test_erasing_asks_first(private_person, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda question: "n")
    with pytest.raises(CommandError, match="Nothing was erased"):
        call_command("erase_person", str(private_person.pk), stdout=io.StringIO())
    assert Person.objects.get(pk=private_person.pk).full_name == NAME


def test_the_public_flag_needs_a_consent_date():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        PersonFactory(public=True, consent_date=None)


def test_an_anonymous_visitor_has_no_page_for_a_private_person(private_person):
    assert Client().get(f"/en/people/{private_person.slug}/").status_code == 404


def test_private_details_stay_out_of_the_logs(client, admin_client, caplog, private_person):
    import logging

    from imports.importing import import_file

    caplog.set_level(logging.DEBUG)
    rows = f"full_name,country,email,phone\nAynur Sentinelova,DE,{EMAIL},{PHONE}\n"
    import_file(dataset_name="people", uploaded=io.BytesIO(rows.encode()), file_name="p.csv")
    for path in (
        "/admin/organisations/person/",
        f"/admin/organisations/person/{private_person.pk}/change/",
    ):
        admin_client.get(path)
    every_public_answer(client, private_person)
    client.post("/admin/login/", {"username": EMAIL, "password": "wrong"})
    logged = caplog.text
    for secret in (EMAIL, "345 67 89", "Sentinelova"):
        assert secret not in logged, secret


def test_every_field_of_a_person_is_declared_personal_or_not():
    declared = {*Person.PERSONAL_FIELDS, *Person.NOT_PERSONAL_FIELDS}
    assert {field.name for field in Person._meta.concrete_fields} == declared
    assert not set(Person.PERSONAL_FIELDS) & set(Person.NOT_PERSONAL_FIELDS)
