"""Reading the spreadsheets staff receive: CSV, XLSX, ODS and JSON, into rows of cells.

Whatever is wrong with a file as a whole (its format, encoding, size, a zip bomb) raises
`FileProblem` with a message for staff; what is wrong with one cell is left to the datasets.
"""

import csv
import datetime
import io
import itertools
import json
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

FORMATS = {"csv": "CSV", "xlsx": "XLSX", "ods": "ODS", "json": "JSON"}


class FileProblem(Exception):
    """The file cannot be read at all; the message says why and what to do."""


@dataclass
class Table:
    headers: list
    rows: list  # lists of cell values, in the order of `headers`; None for a blank cell
    # Each row's number as the spreadsheet shows it, blank rows counted (the header's too).
    numbers: list
    header_number: int = 1


@dataclass(frozen=True)
class FormulaWithoutValue:
    """A formula cell saved without its computed result, which must not read as blank."""

    formula: str

    def __str__(self):
        return self.formula


def file_format(file_name):
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if extension not in FORMATS:
        raise FileProblem(
            _("Only CSV, XLSX, ODS and JSON files can be imported; “%(name)s” is not one.")
            % {"name": file_name}
        )
    return extension


def read_table(uploaded, file_name):
    """The header and rows of the first sheet of `uploaded` (a binary file object)."""
    extension = file_format(file_name)
    data = read_data(uploaded)
    reader = {"csv": _read_csv, "xlsx": read_xlsx_rows, "ods": _read_ods, "json": _read_json}
    rows = (
        (number, row)
        for number, row in reader[extension](data)
        if any(not _blank(cell) for cell in row)
    )
    header_number, header = next(rows, (None, None))
    if header is None:
        raise FileProblem(_("The file has no header row."))
    headers = ["" if _blank(cell) else str(cell).strip() for cell in header]
    # Cells under no header are never read; a CSV keeps empty headers at the end where a
    # spreadsheet drops them, and both must read alike.
    while not headers[-1]:
        headers.pop()
    width = len(headers)
    table = Table(headers, [], [], header_number)
    # Staff files repeat their countries, cities, types and organisations row after row:
    # equal texts are kept once, which a 100,000-row file feels.
    texts = {}
    for number, row in rows:
        if len(table.rows) == settings.IMPORTS_MAX_ROWS:
            count = len(table.rows) + 1 + sum(1 for _row in rows)
            raise FileProblem(
                ngettext(
                    "The file has %(count)s row; at most %(limit)s can be imported at once.",
                    "The file has %(count)s rows; at most %(limit)s can be imported at once.",
                    count,
                )
                % {
                    "count": number_format(count, force_grouping=True),
                    "limit": number_format(settings.IMPORTS_MAX_ROWS, force_grouping=True),
                }
            )
        table.rows.append(
            [
                None
                if _blank(cell)
                else texts.setdefault(cell, cell)
                if type(cell) is str
                else cell
                for cell in (list(row) + [None] * width)[:width]
            ]
        )
        table.numbers.append(number)
    return table


def read_data(uploaded):
    """The bytes of `uploaded`, unless it is too large or empty."""
    data = uploaded.read(settings.IMPORTS_MAX_FILE_SIZE + 1)
    if len(data) > settings.IMPORTS_MAX_FILE_SIZE:
        raise FileProblem(
            _("The file is larger than %(limit)s; split it into smaller files.")
            % {"limit": filesizeformat(settings.IMPORTS_MAX_FILE_SIZE)}
        )
    if not data.strip():
        raise FileProblem(_("The file is empty."))
    return data


def _blank(cell):
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _read_csv(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileProblem(
            _(
                "The file is not in UTF-8, the encoding this site reads. In Excel choose "
                "File › Save As › “CSV UTF-8 (Comma delimited)”; in LibreOffice tick "
                "“Edit filter settings” and choose “Unicode (UTF-8)”."
            )
        ) from error
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_csv_delimiter(text[:65536]))
    return enumerate(rows, start=1)


def _csv_delimiter(sample):
    """The delimiter (comma, semicolon or tab) under which the first rows read cleanly.

    Excel writes `;` where the decimal sign is a comma, and a header such as "Name, surname"
    must not make the comma the delimiter there. Under a wrong delimiter, quoted cells break
    apart (a quote lands inside a cell) and rows differ in width from the header; so the
    delimiter with the fewest rows holding a stray quote wins, then the one under which most
    rows have the header's width, then the one finding the most named columns, then columns.
    """
    best, best_score = ",", None
    for delimiter in (",", ";", "\t"):
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            rows = list(itertools.islice(reader, 50))
        except csv.Error:
            continue
        # A row of delimiters alone is blank under its own delimiter only.
        rows = [row for row in rows if any(cell.strip() for cell in row)]
        if not rows:
            continue
        width, below = len(rows[0]), rows[1:]
        score = (
            -sum(any('"' in cell for cell in row) for row in rows),
            sum(len(row) == width for row in below) / len(below) if below else 1,
            sum(bool(cell.strip()) for cell in rows[0]),
            width,
        )
        if best_score is None or score > best_score:
            best, best_score = delimiter, score
    return best


