import datetime

import pytest
from django.db import models

from imports import values
from imports.readers import FormulaWithoutValue


class Colour(models.TextChoices):
    RED = "red", "Red"
    DARK_BLUE = "dark_blue", "Dark blue"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2025-01-24", datetime.date(2025, 1, 24)),
        ("24.01.2025", datetime.date(2025, 1, 24)),
        ("24/01/2025", datetime.date(2025, 1, 24)),
        ("03/04/2020", datetime.date(2020, 4, 3)),  # day-first, never month-first
        ("25.12.2020", datetime.date(2020, 12, 25)),
        (datetime.datetime(2025, 1, 24, 0, 0), datetime.date(2025, 1, 24)),
        (datetime.date(2025, 1, 24), datetime.date(2025, 1, 24)),
        ("", None),
        (None, None),
    ],
)
def test_date_forms(cell, expected):
    assert values.date(cell) == expected


@pytest.mark.parametrize("cell", ["12/25/2020", "2025-13-01", "yesterday", "31.02.2025"])
def test_date_refuses_what_is_not_a_day_first_date(cell):
    with pytest.raises(values.ValueProblem, match="expected a date"):
        values.date(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("24.01.2025 15:00", datetime.datetime(2025, 1, 24, 15, 0)),
        ("24/01/2025 15:00:30", datetime.datetime(2025, 1, 24, 15, 0, 30)),
        ("2025-01-24 15:00", datetime.datetime(2025, 1, 24, 15, 0)),
        (
            "2025-06-14T10:00:00+02:00",
            datetime.datetime(
                2025, 6, 14, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
            ),
        ),
        (datetime.datetime(2025, 1, 24, 15, 0), datetime.datetime(2025, 1, 24, 15, 0)),
    ],
)
def test_date_time_forms(cell, expected):
    assert values.date_time(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("yes", True),
        ("YES", True),
        ("true", True),
        ("1", True),
        ("bəli", True),
        ("да", True),
        ("no", False),
        ("False", False),
        ("0", False),
        ("xeyr", False),
        ("нет", False),
        (True, True),
        (False, False),
        ("", "default"),
        (None, "default"),
    ],
)
def test_boolean_forms(cell, expected):
    assert values.boolean(cell, default="default") == expected


def test_boolean_refuses_anything_else():
    with pytest.raises(values.ValueProblem, match="expected yes or no"):
        values.boolean("maybe", default=False)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("red", "red"), ("RED", "red"), ("Dark blue", "dark_blue"), ("dark_blue", "dark_blue")],
)
def test_choice_by_code_or_label_in_any_case(cell, expected):
    assert values.choice(cell, Colour) == expected


def test_choice_refusal_lists_the_choices():
    with pytest.raises(values.ValueProblem, match="expected one of: Red, Dark blue"):
        values.choice("green", Colour)


@pytest.mark.parametrize("cell", ["DE", "de", "DEU", "Germany", "germany"])
def test_country_forms(cell):
    assert values.country(cell) == "DE"


def test_country_refuses_an_unknown_one():
    with pytest.raises(values.ValueProblem, match="expected a country code"):
        values.country("Narnia")


@pytest.mark.parametrize("cell", ["a\x00b", "bell\x07", "esc\x1b"])
def test_text_refuses_control_characters(cell):
    with pytest.raises(values.ValueProblem, match="control character"):
        values.text(cell)


def test_text_keeps_tabs_and_line_breaks_inside_and_strips_around():
    assert values.text("  line one\nline\ttwo  ") == "line one\nline\ttwo"


def test_text_removes_the_apostrophe_an_export_put_before_a_formula_sign():
    assert [values.text("'=1+2"), values.text("'-Group"), values.text("'tis")] == [
        "=1+2",
        "-Group",
        "'tis",
    ]


def test_formula_without_a_stored_result_is_an_error_not_a_blank():
    with pytest.raises(values.ValueProblem, match="saved without its result"):
        values.text(FormulaWithoutValue("=SUM(A1:A3)"))


@pytest.mark.parametrize(("cell", "expected"), [("1,000", 1000), (85.0, 85), ("", None)])
def test_integer_forms(cell, expected):
    assert values.integer(cell) == expected


@pytest.mark.parametrize(
    "cell",
    ["DE", "deu", "Germany", "Almaniya", "ALMANIYA", "ALMANİYA", "Германия", " германия "],
)
def test_country_by_code_or_by_name_in_english_azerbaijani_or_russian(cell):
    assert values.country(cell) == "DE"


def test_names_headers_and_identities_are_compared_by_one_key():
    from imports.datasets import _header_key, _identity_part

    assert values.name_key("  ƏLİ   Həsənov ") == values.name_key("Əli həsənov") == "əli həsənov"
    assert values.name_key("Алёна") == values.name_key("АЛЕНА")
    assert _header_key("Full_Name") == values.name_key("full name")
    # A row naming a record in capitals finds it, as a country's name does.
    assert _identity_part("ŞƏKİ") == _identity_part("Şəki")
    assert _identity_part(2025) == 2025
