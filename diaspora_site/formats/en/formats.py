"""English as staff here write it: "24 January 2025", dates day-first, never month-first.

Django's own English formats read 03/04/2020 as the 4th of March; staff in Baku and the
spreadsheets they receive mean the 3rd of April.
"""

from diaspora_site.formats import (  # noqa: F401
    DATE_INPUT_FORMATS,
    DATETIME_INPUT_FORMATS,
    FIRST_DAY_OF_WEEK,
    TIME_INPUT_FORMATS,
)

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
