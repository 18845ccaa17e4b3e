"""Tables with blanks anywhere, written as staff's programs write them, read back equal.

Hypothesis makes the tables: runs of blank cells (leading, in the middle, trailing), whole
blank rows, blank header cells, Unicode text with line breaks, numbers, dates and formulas
saved without their results. Each is written as CSV (comma, semicolon or tab, with or without
Excel's byte-order mark), as XLSX by openpyxl, and as ODS the way LibreOffice stores it (runs
of identical cells and rows once, with `number-columns-repeated` and `number-rows-repeated`).
"""

import csv
import datetime
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imports.readers import FormulaWithoutValue, read_table

TEXT = st.text(
    st.characters(
        exclude_categories=("Cs", "Cc", "Cn", "Cf", "Zl", "Zp"), include_characters="\n\t"
    ),
    min_size=1,
    max_size=12,
).filter(lambda text: text.strip())
FORMULA = st.sampled_from(["=A1+1", "=SUM(B1:B3)", "=1/0", '=CONCATENATE("a";"b")']).map(
    FormulaWithoutValue
)
CELL = st.one_of(
    st.none(),
    st.none(),
    TEXT,
    st.integers(min_value=-(10**12), max_value=10**12),
    # Spreadsheets keep 15 significant digits, as Excel does.
    st.floats(min_value=-1e8, max_value=1e8, allow_nan=False)
    .map(lambda number: round(number, 6))
    .filter(lambda number: not number.is_integer()),
    st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(2100, 12, 31)),
    FORMULA,
)


# A header with the delimiter in it would make a one-column file without rows ambiguous.
HEADER = TEXT.filter(lambda text: not set(text) & {",", ";", "\t"})


@st.composite
def tables(draw):
    """(headers, rows, blank rows before the header); headers are text or blank."""
    width = draw(st.integers(min_value=1, max_value=6))
    headers = draw(st.lists(st.one_of(st.none(), HEADER), min_size=width, max_size=width))
    if all(header is None for header in headers):
        headers[draw(st.integers(0, width - 1))] = draw(HEADER)
    rows = draw(
        st.lists(
            st.one_of(
                st.lists(CELL, min_size=width, max_size=width),
                st.just([None] * width),  # a whole blank row
            ),
            max_size=8,
        )
    )
    return headers, rows, draw(st.integers(min_value=0, max_value=2))


def expected(headers, rows, leading, *, as_text):
    """What reading must give: headers stripped, blank rows skipped, numbers as shown."""
    header_cells = ["" if header is None else header.strip() for header in headers]
    while not header_cells[-1]:
        header_cells.pop()
    width = len(header_cells)
    body, numbers = [], []
    for number, row in enumerate(rows, start=leading + 2):
        cells = [_expected_cell(cell, as_text) for cell in row[:width]]
        if any(cell is not None for cell in row):  # blank under every header still counts
            body.append(cells)
            numbers.append(number)
    return header_cells, body, numbers, leading + 1


def _expected_cell(cell, as_text):
    if cell is None:
        return None
    if as_text:
        return _as_text(cell)
    return cell


def _as_text(cell):
    if isinstance(cell, datetime.date):
        return cell.strftime("%d.%m.%Y")
    if isinstance(cell, FormulaWithoutValue):
        return cell.formula
    return str(cell)


def read(data, name):
    table = read_table(io.BytesIO(data), name)
    return table.headers, table.rows, table.numbers, table.header_number


def _all_rows(headers, rows, leading):
    width = len(headers)
    return [[None] * width] * leading + [headers] + rows


# CSV ------------------------------------------------------------------------------------


def write_csv(headers, rows, leading, delimiter, byte_order_mark):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in _all_rows(headers, rows, leading):
        writer.writerow(["" if cell is None else _as_text(cell) for cell in row])
    return (("\ufeff" if byte_order_mark else "") + buffer.getvalue()).encode()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.sampled_from([",", ";", "\t"]), st.booleans())
