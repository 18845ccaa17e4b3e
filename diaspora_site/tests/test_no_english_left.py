"""Nothing of the interface in English on /az/ and /ru/.

Every public page, and the admin's main pages, is read in English and in Azerbaijani and
Russian as a reader sees it: the text of the page and of the attributes a reader meets (alt,
title, aria-label, placeholder, a button's value). A piece of text with an English word that
the English page has too is interface left untranslated, unless it is content: a record's
value that has no language (a name, a city, an address) or a text the record has only in
English, which the page marks with `lang="en"` so that screen readers and translators read
it as English.
"""

import io
import pprint
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.urls import reverse
from django.utils import translation
from django_countries import countries
from modeltranslation.fields import TranslationField
from modeltranslation.translator import translator

pytestmark = pytest.mark.django_db

READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}
# The head's title and descriptions name the page's record, which may have no title in the
# page's language, and they cannot mark it as English; column names in <code> are literal.
SKIPPED_ELEMENTS = {"head", "script", "style", "code", "pre", "template", "noscript", "textarea"}
# Words the same in every language the site speaks, or names of formats and standards.
SAME_EVERYWHERE = {
    "API", "ATOM", "CSV", "GEOJSON", "HTML", "ICALENDAR", "ICS", "JSON", "ODS", "OPENAPI", "PDF",
    "RSS", "XLSX", "SVG", "ISO", "URL", "ID", "TOTP", "WEBP", "JPEG", "PNG", "MP4", "UTC",
    "SWAGGER", "DIASPORA", "EMAIL", "E-MAIL",
}  # fmt: skip
# Words Azerbaijani writes as English does.
SAME_IN_AZERBAIJANI = {"FORMAT", "MEDIA", "VIDEO", "STATUS", "MEDAL", "MAY", "PROFESSOR"}
WORD = re.compile(r"\w+")


