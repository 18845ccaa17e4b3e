"""import_data and export_data, as staff run them."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from imports.tests.engine.models import Entry

pytestmark = pytest.mark.django_db


def import_data(path, *options):
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command("import_data", "entries", str(path), *options, stdout=stdout, stderr=stderr)
        code = 0
    except SystemExit as exit_code:
        code = exit_code.code
    return code, stdout.getvalue().splitlines(), stderr.getvalue().splitlines()


def test_errors_are_listed_nothing_is_written_and_the_exit_code_is_1(tmp_path):
    path = tmp_path / "entries.csv"
    path.write_text("name,kind\r\nVienna,guest\r\nBaku,boss\r\n")
    assert import_data(path) == (
        1,
        ["new: 1, updated: 0, unchanged: 0, errors: 1. Nothing was written."],
        ["row 3, column kind: expected one of: Member, Guest (“boss”)"],
    )
    assert not Entry.objects.exists()


def test_each_column_not_read_is_named(tmp_path):
    path = tmp_path / "entries.csv"
    path.write_text("name,citty,staus\r\nVienna,Wien,\r\n")
    code, stdout, stderr = import_data(path)
    assert (code, stdout) == (0, ["new: 1, updated: 0, unchanged: 0, errors: 0"])
    assert stderr == [
        "Warning: The columns “citty”, “staus” are not read: no column of this dataset has "
        "those names, or they repeat one. Their values will not be imported. The columns read "
        "are: name, city, kind, joined, email."
    ]


def test_dry_run_then_import_then_export(tmp_path):
    path = tmp_path / "entries.csv"
    path.write_text("name,joined\r\nVienna,24.01.2025\r\n")
    assert import_data(path, "--dry-run")[1] == [
        "Dry run: new: 1, updated: 0, unchanged: 0, errors: 0"
    ]
    assert import_data(path)[1] == ["new: 1, updated: 0, unchanged: 0, errors: 0"]
    exported = tmp_path / "entries.json"
    call_command(
        "export_data", "entries", "--format", "json", "-o", str(exported), stderr=io.StringIO()
    )
    assert [(entry["name"], entry["joined"]) for entry in json.loads(exported.read_text())] == [
        ("Vienna", "2025-01-24")
    ]


def test_a_file_in_another_encoding_is_refused_with_how_to_save_it(tmp_path):
    path = tmp_path / "entries.csv"
    path.write_bytes("name\r\nÆli\r\n".encode("cp1252"))
    code, _stdout, stderr = import_data(path)
    assert code == 1
    assert "CSV UTF-8" in stderr[0]


def test_a_missing_file_is_an_error_not_a_traceback(tmp_path):
    with pytest.raises(CommandError, match="Cannot open"):
        call_command("import_data", "entries", str(tmp_path / "missing.csv"))


def undo(import_id, *options, answer=None, monkeypatch=None):
    if answer is not None:
        monkeypatch.setattr("builtins.input", lambda question: answer)
    stdout = io.StringIO()
    call_command("undo_import", str(import_id), *options, stdout=stdout)
    return stdout.getvalue().splitlines()


def test_undo_import_names_what_it_does_and_asks_first(monkeypatch):
    from imports.tests.helpers import import_text

    Entry.objects.create(name="Vienna", city="Wien")
    record = import_text("entries", "name,city\r\nVienna,Vienne\r\nBaku,Bakı\r\n").record
    question = [
        f"Undoing {record} removes and restores:",
        "  entrys: 1 removed, 1 restored",
        "Changes made to those records since the import are lost.",
    ]
    with pytest.raises(CommandError, match="Nothing was undone"):
        undo(record.pk, answer="n", monkeypatch=monkeypatch)
    assert sorted(Entry.objects.values_list("name", "city")) == [
        ("Baku", "Bakı"),
        ("Vienna", "Vienne"),
    ]
    assert undo(record.pk, answer="y", monkeypatch=monkeypatch) == [
        *question,
        f"The import {record.pk} was undone.",
    ]
    assert list(Entry.objects.values_list("name", "city")) == [("Vienna", "Wien")]
    with pytest.raises(CommandError, match="has already been undone"):
        undo(record.pk, "--yes")


def test_undo_import_with_yes_does_not_ask_and_an_unknown_id_is_named():
    from imports.tests.helpers import import_text

    record = import_text("entries", "name\r\nBaku\r\n").record
    assert undo(record.pk, "--yes")[-1] == f"The import {record.pk} was undone."
    assert not Entry.objects.exists()
    with pytest.raises(CommandError, match="No import has the id 999999"):
        undo(999999, "--yes")
