import csv
import io

from django.utils import translation

from charts.bars import Chart


def chart(**changes):
    values = {
        "slug": "events-per-month",
        "title": "Events per month",
        "label_heading": "Month",
        "series": ("Online", "In person"),
        "rows": (("Jan 2025", (2, 1)), ("Feb 2025", (0, 0)), ("Mar 2025", (1234, 3))),
    }
    return Chart(**{**values, **changes})


def read_csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_csv_has_the_tables_rows_and_a_total_for_several_series():
    response = chart().csv_response()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="events-per-month.csv"'
    assert read_csv(response) == [
        ["Month", "Online", "In person", "Total"],
        ["Jan 2025", "2", "1", "3"],
        ["Feb 2025", "0", "0", "0"],
        ["Mar 2025", "1234", "3", "1237"],
    ]
    assert chart().table_rows == [
        ("Jan 2025", (2, 1), 3),
        ("Feb 2025", (0, 0), 0),
        ("Mar 2025", (1234, 3), 1237),
    ]


def test_one_series_has_no_total_column():
    one = chart(series=("Events",), rows=(("2024", (3,)), ("2025", (5,))))
    assert read_csv(one.csv_response()) == [["Month", "Events"], ["2024", "3"], ["2025", "5"]]


def test_columns_stack_each_series_from_the_baseline_and_scale_to_a_round_top():
    drawing = chart().drawing()
    january, february, march = drawing["columns"]
    assert february["segments"] == []
    # 1,237 at the top rounds up to 2,000; the plot is 188 units high.
    assert [tick["label"] for tick in drawing["ticks"]] == ["0", "1,000", "2,000"]
    online, in_person = march["segments"]
    assert online["y"] + online["height"] == drawing["axis"]["y"]
    assert in_person["y"] + in_person["height"] == online["y"]
    assert round(online["height"] + in_person["height"], 1) == round(1237 / 2000 * 188, 1)
    assert online["title"] == "Mar 2025, Online: 1,234"


def test_counts_are_written_as_the_language_writes_them():
    with translation.override("ru"):
        drawing = chart().drawing()
    assert drawing["columns"][2]["segments"][0]["title"] == "Mar 2025, Online: 1\xa0234"


def test_horizontal_bars_are_as_long_as_their_share_of_the_longest():
    types = chart(series=("Organisations",), rows=(("Community", (4,)), ("Media", (1,))))
    drawing = Chart(**{**types.__dict__, "horizontal": True}).drawing()
    community, media = drawing["bars"]
    assert community["width"] == 640 - 200 - 56
    assert media["width"] == round((640 - 200 - 56) / 4, 1)
    assert (community["value"], media["value"]) == ("4", "1")


def test_an_empty_chart_says_so():
    assert chart(rows=(("2025", (0, 0)),)).is_empty
    assert not chart().is_empty
