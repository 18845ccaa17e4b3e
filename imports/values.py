"""The forms values take in staff spreadsheets, read into Python values.

Each reader takes a cell (a string, a number, a date from an XLSX/ODS cell, or None) and
returns the value, or raises `ValueProblem` with a message that names what was expected.
"""

import datetime
import re
import zoneinfo

from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from countries.spellings import AmbiguousCountry, UnknownCountry, find_country

from .readers import FormulaWithoutValue

# Control characters have no place in a cell; tab and line breaks do.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Exports write a leading apostrophe before these, so that no spreadsheet runs a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"]
TIME_FORMATS = ["%H:%M", "%H:%M:%S"]


class ValueProblem(Exception):
    pass


def text(cell):
    """The cell as text: stripped, "" when blank; refuses control characters and formulas."""
    if cell is None:
        return ""
    if isinstance(cell, FormulaWithoutValue):
        raise ValueProblem(
            _(
                "the formula %(formula)s was saved without its result; recalculate and save the "
                "file again, or type the value"
            )
            % {"formula": cell.formula}
        )
    if isinstance(cell, bool):
        return _("yes") if cell else _("no")
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, datetime.datetime | datetime.date):
        return cell.isoformat()
    value = str(cell)
    if _CONTROL.search(value):
        raise ValueProblem(_("contains a control character that cannot be stored"))
    value = value.strip()
    if value.startswith("'") and value[1:2] and value[1] in FORMULA_STARTS:
        value = value[1:]
    return value


def integer(cell):
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if float(cell).is_integer():
            return int(cell)
        raise ValueProblem(_("expected a whole number"))
    value = text(cell).replace(" ", "").replace("\u00a0", "").replace(",", "")
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise ValueProblem(_("expected a whole number")) from None


def date(cell):
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    value = text(cell)
    if not value:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueProblem(_("expected a date such as 24.01.2025 or 2025-01-24"))


def date_time(cell):
    """A date-time; naive unless the cell gave an offset (the dataset knows the zone)."""
    if isinstance(cell, datetime.datetime):
        return cell
    if isinstance(cell, datetime.date):
        return datetime.datetime.combine(cell, datetime.time())
    value = text(cell)
    if not value:
        return None
    return _parse_date_time(value)


def _parse_date_time(value):
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        pass
    for date_pattern in DATE_FORMATS:
        for time_pattern in ["", *TIME_FORMATS]:
            pattern = f"{date_pattern} {time_pattern}".strip()
            try:
                return datetime.datetime.strptime(value, pattern)
            except ValueError:
                continue
    raise ValueProblem(_("expected a date and time such as 24.01.2025 15:00"))


_TRUE = {"yes", "true", "1", "y", "bəli", "beli", "hə", "да", "истина"}
_FALSE = {"no", "false", "0", "n", "xeyr", "yox", "нет", "ложь"}


def boolean(cell, default):
    if isinstance(cell, bool):
        return cell
    value = text(cell).casefold()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueProblem(_("expected yes or no (bəli/xeyr, да/нет)"))


def choice(cell, choices):
    """The code of a `TextChoices` member given by its code or its label in az, en or ru."""
    value = text(cell).casefold()
    if not value:
        return None
    code = _choice_codes(choices).get(value)
    if code is None:
        raise ValueProblem(
            _("expected one of: %(choices)s")
            % {"choices": ", ".join(str(label) for label in choices.labels)}
        )
    return code


_choice_cache = {}


def _choice_codes(choices):
    if choices not in _choice_cache:
        codes = {}
        for code, label in choices.choices:
            codes[code.casefold()] = code
            for language in ("en", "az", "ru"):
                with translation.override(language):
                    codes[str(label).casefold()] = code
        _choice_cache[choices] = codes
    return _choice_cache[choices]


def country(cell):
    """An ISO 3166 alpha-2 code from an alpha-2 or alpha-3 code, or any name of the country
    in az, en or ru ("UK", "США", "Böyük Britaniya" too: `countries.spellings`)."""
    value = text(cell)
    if not value:
        return ""
    try:
        return find_country(value)
    except AmbiguousCountry as ambiguous:
        raise ValueProblem(
            _("“%(name)s” may mean %(countries)s: write which one")
            % {
                "name": value,
                "countries": _(" or ").join(str(countries.name(code)) for code in ambiguous.codes),
            }
        ) from None
    except UnknownCountry:
        raise ValueProblem(
            _(
                "expected a country code such as DE or DEU, or a name such as Germany, "
                "Almaniya or Германия"
            )
        ) from None


def name_key(name):
    """A name, header or value compared as staff mean it: case, spacing, ё and the
    Azerbaijani dotted and dotless i aside (ƏLİ is Əli)."""
    # Azerbaijani capitals: İ folds to i with a dot above, and I is ı's capital.
    folded = " ".join(str(name or "").replace("ё", "е").split()).casefold()
    return folded.replace("i\u0307", "i").replace("ı", "i")


def cell_of(model_field, record):
    """The value of `model_field` on `record` in the form the readers above take back.

    Choices by their label, countries by their code, phone numbers in international form,
    yes or no; everything else as it is stored.
    """
    value = getattr(record, model_field.attname)
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "as_international"):  # phonenumbers.PhoneNumber
        return value.as_international
    if hasattr(value, "code") and hasattr(value, "flag"):  # django_countries.Country
        return value.code
    if model_field.choices and value != "":
        return str(dict(model_field.flatchoices).get(value, value))
    return value


def time_zone(cell):
    value = text(cell)
    if not value:
        return None
    try:
        return zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueProblem(_("expected a time zone such as Europe/Vienna")) from None
