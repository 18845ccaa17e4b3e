"""Dates, times and numbers as staff and readers write them in az, en and ru.

Every language reads dates day-first and writes them so in forms: staff in Baku, Berlin and
Moscow, and the spreadsheets they receive, mean 03.04.2025 as the 3rd of April. ISO dates
(2025-04-03) are read too, as Django always does. Times are 24-hour, minutes last.

Inside a date, months are lower case in Azerbaijani ("24 yanvar 2025") and in the genitive
in Russian ("24 января 2025 г."): Django's "E" (the month as a date writes it), whose
Azerbaijani names the project's catalogue gives in lower case (`ALT_MONTHS`).
"""

from django.utils.translation import pgettext_lazy

DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # 24.01.2025: the first is the one forms and the admin's calendar write
    "%d/%m/%Y",  # 24/01/2025
    "%d.%m.%y",  # 24.01.25
    "%d/%m/%y",  # 24/01/25
    "%Y-%m-%d",  # 2025-01-24
]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
FIRST_DAY_OF_WEEK = 1  # Monday

# Django's catalogue names the months inside Azerbaijani dates with a capital ("24 Yanvar");
# listed here so that the project's catalogue keeps, and corrects, them.
ALT_MONTHS = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
