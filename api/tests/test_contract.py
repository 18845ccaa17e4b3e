"""The API's contract as a partner's generated client reads it: what the schema promises,
the server keeps, and the reverse. The fuzzer asks ~1,500 questions of a live server over
the demo data; the tests beside it pin down the answers the issue tracker once caught."""

import datetime
import io
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from django import urls
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator

from api.deprecation import Going, going
from api.serializers import EventSerializer
from api.views import EventViewSet
from events.tests.factories import EventFactory
from organisations.tests.factories import OrganisationFactory
from search import SEARCH_MAX_LENGTH

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def operation(client, path):
    return client.get("/api/schema/").json()["paths"][path]["get"]


def parameter(client, path, name):
    (found,) = [p for p in operation(client, path)["parameters"] if p["name"] == name]
    return found["schema"]


def refused(response):
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= set(body)
    return {item["name"] for item in body["invalid_params"]}


@pytest.mark.parametrize(
    "query",
    [
        "lang=AAA",
        "limit=null",
        "limit=-5",
        "limit=0",
        "limit=abc",
        "limit=201",
        "limit=1.5",
        "updated_since=",
        "updated_since=2025-01-24",
        "updated_since=2025-01-24T10:00:00",
        "updated_since=2025-13-24T10:00:00Z",
        "country=AZE",
        "country=az",
        "country=",
        "year=0",
        "year=2025.5",
        "from=24.01.2025",
        "from=2025-02-30",
        "format=teleport",
        "organisation=not a slug",
        f"q={'x' * (SEARCH_MAX_LENGTH + 1)}",
        "q=a%00b",
        "cursor=bm8tc3VjaC1jdXJzb3I",
        "cursor=n0~2025-01-24",
        "colour=red",
    ],
)
def test_every_invalid_parameter_is_refused_and_named(client, query):
    assert refused(client.get(f"/api/v1/events/?{query}")) == {query.partition("=")[0]}


def test_all_the_refused_parameters_are_named_in_one_answer(client):
    response = client.get("/api/v1/events/?limit=0&cursor=x&lang=xx&utm_source=mail")
    assert refused(response) == {"limit", "cursor", "lang", "utm_source"}
    assert response.json()["type"] == "/api/docs/#invalid-parameters"


def test_a_record_reads_only_its_language(client):
    assert refused(client.get("/api/v1/events/nowhere/?country=DE")) == {"country"}
    missing = client.get("/api/v1/events/nowhere/?lang=ru")
    assert missing.status_code == 404
    assert missing["Content-Type"] == PROBLEM
    assert missing.json()["instance"] == "/api/v1/events/nowhere/?lang=ru"


def test_any_other_address_under_the_api_is_a_problem_not_a_page(client):
    for path in ("/api/v1/events/0.5/", "/api/v2/events/", "/api/v1/nothing/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"] == PROBLEM


def test_no_accept_language_is_a_reason_to_refuse(client):
    for header in ("xx", "*", "tlh-Piqd;q=0.9", ";;;", "ru-RU,ru;q=0.9,en;q=0.8"):
        assert (
            client.get("/api/v1/events/", headers={"accept-language": header}).status_code == 200
        )


def test_the_schema_states_the_limits_the_server_checks(client):
    assert parameter(client, "/api/v1/events/", "q")["maxLength"] == SEARCH_MAX_LENGTH
    assert parameter(client, "/api/v1/events/", "limit") == {
        "type": "integer",
        "minimum": 1,
        "maximum": 200,
    }
    assert "AZ" in parameter(client, "/api/v1/events/", "country")["enum"]
    assert parameter(client, "/api/v1/events/{slug}/", "lang")["enum"] == ["az", "en", "ru"]
    responses = operation(client, "/api/v1/events/{slug}/")["responses"]
    assert set(responses) == {"200", "304", "400", "404", "429", "503"}
    assert set(responses["404"]["content"]) == {PROBLEM}
    assert responses["429"]["headers"]["Retry-After"]["required"]


def test_the_cursors_the_api_writes_are_the_ones_its_schema_describes(client):
    EventFactory.create_batch(3, status="published")
    OrganisationFactory.create_batch(3, status="published")
    for path in ("/api/v1/events/", "/api/v1/organisations/"):
        pattern = parameter(client, path, "cursor")["pattern"]
        following = client.get(f"{path}?limit=1").json()["next"]
        written = re.search(r"cursor=([^&]+)", following)[1]
        assert re.fullmatch(pattern, unquote(written)), (pattern, written)
        assert client.get(following).status_code == 200
        back = client.get(following).json()["previous"]
        assert (
            client.get(back).json()["results"] == client.get(f"{path}?limit=1").json()["results"]
        )


@pytest.fixture
def demo_api(transactional_db, live_server, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    # The fuzzer asks ~1,500 questions in a minute: the throttle is not what it tests.
    settings.API_THROTTLE_RATE = "1000000/minute"
    call_command("load_demo", stdout=io.StringIO())
    return live_server.url


def test_a_fuzzer_finds_the_api_true_to_its_schema(demo_api, tmp_path):
    """schemathesis with all of its checks (server errors, status codes, content types,
    headers, response schemas, schema-violating requests refused and valid ones accepted),
    following the links from each list to its records, with a fixed seed."""
    schemathesis = Path(sys.executable).parent / "st"
    run = subprocess.run(
        [
            str(schemathesis),
            "run",
            f"{demo_api}/api/schema/",
            f"--url={demo_api}",
            "--checks=all",
            "--seed=1",
            "--max-examples=10",
            "--generation-database=none",
            "--workers=2",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-30000:] + run.stderr[-5000:]
    assert re.search(r"\b[1-9][0-9]{2,} passed\b", run.stdout), run.stdout[-3000:]


def test_a_field_that_goes_is_announced_in_every_answer_and_in_the_schema(rf, client):
    EventFactory(status="published")
    notice = Going(announced=datetime.date(2026, 12, 1), sunset=datetime.date(2027, 6, 2))

    @going(format=notice)
    class Announcing(EventSerializer):
        pass

    class Events(EventViewSet):
        serializer_class = Announcing

    answer = Events.as_view({"get": "list"})(rf.get("/api/v1/events/"))
    assert answer.status_code == 200
    assert answer["Deprecation"] == "@1796083200"
    assert answer["Sunset"] == "Wed, 02 Jun 2027 00:00:00 GMT"
    assert answer["Link"] == '</api/docs/#deprecation>; rel="deprecation"'
    # Nothing is going today: no answer says so.
    assert "Deprecation" not in client.get("/api/v1/events/")
    with pytest.raises(ValueError, match="six months"):
        Going(announced=datetime.date(2026, 12, 1), sunset=datetime.date(2027, 3, 1))
    generator = SchemaGenerator(
        patterns=[urls.path("api/v1/events/", Events.as_view({"get": "list"}))]
    )
    fields = generator.get_schema(public=True)["components"]["schemas"]["Announcing"]
    assert fields["properties"]["format"]["deprecated"] is True


def test_the_documentation_says_its_language_and_explains_its_problems(client):
    page = client.get("/api/docs/").content.decode()
    assert '<html lang="en">' in page
    assert 'id="invalid-parameters"' in page
    assert 'id="deprecation"' in page