class PageText(HTMLParser):
    """The texts of a page a reader meets, each with whether it is marked with its own
    language (`lang="en"` on content the record has only in English)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}  # fmt: skip

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, lang or None, skipped)
        self.texts = []  # (text, marked English)

    def _marked(self):
        """Within an element that names its own language (the page's root aside)."""
        return any(lang for tag, lang, _skipped in self.stack if tag != "html")

    def _skipped(self):
        return any(skipped for _tag, _lang, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = attributes.get("lang")
        hidden = "hidden" in attributes or attributes.get("aria-hidden") == "true"
        if not self._skipped() and not hidden:
            english = bool(lang) or self._marked()
            for name in READ_ATTRIBUTES:
                if attributes.get(name):
                    self.texts.append((attributes[name], english))
            if tag == "input" and attributes.get("type") in {"submit", "button"}:
                self.texts.append((attributes.get("value") or "", english))
        if tag not in self.VOID:
            self.stack.append((tag, lang, tag in SKIPPED_ELEMENTS or hidden))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self._skipped():
            self.texts.append((text, self._marked()))


def texts_of(page):
    parser = PageText()
    parser.feed(page)
    return parser.texts


def content_values(*, translated_too=False):
    """Every value of a record's field that has no language (names, cities, addresses), and
    with `translated_too` the texts of every language too: the admin's forms and lists show
    records as they are stored."""
    from events.timezones import known_time_zones

    translated = set()
    for model in translator.get_registered_models():
        translated |= set(translator.get_options_for_model(model).all_fields)
    # Time zones by their identifiers, and the engine's test app (installed by the tests'
    # settings only).
    values = {*known_time_zones(), *(zone.replace("_", " ") for zone in known_time_zones())}
    values |= {"Imports_Engine", "Entrys"}
    # Countries by the site's names, some spelt alike in every language (Malta, Peru).
    for language in ("az", "en", "ru"):
        with translation.override(language):
            values |= {str(name) for _code, name in countries}
    for model in apps.get_models():
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.SlugField)
            and (translated_too or not isinstance(field, TranslationField))
            and field.name not in translated
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            values.update(str(value) for value in row if value)
    return sorted(values, key=len, reverse=True)


def interface_left_in_english(english_page, page, content, language="az"):
    """The texts of `page` that are interface in English: on the English page too, with an
    English word once content is taken out, and not marked as English."""
    english_texts = {text for text, _marked in texts_of(english_page)}
    left = []
    for text, marked_english in texts_of(page):
        if marked_english or text not in english_texts:
            continue
        rest = text
        for value in content:
            if value in rest:
                rest = rest.replace(value, " ")
        words = [
            word
            for word in WORD.findall(rest)
            if len(word) > 2
            and word.isascii()
            and word.isalpha()
            and word.upper() not in SAME_EVERYWHERE
            and not (language == "az" and word.upper() in SAME_IN_AZERBAIJANI)
        ]
        if words:
            left.append(text)
    return sorted(set(left))


def public_pages():
    from awards.models import Medal
    from events.models import Event
    from media.models import Photo
    from organisations.models import Organisation, Person

    event = Event.objects.published().get(slug="videoconference-outcomes-2024")
    return [
        ("home", []),
        ("events:list", []),
        ("events:detail", [event.slug]),
        ("organisations:list", []),
        (
            "organisations:detail",
            [Organisation.objects.published().get(slug="azerbaijan-house-berlin").slug],
        ),
        ("organisations:person", [Person.objects.public().get(slug="leyla-hasanova").slug]),
        ("awards:roll", []),
        ("awards:medal", [Medal.objects.published().first().slug]),
        ("numbers", []),
        ("media:photo", [Photo.objects.published().first().pk]),
        ("registrations:register", ["diaspora-youth-summer-camp-2027"]),
    ], {"search": "leyla", "events:list": "country=DE"}


def rendered(client, name, args, language, query=""):
    with translation.override(language):
        address = reverse(name, args=args)
    response = client.get(address + (f"?{query}" if query else ""))
    assert response.status_code == 200, (address, response.status_code)
    return response.content.decode()


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


@pytest.mark.parametrize("language", ["az", "ru"])
def test_no_public_page_speaks_english_but_the_content_it_has_only_in_english(
    client, demo, language
):
    pages, queries = public_pages()
    pages += [("search", []), ("events:list", [])]
    content = content_values()
    found = {}
    for index, (name, args) in enumerate(pages):
        query = queries.get(name, "") if index >= len(pages) - 2 else ""
        english = rendered(client, name, args, "en", query)
        left = interface_left_in_english(
            english, rendered(client, name, args, language, query), content, language
        )
        if left:
            found[f"{name}{args}?{query}"] = left
    assert found == {}, pprint.pformat(found, width=100)


@pytest.mark.parametrize("language", ["az", "ru"])
def test_no_main_admin_page_speaks_english(admin_client, demo, language):
    from events.models import Event

    event = Event.objects.get(slug="videoconference-outcomes-2024")
    pages = [
        reverse("admin:index"),
        reverse("admin:events_event_changelist"),
        reverse("admin:events_event_change", args=[event.pk]),
        reverse("admin:organisations_organisation_changelist"),
        reverse("admin:organisations_person_changelist"),
        reverse("admin:awards_conferment_changelist"),
        reverse("admin:media_photo_changelist"),
        reverse("admin:imports_importrecord_changelist"),
        reverse("admin:events_event_import"),
    ]
    content = content_values(translated_too=True)
    found = {}
    for address in pages:
        pages_by_language = {}
        for shown in ("en", language):
            admin_client.cookies["django_language"] = shown
            response = admin_client.get(address, headers={"accept-language": shown})
            assert response.status_code == 200, (address, response.status_code)
            pages_by_language[shown] = response.content.decode()
        left = interface_left_in_english(
            pages_by_language["en"], pages_by_language[language], content, language
        )
        if left:
            found[address] = left
    assert found == {}, pprint.pformat(found, width=100)


def test_the_walk_finds_interface_left_in_english():
    """The check itself: an untranslated label is found, a marked English text is not."""
    english = '<p>Upcoming events</p><p lang="en">Representatives met</p><p>Berlin</p>'
    azerbaijani = '<p>Upcoming events</p><p lang="en">Representatives met</p><p>Berlin</p>'
    assert interface_left_in_english(english, azerbaijani, ["Berlin"]) == ["Upcoming events"]


def test_a_text_a_record_has_only_in_english_is_marked_as_english(client):
    from events.tests.factories import EventFactory

    event = EventFactory(
        status="published",
        title_en="Novruz in Berlin",
        title_az="Berlində Novruz",
        summary_en="Spring comes to the Spree.",
    )
    with translation.override("az"):
        page = client.get(event.get_absolute_url()).content.decode()
    assert "<h1>Berlində Novruz</h1>" in page
    assert '<p lang="en"><strong>Spring comes to the Spree.</strong></p>' in page


def test_a_photo_credit_is_given_in_each_language(client, settings):
    from events.models import EventPhoto
    from events.tests.factories import EventFactory
    from media.tests.factories import PhotoFactory

    typed = PhotoFactory(status="published", credit_en="Photo: Trend", credit_az="", credit_ru="")
    kept = PhotoFactory(status="published")
    event = EventFactory(status="published")
    for position, photo in enumerate((typed, kept)):
        EventPhoto.objects.create(event=event, photo=photo, position=position)
    pages = {}
    for language in ("az", "ru"):
        with translation.override(language):
            pages[language] = client.get(event.get_absolute_url()).content.decode()
    assert (
        f'<span class="credit">{settings.DIASPORA_DEFAULT_PHOTO_CREDIT_AZ}</span>' in pages["az"]
    )
    assert (
        f'<span class="credit">{settings.DIASPORA_DEFAULT_PHOTO_CREDIT_RU}</span>' in pages["ru"]
    )
    # A credit given in English only is shown, marked as English, where it has no other.
    assert '<span class="credit" lang="en">Photo: Trend</span>' in pages["az"]


def test_a_name_is_shown_in_the_readers_script(client):
    from organisations.tests.factories import PublicPersonFactory

    person = PublicPersonFactory(
        status="published",
        full_name="Leyla Həsənova",
        full_name_latin="Leyla Hasanova",
        full_name_cyrillic="Лейла Гасанова",
    )
    shown = {}
    for language in ("az", "ru"):
        with translation.override(language):
            shown[language] = client.get(person.get_absolute_url()).content.decode()
    assert "<h1>Leyla Həsənova</h1>" in shown["az"]
    assert "<h1>Лейла Гасанова</h1>" in shown["ru"]
    assert '<p class="muted">Leyla Həsənova · Leyla Hasanova</p>' in shown["ru"]


def test_staff_choose_an_events_zone_by_its_name_in_their_language(admin_client):
    admin_client.cookies["django_language"] = "az"
    page = admin_client.get(
        reverse("admin:events_event_add"), headers={"accept-language": "az"}
    ).content.decode()
    assert '<option value="Europe/Berlin">Europe/Berlin — Mərkəzi Avropa Vaxtı</option>' in page
    assert '<option value="Asia/Baku" selected>Asia/Baku — Bakı vaxtı</option>' in page


def test_a_name_written_in_cyrillic_is_shown_in_latin_on_the_other_pages(client):
    from organisations.tests.factories import PublicPersonFactory

    person = PublicPersonFactory(
        status="published", full_name="Рауф Мамедов", full_name_latin="Rauf Mammadov"
    )
    with translation.override("az"):
        page = client.get(person.get_absolute_url()).content.decode()
    assert "<h1>Rauf Mammadov</h1>" in page
    assert '<p class="muted">Рауф Мамедов</p>' in page
