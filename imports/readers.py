"""Reading the spreadsheets staff receive: CSV, XLSX, ODS and JSON, into rows of cells.

Whatever is wrong with a file as a whole (its format, encoding, size, a zip bomb) raises
`FileProblem` with a message for staff; what is wrong with one cell is left to the datasets.
"""

import csv
import datetime
import io
import json
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

FORMATS = {"csv": "CSV", "xlsx": "XLSX", "ods": "ODS", "json": "JSON"}


class FileProblem(Exception):
    """The file cannot be read at all; the message says why and what to do."""


@dataclass
class Table:
    headers: list
    rows: list  # lists of cell values, in the order of `headers`


class FormulaWithoutValue:
    """A formula cell saved without its computed result, which must not read as blank."""

    def __init__(self, formula):
        self.formula = formula

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
    data = uploaded.read(settings.IMPORTS_MAX_FILE_SIZE + 1)
    if len(data) > settings.IMPORTS_MAX_FILE_SIZE:
        raise FileProblem(
            _("The file is larger than %(limit)s; split it into smaller files.")
            % {"limit": filesizeformat(settings.IMPORTS_MAX_FILE_SIZE)}
        )
    if not data.strip():
        raise FileProblem(_("The file is empty."))
    reader = {"csv": _read_csv, "xlsx": _read_xlsx, "ods": _read_ods, "json": _read_json}
    rows = reader[extension](data)
    rows = [row for row in rows if any(not _blank(cell) for cell in row)]
    if not rows:
        raise FileProblem(_("The file has no header row."))
    headers = [str(cell).strip() if cell is not None else "" for cell in rows[0]]
    body = rows[1:]
    if len(body) > settings.IMPORTS_MAX_ROWS:
        raise FileProblem(
            _("The file has %(count)d rows; at most %(limit)d can be imported at once.")
            % {"count": len(body), "limit": settings.IMPORTS_MAX_ROWS}
        )
    width = len(headers)
    return Table(headers, [(row + [None] * width)[:width] for row in body])


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
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


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


def _read_xlsx(data):
    import openpyxl  # openpyxl parses with defusedxml when it is installed (it is).

    _check_zip(data)
    try:
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise FileProblem(
            _("The file is damaged or is not the spreadsheet its name says.")
        ) from error
    rows = []
    for value_row, formula_row in zip(
        values.worksheets[0].iter_rows(values_only=True),
        formulas.worksheets[0].iter_rows(values_only=True),
        strict=False,
    ):
        row = []
        for value, formula in zip(value_row, formula_row, strict=False):
            if value is None and isinstance(formula, str) and formula.startswith("="):
                value = FormulaWithoutValue(formula)
            row.append(value)
        rows.append(row)
        if len(rows) > settings.IMPORTS_MAX_ROWS + 1:
            break
    values.close()
    formulas.close()
    return rows


def _read_ods(data):
    from odf import opendocument, teletype
    from odf.namespaces import OFFICENS, TABLENS
    from odf.table import Table as OdsTable
    from odf.table import TableCell, TableRow

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
    rows = []
    for row_element in sheets[0].getElementsByType(TableRow):
        row = []
        for cell in row_element.getElementsByType(TableCell):
            repeat = int(cell.attributes.get((TABLENS, "number-columns-repeated"), 1) or 1)
            value = _ods_cell_value(cell, teletype, OFFICENS, TABLENS)
            # Trailing empty columns are often "repeated" thousands of times.
            row.extend([value] * (min(repeat, 1) if _blank(value) else repeat))
        repeat = int(row_element.attributes.get((TABLENS, "number-rows-repeated"), 1) or 1)
        if any(not _blank(cell) for cell in row):
            rows.extend([row] * min(repeat, limit))
        if len(rows) > limit:
            break
    return rows


def _ods_cell_value(cell, teletype, officens, tablens):
    attributes = cell.attributes
    value_type = attributes.get((officens, "value-type"))
    formula = attributes.get((tablens, "formula"))
    if value_type is None:
        if formula:
            return FormulaWithoutValue(formula)
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
    return [headers] + [[record.get(key) for key in headers] for record in records]
