"""Formatted text: the allowed formatting survives, everything else is removed, on every path
that stores it (admin, import, any save) and every page, feed and structured data that shows
it."""

import csv
import html
import io
import json
import re

import pytest
from django.urls import reverse

from awards.tests.factories import MedalFactory
from events.tests.factories import EventFactory
from imports.exporting import export_file
from imports.tests.helpers import import_text
from organisations.models import Organisation, Person
from organisations.tests.factories import OrganisationFactory, PublicPersonFactory
from publishing.formatting import as_text, formatted, plain_texts_as_paragraphs, sanitize

ALLOWED = (
    "<h2>Novruz</h2><h3>Programme</h3><p>With <strong>music</strong> and <em>dance</em>.<br>"
    "Then tea.</p><ul><li>one</li></ul><ol><li>first</li></ol><blockquote><p>Quote</p>"
    '</blockquote><p><a href="https://example.org/a" rel="noopener noreferrer nofollow">site'
    '</a> <a href="mailto:info@example.org" rel="noopener noreferrer nofollow">mail</a></p>'
)

# Payloads aimed at sanitisers: nesting, entities and case in javascript: links, SVG and
# MathML, styles, event handlers.
HOSTILE = [
    "<scr<script>ipt>alert(1)</script>",
    '<a href="JaVaScRiPt:alert(1)">case</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<a href="&#106;avascript:alert(1)">entity</a>',
    '<a href=" javascript:alert(1)">space</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)><p>svg</p></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body{background:red}</style><p>after style</p>",
    '<p onmouseover="alert(1)">hover</p>',
    '<a href="https://example.org" onclick="alert(1)">click</a>',
    "<iframe src=javascript:alert(1)></iframe>",
    "<img src=x onerror=alert(1)>",
    "<!--<img src=x onerror=alert(1)>-->",
]
DANGEROUS = (
    "<script>alert",
    "javascript:",
    "data:text/html",
    "onerror",
    "onload",
    "onclick",
    "onmouseover",
    "<svg",
    "<math",
    "<iframe",
    "<img src=x",
    "<style>",
    "background:url",
)


def harmless(content):
    """No hostile construct in `content`, however its entities are written."""
    lowered = html.unescape(html.unescape(content)).lower()
    return [bad for bad in DANGEROUS if bad in lowered]


def test_the_allowed_formatting_survives_as_it_is():
    assert sanitize(ALLOWED) == ALLOWED


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_formatting_is_removed(payload):
    assert harmless(sanitize(payload)) == []


def test_other_formatting_keeps_its_words_and_loses_its_tags():
    assert sanitize('<h1>Big</h1><div class="x"><span>a</span> <u>b</u></div>') == "Biga b"
    assert sanitize("<p></p><p><br></p>") == ""


def test_plain_text_becomes_paragraphs_and_text_comes_back_for_feeds():
    assert formatted("First line\nsecond line\n\nTea & music > 3") == (
        "<p>First line<br>second line</p><p>Tea &amp; music &gt; 3</p>"
    )
    assert as_text("<h2>Title</h2><p>Tea &amp; music</p><ul><li>one</li><li>two</li></ul>") == (
        "Title\nTea & music\none\ntwo"
    )


@pytest.mark.django_db
def test_every_save_stores_it_sanitised():
    event = EventFactory(body_en='<p onclick="x">Hi <script>alert(1)</script></p>\n')
    organisation = OrganisationFactory(description_en="Plain\n\ntext")
    event.refresh_from_db()
    organisation.refresh_from_db()
    assert event.body_en == "<p>Hi </p>"
    assert organisation.description_en == "<p>Plain</p><p>text</p>"


@pytest.mark.django_db
def test_the_migration_turns_plain_texts_into_paragraphs_and_leaves_html_alone():
    plain = OrganisationFactory()
    html_one = OrganisationFactory()
    Organisation.objects.filter(pk=plain.pk).update(
        description_en="A council.\nFounded 1999.", description_az="Şura & dostlar"
    )
    Organisation.objects.filter(pk=html_one.pk).update(description_en="<p>Kept</p>")
    plain_texts_as_paragraphs(Organisation, "description")
    plain.refresh_from_db()
    html_one.refresh_from_db()
    assert plain.description_en == "<p>A council.<br>Founded 1999.</p>"
    assert plain.description_az == "<p>Şura &amp; dostlar</p>"
    assert html_one.description_en == "<p>Kept</p>"