def _check_zip(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise FileProblem(
            _("The file is damaged or is not the spreadsheet its name says.")
        ) from error
    unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked > settings.IMPORTS_MAX_UNPACKED_SIZE:
        raise FileProblem(
            _("The spreadsheet unpacks to more than %(limit)s; it is refused.")
            % {"limit": filesizeformat(settings.IMPORTS_MAX_UNPACKED_SIZE)}
        )
    return archive


def read_xlsx_rows(data):
    """(number, cells) of each row of the first sheet of the XLSX file in `data`."""
    import openpyxl  # openpyxl parses with defusedxml when it is installed (it is).

    _check_zip(data)
    try:
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise FileProblem(
            _("The file is damaged or is not the spreadsheet its name says.")
        ) from error
    return _xlsx_rows(values, formulas)


def _xlsx_rows(values, formulas):
    """(number, cells) of each row of the first sheet, read as they are needed."""
    rows = enumerate(
        zip(
            values.worksheets[0].iter_rows(values_only=True),
            formulas.worksheets[0].iter_rows(values_only=True),
            strict=False,
        ),
        start=1,
    )
    try:
        for number, (value_row, formula_row) in rows:
            row = []
            for value, formula in zip(value_row, formula_row, strict=False):
                if value is None and isinstance(formula, str) and formula.startswith("="):
                    value = FormulaWithoutValue(formula)
                elif isinstance(value, datetime.datetime) and value.time() == datetime.time():
                    # XLSX keeps a date as a date-time at midnight; ODS and staff mean a date.
                    value = value.date()
                row.append(value)
            yield number, row
    finally:
        values.close()
        formulas.close()


_ODS_CELLS = {
    ("urn:oasis:names:tc:opendocument:xmlns:table:1.0", "table-cell"),
    ("urn:oasis:names:tc:opendocument:xmlns:table:1.0", "covered-table-cell"),
}


def _read_ods(data):
    from odf import opendocument, teletype
    from odf.namespaces import OFFICENS, TABLENS
    from odf.table import Table as OdsTable
    from odf.table import TableRow

    _check_zip(data)
    try:
        document = opendocument.load(io.BytesIO(data))
    except Exception as error:  # odfpy raises many kinds on a broken file
        raise FileProblem(
            _("The file is damaged or is not the spreadsheet its name says.")
        ) from error
    sheets = document.spreadsheet.getElementsByType(OdsTable)
    if not sheets:
        return []
    limit = settings.IMPORTS_MAX_ROWS + 1
    rows, number = [], 1
    for row_element in sheets[0].getElementsByType(TableRow):
        row = _ods_row(row_element, teletype, OFFICENS, TABLENS)
        repeat = int(row_element.attributes.get((TABLENS, "number-rows-repeated"), 1) or 1)
        if any(not _blank(cell) for cell in row):
            # Identical rows, stored once; only a few of them can be wanted.
            rows.extend((number + copy, row) for copy in range(min(repeat, limit)))
        number += repeat
        if len(rows) > limit:
            break
    return rows


def _ods_row(row_element, teletype, officens, tablens):
    """A row's cells in their columns.

    LibreOffice stores a run of identical cells once, with `number-columns-repeated`: a run of
    blanks in the middle of a row must keep its width, or every later value moves left.
    Only blanks at the end of a row (often "repeated" to the sheet's last column) are dropped.
    Merged-away cells (`covered-table-cell`) keep their column too.
    """
    row, blanks = [], []
    for cell in row_element.childNodes:
        if cell.qname not in _ODS_CELLS:
            continue
        repeat = int(cell.attributes.get((tablens, "number-columns-repeated"), 1) or 1)
        value = _ods_cell_value(cell, teletype, officens, tablens)
        if _blank(value):
            blanks.append((value, repeat))
            continue
        for blank, count in blanks:
            row.extend([blank] * count)
        blanks = []
        row.extend([value] * repeat)
    return row


def _ods_cell_value(cell, teletype, officens, tablens):
    attributes = cell.attributes
    value_type = attributes.get((officens, "value-type"))
    formula = attributes.get((tablens, "formula"))
    if value_type is None:
        if formula:
            # "of:=SUM([.A1:.A3])": OpenFormula, shown to staff as they typed it.
            return FormulaWithoutValue(formula.removeprefix("of:"))
        text = "\n".join(teletype.extractText(p) for p in cell.childNodes)
        return text or None
    if value_type in {"float", "percentage", "currency"}:
        number = float(attributes.get((officens, "value")))
        return int(number) if number.is_integer() else number
    if value_type == "date":
        raw = attributes.get((officens, "date-value"))
        if "T" in raw:
            return datetime.datetime.fromisoformat(raw)
        return datetime.date.fromisoformat(raw)
    if value_type == "boolean":
        return attributes.get((officens, "boolean-value")) == "true"
    return "\n".join(teletype.extractText(p) for p in cell.childNodes)


def _read_json(data):
    try:
        records = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise FileProblem(_("The file is not valid JSON: %(error)s") % {"error": error}) from error
    if not isinstance(records, list) or not all(isinstance(item, dict) for item in records):
        raise FileProblem(_("A JSON file must hold a list of objects, one per row."))
    headers = []
    for record in records:
        headers.extend(key for key in record if key not in headers)
    rows = [headers] + [[record.get(key) for key in headers] for record in records]
    return enumerate(rows, start=1)
