import datetime
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from imports.readers import FileProblem, FormulaWithoutValue, read_table
from imports.writers import write_table


def table_of(data, name):
    return read_table(io.BytesIO(data), name)


def test_csv_from_excel_with_a_byte_order_mark_and_semicolons():
    data = "\ufeffname;country\r\nAzərbaycan Evi;DE\r\n".encode()
    table = table_of(data, "orgs.csv")
    assert (table.headers, table.rows) == (["name", "country"], [["Azərbaycan Evi", "DE"]])


def test_csv_with_tabs_and_quoted_line_breaks():
    data = b'name\tbio\r\nLeyla\t"two\nlines"\r\n'
    assert table_of(data, "people.csv").rows == [["Leyla", "two\nlines"]]


def test_csv_in_another_encoding_is_refused_with_how_to_save_it():
    data = "name,country\r\nÆli,DE\r\n".encode("cp1252")
    with pytest.raises(FileProblem, match="CSV UTF-8"):
        table_of(data, "people.csv")


@pytest.mark.parametrize("name", ["people.yaml", "people.html", "people.xls", "people"])
def test_other_formats_are_refused(name):
    with pytest.raises(FileProblem, match="Only CSV, XLSX, ODS and JSON"):
        table_of(b"name\nx\n", name)


def test_empty_file_is_refused():
    with pytest.raises(FileProblem, match="empty"):
        table_of(b"   \n", "people.csv")


def test_size_limit(settings):
    settings.IMPORTS_MAX_FILE_SIZE = 100
    with pytest.raises(FileProblem, match="larger than 100"):
        table_of(b"name\n" + b"x" * 200, "people.csv")


def test_row_limit(settings):
    settings.IMPORTS_MAX_ROWS = 3
    with pytest.raises(FileProblem, match="5 rows; at most 3"):
        table_of(b"name\na\nb\nc\nd\ne\n", "people.csv")


def test_xlsx_reads_real_date_cells_and_numbers():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["name", "founded", "participants"])
    sheet.append(["Azərbaycan Evi", datetime.date(2021, 6, 15), 120])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = table_of(buffer.getvalue(), "orgs.xlsx")
    assert table.rows == [["Azərbaycan Evi", datetime.date(2021, 6, 15), 120]]


def test_xlsx_formula_without_a_stored_result_is_flagged():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["name", "participants"])
    sheet.append(["Leyla", "=SUM(1,2)"])
    buffer = io.BytesIO()
    workbook.save(buffer)  # openpyxl stores formulas without computing them
    cell = table_of(buffer.getvalue(), "people.xlsx").rows[0][1]
    assert isinstance(cell, FormulaWithoutValue)
    assert cell.formula == "=SUM(1,2)"


def test_xlsx_unpacking_to_more_than_the_limit_is_refused(settings):
    settings.IMPORTS_MAX_UNPACKED_SIZE = 10_000
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<a>" + " " * 50_000 + "</a>")
    with pytest.raises(FileProblem, match="unpacks to more than"):
        table_of(buffer.getvalue(), "bomb.xlsx")


def test_damaged_spreadsheet_is_refused():
    with pytest.raises(FileProblem, match="damaged"):
        table_of(b"this is not a zip file at all", "people.xlsx")


def test_ods_round_trip_keeps_text_numbers_and_line_breaks():
    data = write_table(["name", "participants"], [["Günel\nİsmayılova", 85]], "ods")
    assert table_of(data, "people.ods").rows == [["Günel\nİsmayılova", 85]]


def test_json_list_of_objects():
    data = json.dumps([{"name": "Leyla", "public": True}, {"name": "Rauf", "city": "Houston"}])
    table = table_of(data.encode(), "people.json")
    assert (table.headers, table.rows) == (
        ["name", "public", "city"],
        [["Leyla", True, None], ["Rauf", None, "Houston"]],
    )


@pytest.mark.parametrize("data", [b'{"name": "x"}', b"[1, 2]", b"not json"])
def test_json_of_another_shape_is_refused(data):
    with pytest.raises(FileProblem, match="JSON"):
        table_of(data, "people.json")


def test_csv_export_escapes_formula_signs():
    data = write_table(
        ["name"],
        [["=HYPERLINK(1)"], ["+1"], ["-2"], ["@SUM(1)"], ["\tx"], ["\rx"], ["plain"]],
        "csv",
    )
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[1:6] == ["'=HYPERLINK(1)", "'+1", "'-2", "'@SUM(1)", "'\tx"]
    assert lines[-1] == "plain"


def test_xlsx_export_writes_formula_like_cells_as_text():
    data = write_table(["name"], [["=1+2"], ["@cmd"]], "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [(cell.value, cell.data_type) for (cell,) in sheet.iter_rows(min_row=2)] == [
        ("=1+2", "s"),
        ("@cmd", "s"),
    ]


