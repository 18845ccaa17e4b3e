"""Dates, times, zones and numbers as a reader of each language writes them."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import formats, translation

from countries.zones import zone_name
from events.tests.factories import EventFactory

BAKU = zoneinfo.ZoneInfo("Asia/Baku")

# The 24th of each month, as a native reader writes it inside a sentence: Azerbaijani months
# in lower case, Russian ones in the genitive.
AZERBAIJANI_MONTHS = [
    "yanvar", "fevral", "mart", "aprel", "may", "iyun",
    "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr",
]  # fmt: skip
RUSSIAN_MONTHS = [
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
]  # fmt: skip
ENGLISH_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("az", [f"24 {month} 2025" for month in AZERBAIJANI_MONTHS]),
        ("ru", [f"24 {month} 2025 г." for month in RUSSIAN_MONTHS]),
        ("en", [f"24 {month} 2025" for month in ENGLISH_MONTHS]),
    ],
)
def test_a_date_names_its_month_as_a_sentence_does(language, written):
    with translation.override(language):
        shown = [formats.date_format(datetime.date(2025, month, 24)) for month in range(1, 13)]
    assert shown == written


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("az", "20 mart 2025, 14:30"),
        ("ru", "20 марта 2025 г., 14:30"),
        ("en", "20 March 2025, 14:30"),
    ],
)
def test_a_moment_is_written_day_first_and_24_hour(language, written):
    with translation.override(language):
        shown = formats.date_format(datetime.datetime(2025, 3, 20, 14, 30), "DATETIME_FORMAT")
    assert shown == written


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_forms_write_dates_day_first_and_read_them_any_unambiguous_way(language):
    from django import forms

    with translation.override(language):
        field = forms.DateField()
        assert field.widget.format_value(datetime.date(2025, 3, 20)) == "20.03.2025"
        read = [field.clean(text) for text in ("20.03.2025", "20/03/2025", "2025-03-20")]
        assert read == [datetime.date(2025, 3, 20)] * 3
        with pytest.raises(forms.ValidationError):
            field.clean("03/20/2025")  # month-first is never guessed


@pytest.mark.parametrize(
    ("zone", "month", "names"),
    [
        ("Asia/Baku", 1, ("Bakı vaxtı", "Baku time", "бакинское время")),
        ("Europe/Moscow", 7, ("Moskva vaxtı", "Moscow time", "московское время")),
        (
            "Europe/Berlin",
            1,
            (
                "Mərkəzi Avropa Standart Vaxtı",
                "Central European Standard Time",
                "Центральная Европа, стандартное время",
            ),
        ),
        (
            "Europe/Berlin",
            7,
            (
                "Mərkəzi Avropa Yay Vaxtı",
                "Central European Summer Time",
                "Центральная Европа, летнее время",
            ),
        ),
        ("Asia/Dubai", 7, ("Körfəz Vaxtı", "Gulf Standard Time", "время: Персидский залив")),
    ],
)
def test_a_time_zone_is_named_as_each_language_says_it(zone, month, names):
    moment = datetime.datetime(2025, month, 10, 12, tzinfo=datetime.UTC)
    shown = []
    for language in ("az", "en", "ru"):
        with translation.override(language):
            shown.append(zone_name(zone, moment))
    assert tuple(shown) == names


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "when", "zone"),
    [
        ("az", "24 iyun 2025, 19:00", "(Bakı vaxtı)"),
        ("ru", "24 июня 2025 г., 19:00", "(бакинское время)"),
        ("en", "24 June 2025, 19:00", "(Baku time)"),
    ],
)
def test_the_event_page_gives_its_time_and_names_its_zone(client, language, when, zone):
    event = EventFactory(
        status="published",
        start=datetime.datetime(2025, 6, 24, 19, 0, tzinfo=BAKU),
        end=datetime.datetime(2025, 6, 24, 21, 0, tzinfo=BAKU),
    )
    with translation.override(language):
        page = client.get(event.get_absolute_url()).content.decode()
    assert f">{when}</time>" in page
    assert zone in page
    assert "Asia/Baku" not in page


@pytest.mark.django_db
def test_an_event_abroad_is_named_in_its_own_zone_in_summer(client):
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    event = EventFactory(
        status="published",
        time_zone="Europe/Berlin",
        start=datetime.datetime(2025, 7, 10, 18, 0, tzinfo=berlin),
        end=None,
    )
    with translation.override("az"):
        page = client.get(event.get_absolute_url()).content.decode()
    assert ">10 iyul 2025, 18:00</time>" in page
    assert "(Mərkəzi Avropa Yay Vaxtı)" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "named"),
    [
        ("az", "Vaxtlar Bakı vaxtı ilə göstərilir."),
        ("ru", "Часовой пояс: бакинское время."),
        ("en", "Times are in Baku time."),
    ],
)
def test_staff_read_every_time_in_one_named_zone(admin_client, language, named):
    from awards.tests.factories import ConfermentFactory

    conferment = ConfermentFactory(date=datetime.date(2025, 3, 20))
    admin_client.cookies["django_language"] = language
    page = admin_client.get(
        reverse("admin:awards_conferment_change", args=[conferment.pk]),
        headers={"accept-language": language},
    ).content.decode()
    assert f'<span id="staff-time-zone">{named}</span>' in page
    assert 'value="20.03.2025"' in page  # day-first in the form, as staff type it
    # Django's note that the browser's zone differs from the server's is hidden.
    assert ".timezonewarning { display: none; }" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "counts", "records"),
    [
        ("ru", "<td>100\xa0000</td>", "Люди"),
        ("az", "<td>100\xa0000</td>", "Şəxslər"),
        ("en", "<td>100,000</td>", "People"),
    ],
)
def test_the_import_list_groups_its_counts_and_names_its_records(
    admin_client, django_user_model, language, counts, records
):
    from imports.models import ImportRecord

    ImportRecord.objects.create(
        dataset="people", file_name="people.xlsx", new_count=100000, status="done"
    )
    admin_client.cookies["django_language"] = language
    page = admin_client.get(
        reverse("admin:imports_importrecord_changelist"), headers={"accept-language": language}
    ).content.decode()
    assert counts.replace("<td>", '<td class="field-new">') in page
    assert f'<td class="field-records">{records}</td>' in page
    assert "100000" not in page


@pytest.mark.django_db
def test_years_are_never_grouped(client):
    from awards.tests.factories import ConfermentFactory

    conferment = ConfermentFactory(
        date=datetime.date(2025, 3, 20), status="published", medal__status="published"
    )
    with translation.override("ru"):
        page = client.get(conferment.medal.get_absolute_url()).content.decode()
    assert "<h3>2025</h3>" in page
    assert "2\xa0025" not in page


def test_the_dashboards_months_keep_the_azerbaijani_dotted_capital():
    with translation.override("az"):
        shown = [formats.date_format(datetime.date(2025, month, 1), "N Y") for month in (6, 7)]
    assert shown == ["İyun 2025", "İyul 2025"]
