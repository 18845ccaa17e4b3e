"""Russian: "24 января 2025 г.", "24 января 2025 г., 14:30", 100 000."""

from diaspora_site.formats import (  # noqa: F401
    DATE_INPUT_FORMATS,
    DATETIME_INPUT_FORMATS,
    FIRST_DAY_OF_WEEK,
    TIME_INPUT_FORMATS,
)

DATE_FORMAT = "j E Y г."
DATETIME_FORMAT = "j E Y г., H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y г."
MONTH_DAY_FORMAT = "j E"  # "24 января", never Django's "24 Январь"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # a space that never breaks a number over two lines
NUMBER_GROUPING = 3