def test_csv_reads_back_what_was_written(table, delimiter, byte_order_mark):
    headers, rows, leading = table
    data = write_csv(headers, rows, leading, delimiter, byte_order_mark)
    got = read(data, "table.csv")
    want = expected(headers, rows, leading, as_text=True)
    # Text that only looks blank is blank to the reader.
    assert got == _blank_whitespace(want)


def _blank_whitespace(want):
    headers, body, numbers, header_number = want
    kept_body, kept_numbers = [], []
    for number, row in zip(numbers, body, strict=True):
        row = [None if isinstance(cell, str) and not cell.strip() else cell for cell in row]
        kept_body.append(row)
        kept_numbers.append(number)
    return headers, kept_body, kept_numbers, header_number


# XLSX -----------------------------------------------------------------------------------


def write_xlsx(headers, rows, leading):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row_index, row in enumerate(_all_rows(headers, rows, leading), start=1):
        for column_index, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = sheet.cell(row=row_index, column=column_index)
            if isinstance(value, FormulaWithoutValue):
                cell.value = value.formula  # openpyxl saves formulas without a result
            else:
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"
                if isinstance(value, datetime.date):
                    cell.number_format = "DD.MM.YYYY"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_xlsx_reads_back_what_was_written(table):
    headers, rows, leading = table
    got = read(write_xlsx(headers, rows, leading), "table.xlsx")
    assert got == _blank_whitespace(expected(headers, rows, leading, as_text=False))


# ODS ------------------------------------------------------------------------------------


def write_ods(headers, rows, leading, trailing_blanks):
    """An ODS file as LibreOffice writes one: identical neighbours stored once, repeated."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    def ods_cell(value, repeat):
        options = {"numbercolumnsrepeated": repeat} if repeat > 1 else {}
        if value is None:
            return TableCell(**options)
        if isinstance(value, FormulaWithoutValue):
            return TableCell(formula="of:" + value.formula, **options)
        if isinstance(value, datetime.date):
            cell = TableCell(valuetype="date", datevalue=value.isoformat(), **options)
            text = value.strftime("%d.%m.%Y")
        elif isinstance(value, int | float):
            cell = TableCell(valuetype="float", value=repr(value), **options)
            text = str(value)
        else:
            cell = TableCell(valuetype="string", **options)
            text = value
        for line in text.split("\n"):
            cell.addElement(P(text=line))
        return cell

    document = OpenDocumentSpreadsheet()
    sheet = Table(name="Sheet1")
    all_rows = _all_rows(headers, rows, leading)
    row_runs = []
    for row in all_rows:
        if row_runs and row_runs[-1][0] == row:
            row_runs[-1][1] += 1
        else:
            row_runs.append([row, 1])
    for row, row_repeat in row_runs:
        cells = [*row, *([None] * trailing_blanks)]
        runs = []
        for value in cells:
            if runs and runs[-1][0] == value and type(runs[-1][0]) is type(value):
                runs[-1][1] += 1
            else:
                runs.append([value, 1])
        options = {"numberrowsrepeated": row_repeat} if row_repeat > 1 else {}
        table_row = TableRow(**options)
        for value, repeat in runs:
            table_row.addElement(ods_cell(value, repeat))
        sheet.addElement(table_row)
    # LibreOffice ends a sheet with the blank rows down to its last one.
    blank_row = TableRow(numberrowsrepeated=1048000)
    blank_row.addElement(TableCell(numbercolumnsrepeated=1024))
    sheet.addElement(blank_row)
    document.spreadsheet.addElement(sheet)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.sampled_from([0, 1, 1000]))
def test_ods_reads_back_what_was_written(table, trailing_blanks):
    headers, rows, leading = table
    got = read(write_ods(headers, rows, leading, trailing_blanks), "table.ods")
    assert got == _blank_whitespace(expected(headers, rows, leading, as_text=False))
