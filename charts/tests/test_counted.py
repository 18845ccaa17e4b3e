"""Each figure's noun in the form its number takes, in the three languages: a table written
by the languages' own rules, not by the catalogues' formula."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

NUMBERS = [0, 1, 2, 5, 11, 21, 22, 25, 100]

# Russian: "one" after 1, 21, 31, ... (not 11); "few" after 2-4, 22-24, ... (not 12-14);
# "many" after the rest, 0 and 11-14 among them.
RUSSIAN_FORM = {0: 2, 1: 0, 2: 1, 5: 2, 11: 2, 21: 0, 22: 1, 25: 2, 100: 2}

NOUNS = {
    # (English one, English other), Azerbaijani (the singular after any number),
    # Russian (one, few, many).
    "organisations": (
        ("organisation", "organisations"),
        "təşkilat",
        ("организация", "организации", "организаций"),
    ),
    "countries": (("country", "countries"), "ölkə", ("страна", "страны", "стран")),
    "events": (("event", "events"), "tədbir", ("мероприятие", "мероприятия", "мероприятий")),
    "people": (("person", "people"), "şəxs", ("человек", "человека", "человек")),
    "people honoured": (
        ("person honoured", "people honoured"),
        "təltif olunmuş şəxs",
        ("награждённый", "награждённых", "награждённых"),
    ),
    "participants": (
        ("participant", "participants"),
        "iştirakçı",
        ("участник", "участника", "участников"),
    ),
}


def expected(language, nouns, number):
    english, azerbaijani, russian = NOUNS[nouns]
    if language == "en":
        return english[0] if number == 1 else english[1]
    if language == "az":
        return azerbaijani
    return russian[RUSSIAN_FORM[number]]


@pytest.mark.parametrize("language", ["az", "en", "ru"])
@pytest.mark.parametrize("nouns", sorted(NOUNS))
def test_each_figure_takes_the_form_its_number_asks_for(language, nouns):
    template = Template("{% load charts %}{{ number|counted:nouns }}")
    with translation.override(language):
        rendered = {
            number: template.render(Context({"number": number, "nouns": nouns}))
            for number in NUMBERS
        }
    assert rendered == {
        number: f"<strong>{number}</strong> {expected(language, nouns, number)}"
        for number in NUMBERS
    }


def test_the_figure_is_grouped_as_the_language_groups_thousands():
    template = Template("{% load charts %}{{ 12345|counted:'organisations' }}")
    with translation.override("ru"):
        assert template.render(Context()) == "<strong>12\xa0345</strong> организаций"
    with translation.override("en"):
        assert template.render(Context()) == "<strong>12,345</strong> organisations"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "shown", "never"),
    [
        ("ru", "Организации: 21", "21 организации"),
        ("az", "Təşkilatlar: 21", "21 təşkilatlar"),
        ("en", "Organisations: 21", "21 organisations"),
    ],
)
def test_the_admins_lists_count_their_records_as_a_label_and_a_figure(
    admin_client, language, shown, never
):
    from organisations.tests.factories import OrganisationFactory

    OrganisationFactory.create_batch(21)
    admin_client.cookies["django_language"] = language
    page = admin_client.get(
        "/admin/organisations/organisation/", headers={"accept-language": language}
    ).content.decode()
    assert shown in page
    assert never not in page.lower()


ROW_FORMS = ("строка", "строки", "строк")  # after a number: one, few, many
OF_ROWS = ("строки", "строк", "строк")  # after "из": the genitive, singular only after one
RECORDS = ("запись ждёт", "записи ждут", "записей ждут")


@pytest.mark.parametrize("count", NUMBERS)
def test_the_staffs_counted_messages_agree_in_russian(count, settings):
    """The import's limit, a job's progress and the review notice's subject."""
    from django.utils.translation import ngettext

    form = RUSSIAN_FORM[count]
    with translation.override("ru"):
        limit = ngettext(
            "The file has %(count)s row; at most %(limit)s can be imported at once.",
            "The file has %(count)s rows; at most %(limit)s can be imported at once.",
            count,
        ) % {"count": count, "limit": 10}
        progress = ngettext(
            "%(stage)s: %(done)s of %(total)s row", "%(stage)s: %(done)s of %(total)s rows", count
        ) % {"stage": "Запись", "done": 0, "total": count}
        subject = ngettext(
            "%(count)d record waits for your review: %(records)s",
            "%(count)d records wait for your review: %(records)s",
            count,
        ) % {"count": count, "records": "Мероприятия"}
    assert limit.startswith(f"В файле {count} {ROW_FORMS[form]};")
    assert progress == f"Запись: 0 из {count} {OF_ROWS[form]}"
    assert subject == f"{count} {RECORDS[form]} вашей проверки: Мероприятия"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("ru", "Удалено — организации: 5."),
        ("az", "Silindi — təşkilatlar: 5."),
        ("en", "Successfully deleted 5 organisations."),
    ],
)
def test_the_admins_own_delete_message_names_the_records_then_counts_them(
    admin_client, language, shown
):
    from organisations.models import Organisation
    from organisations.tests.factories import OrganisationFactory

    selected = [organisation.pk for organisation in OrganisationFactory.create_batch(5)]
    admin_client.cookies["django_language"] = language
    response = admin_client.post(
        "/admin/organisations/organisation/",
        {"action": "delete_selected", "_selected_action": selected, "post": "yes"},
        headers={"accept-language": language},
        follow=True,
    )
    assert [str(message) for message in response.context["messages"]] == [shown]
    assert not Organisation.objects.exists()


def test_no_azerbaijani_message_puts_a_plural_noun_after_a_number():
    """ "12 təşkilat", never "12 təşkilatlar": in every message of the catalogue, a number (or
    the placeholder of one) is never followed by a noun with the plural suffix."""
    from pathlib import Path

    import polib
    from django.conf import settings

    after_a_number = re.compile(r"(%\(\w+\)[sd]|\d+)\s+(\w+(?:lar|lər))\b")
    catalogue = polib.pofile(Path(settings.BASE_DIR) / "locale/az/LC_MESSAGES/django.po")
    found = [
        (entry.msgid, match.group(0))
        for entry in catalogue
        if not entry.obsolete
        for text in (entry.msgstr, *entry.msgstr_plural.values())
        for match in after_a_number.finditer(text or "")
    ]
    assert found == []