@pytest.mark.django_db
def test_imports_take_plain_text_or_html_and_name_a_cell_with_nothing_left():
    result = import_text(
        "organisations",
        "name,type,country,description,description_az\n"
        'House in Köln,community,DE,"Line one\nline two","<h2>Ev</h2><script>x()</script>"\n'
        'House in Bonn,community,DE,"<p>ok</p>",<script>alert(1)</script>\n',
    )
    assert [str(error) for error in result.errors] == [
        "row 3, column description_az: nothing is left once what is not allowed is removed "
        "(paragraphs, headings, bold, italic, lists, links and quotes are) "
        "(“<script>alert(1)</script>”)"
    ]
    good = import_text(
        "organisations",
        "name,type,country,description,description_az\n"
        'House in Köln,community,DE,"Line one\nline two","<h2>Ev</h2><script>x()</script>"\n',
    )
    assert good.errors == []
    house = Organisation.objects.get(name_en="House in Köln")
    assert house.description_en == "<p>Line one<br>line two</p>"
    assert house.description_az == "<h2>Ev</h2>"

    exported = export_file(dataset_name="organisations", file_format="csv").decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(exported)))
    assert (row["description"], row["description_az"]) == (
        "<p>Line one<br>line two</p>",
        "<h2>Ev</h2>",
    )


@pytest.mark.django_db
def test_people_biographies_import_as_formatting_too():
    result = import_text(
        "people",
        'full_name,country,bio\nLeyla Həsənova,DE,"<p>Singer <em>and</em> teacher</p>"\n',
    )
    assert result.errors == []
    assert Person.objects.get().biography_en == "<p>Singer <em>and</em> teacher</p>"


@pytest.fixture
def poisoned(db):
    # First: the unclosed <style> of one payload takes what follows it away with it.
    payload = "<p>Visible words</p>" + "".join(HOSTILE)
    organisation = OrganisationFactory(status="published", description_en=payload)
    person = PublicPersonFactory(status="published", biography_en=payload)
    event = EventFactory(status="published", body_en=payload, organiser=organisation)
    medal = MedalFactory(status="published", description_en=payload)
    # Stored by a path that skips every save: the pages sanitise again on the way out.
    Organisation.objects.filter(pk=organisation.pk).update(description_en=payload)
    return {"organisation": organisation, "person": person, "event": event, "medal": medal}


def test_hostile_formatting_is_inert_on_every_public_page_feed_and_structured_data(
    client, poisoned
):
    paths = [record.get_absolute_url() for record in poisoned.values()]
    paths += ["/en/events/feed/", "/en/events/calendar.ics", "/en/", "/en/organisations/"]
    for path in paths:
        response = client.get(path)
        if response.status_code == 404:
            continue
        assert response.status_code == 200, path
        content = response.content.decode()
        # The site's own map is SVG; nothing else on a page may be, and the map has
        # nothing else that is dangerous either.
        maps = re.findall(r'<figure class="world-map">.*?</figure>', content, re.S)
        for drawn in maps:
            assert [bad for bad in harmless(drawn) if bad != "<svg"] == [], path
            content = content.replace(drawn, "")
        # So is the embed snippet an organisation's page gives to copy, as text.
        for box, snippet in re.findall(
            r'(<textarea id="embed-code"[^>]*>(.*?)</textarea>)', content
        ):
            assert re.fullmatch(
                r'<iframe src="http://testserver/embed/events/\?organisation=[\w-]+&amp;lang=en'
                r'&amp;limit=5" title="[^"<>]*" width="100%" height="420" loading="lazy" '
                r'style="border:0"></iframe>',
                html.unescape(snippet),
            ), path
            content = content.replace(box, "")
        assert harmless(content) == [], path
    page = client.get(poisoned["organisation"].get_absolute_url()).content.decode()
    assert "<p>Visible words</p>" in page
    structured = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert "<" not in structured["description"]
    assert structured["description"].startswith("Visible words")


def test_hostile_formatting_is_inert_in_the_admin(admin_client, poisoned):
    for record in poisoned.values():
        opts = record._meta
        for view in ("change", "history"):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[record.pk])
            content = admin_client.get(url).content.decode()
            assert "<script>alert" not in content
            assert "<img src=x onerror" not in content


def test_the_editor_loads_under_the_policy_with_the_pages_nonce(admin_client, poisoned):
    event = poisoned["event"]
    response = admin_client.get(reverse("admin:events_event_change", args=[event.pk]))
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    content = response.content.decode()
    assert f'<script type="importmap" nonce="{nonce}">' in content
    assert "django_prose_editor/editor" in content
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


def test_an_admin_save_stores_the_editors_html_sanitised(admin_client, submit_admin_form):
    organisation = OrganisationFactory(description_en="<p>Before</p>")
    url = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    response = submit_admin_form(
        admin_client,
        url,
        description_en='<h2>Who</h2><p onclick="x">We <a href="javascript:x">meet</a></p>',
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.description_en == (
        '<h2>Who</h2><p>We <a rel="noopener noreferrer nofollow">meet</a></p>'
    )