def test_ods_export_writes_formula_like_cells_as_text():
    data = write_table(["name"], [["=1+2"]], "ods")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content = archive.read("content.xml").decode()
    assert "table:formula" not in content
    assert 'office:value-type="string"' in content
    assert table_of(data, "x.ods").rows == [["=1+2"]]


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{level} "{("&lol" + (str(level - 1) if level > 1 else "") + ";") * 10}">'
        for level in range(1, 10)
    )
    + "]>"
)


def _zip_with(member, xml):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, xml)
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "member", "root"),
    [
        ("bomb.ods", "content.xml", "<office:document-content>&lol9;</office:document-content>"),
        ("bomb.xlsx", "xl/workbook.xml", "<workbook>&lol9;</workbook>"),
    ],
)
def test_xml_entity_bombs_are_refused(name, member, root):
    with pytest.raises(FileProblem, match="damaged"):
        table_of(_zip_with(member, BILLION_LAUGHS + root), name)


FILES = Path(__file__).parent / "files"
# people-source.csv as LibreOffice opened it (dates are date cells) and saved it again.
LIBREOFFICE_ROWS = [
    [
        "Leyla Həsənova",
        "DE",
        "Berlin",
        None,
        None,
        None,
        "yes",
        datetime.date(2025, 1, 10),
        "Draft",
        None,
    ],
    ["Рауф Мамедов", "US", None, None, None, None, "no", None, None, "Houston"],
    [
        "Orxan Hüseynov",
        "FR",
        "Paris",
        "Azerbaijan House in Paris",
        None,
        None,
        "bəli",
        datetime.date(2025, 2, 11),
        "Draft",
        None,
    ],
    [
        "Günel İsmayılova",
        "AT",
        "Vienna",
        None,
        "gunel@example.org",
        "+43 1 234 5678",
        "no",
        None,
        "Published",
        None,
    ],
    ["Kamran Əliyev", "GB", None, None, None, None, None, None, None, None],
]


@pytest.mark.parametrize("name", ["people-libreoffice.ods", "people-libreoffice.xlsx"])
def test_libreoffice_spreadsheets_keep_every_value_in_its_column(name):
    table = table_of((FILES / name).read_bytes(), name)
    assert (table.headers, table.rows, table.numbers) == (
        [
            "full_name",
            "country",
            "city",
            "organisation",
            "email",
            "phone",
            "public",
            "consent_date",
            "status",
            "citty",
        ],
        LIBREOFFICE_ROWS,
        [2, 3, 4, 6, 7],  # row 5 is blank, and still counted
    )


def test_libreoffice_semicolon_csv_keeps_every_value_in_its_column():
    name = "people-libreoffice-semicolon.csv"
    table = table_of((FILES / name).read_bytes(), name)
    # LibreOffice in English writes the dates month-first with two-digit years: read as
    # text, which the date column refuses rather than guess.
    as_text = [
        [cell.strftime("%m/%d/%y") if isinstance(cell, datetime.date) else cell for cell in row]
        for row in LIBREOFFICE_ROWS
    ]
    assert (table.rows, table.numbers) == (as_text, [2, 3, 4, 6, 7])


def test_ods_merged_cells_keep_the_columns_after_them():
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{name}</text:p>'
            "</table:table-cell>"
            for name in ("name", "city", "country")
        )
        + "</table:table-row><table:table-row>"
        '<table:table-cell table:number-columns-spanned="2" office:value-type="string">'
        "<text:p>Azərbaycan Evi, Vyana</text:p></table:table-cell><table:covered-table-cell/>"
        '<table:table-cell office:value-type="string"><text:p>AT</text:p></table:table-cell>'
        "</table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest'
            ':1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application'
            '/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path='
            '"content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
        )
    assert table_of(buffer.getvalue(), "merged.ods").rows == [
        ["Azərbaycan Evi, Vyana", None, "AT"]
    ]


def test_blank_rows_keep_the_numbers_of_the_rows_below_them():
    table = table_of(b"\r\nname,city\r\nLeyla,Berlin\r\n,\r\n\r\nRauf,Houston\r\n", "p.csv")
    assert (table.header_number, table.numbers) == (2, [3, 6])


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        # A header with a comma in a semicolon file: the rows below decide.
        ("Name, surname;country\r\nLeyla Həsənova;DE\r\n", [["Leyla Həsənova", "DE"]]),
        ('name,address\r\nLeyla,"Berlin; Mitte"\r\n', [["Leyla", "Berlin; Mitte"]]),
        ("name\tcity\r\nLeyla\tBerlin, Mitte\r\n", [["Leyla", "Berlin, Mitte"]]),
    ],
)
def test_csv_delimiter_is_the_one_the_rows_agree_on(text, rows):
    assert table_of(text.encode(), "people.csv").rows == rows
