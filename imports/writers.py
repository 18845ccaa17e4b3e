"""Writing rows out as CSV, XLSX, ODS or JSON, with no cell a spreadsheet would run.

A cell that starts with =, +, -, @, a tab or a carriage return could be taken for a
formula; CSV gets a leading apostrophe (which the importer removes again), and XLSX and ODS
store every such cell as text.
"""

import csv
import datetime
import io
import json

from .values import FORMULA_STARTS

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "json": "application/json",
}


def write_table(headers, rows, file_format, *, extra_sheets=None):
    """The bytes of a file with `headers` and `rows`; `extra_sheets` are (title, rows)."""
    writer = {"csv": _write_csv, "xlsx": _write_xlsx, "ods": _write_ods, "json": _write_json}
    if file_format in {"xlsx", "ods"}:
        return writer[file_format](headers, rows, extra_sheets or [])
    return writer[file_format](headers, rows)


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _escaped(value):
    value = _plain(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _write_csv(headers, rows):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows([_escaped(value) for value in row] for row in rows)
    # The byte-order mark lets Excel open the file as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _write_xlsx(headers, rows, extra_sheets):
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheets = [(None, [headers, *rows]), *extra_sheets]
    for index, (title, sheet_rows) in enumerate(sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        if title:
            sheet.title = title[:31]
        for row_index, row in enumerate(sheet_rows, start=1):
            for column_index, value in enumerate(row, start=1):
                value = _plain(value)
                cell = sheet.cell(row=row_index, column=column_index)
                cell.value = value
                if isinstance(value, str):
                    # openpyxl takes a string that starts with "=" for a formula.
                    cell.data_type = TYPE_STRING
                if row_index == 1:
                    cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_ods(headers, rows, extra_sheets):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    sheets = [("Sheet1", [headers, *rows]), *extra_sheets]
    for title, sheet_rows in sheets:
        table = Table(name=title)
        for row in sheet_rows:
            table_row = TableRow()
            for value in row:
                value = _plain(value)
                if isinstance(value, bool) or value == "":
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=str(value) if value != "" else ""))
                elif isinstance(value, int | float):
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=str(value)))
                else:
                    # A string cell is text, never a formula, whatever it starts with.
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=str(value)))
                table_row.addElement(cell)
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _write_json(headers, rows):
    records = [
        dict(
            zip(headers, [None if value is None else _plain(value) for value in row], strict=True)
        )
        for row in rows
    ]
    return json.dumps(records, ensure_ascii=False, indent=2).encode("utf-8")
