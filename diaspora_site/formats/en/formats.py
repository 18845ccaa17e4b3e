"""English as staff here write it: dates day-first, never month-first.

Django's own English formats read 03/04/2020 as the 4th of March; staff in Baku and the
spreadsheets they receive mean the 3rd of April.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2025-01-24, first: the admin's calendar writes this one
    "%d.%m.%Y",  # 24.01.2025
    "%d/%m/%Y",  # 24/01/2025
    "%d.%m.%y",  # 24.01.25
    "%d/%m/%y",  # 24/01/25
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
