"""The engine's services on a dataset of its own (imports/tests/engine): import, undo,
error report and export, whatever the domain."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imports.exporting import error_report, export_file
from imports.models import ImportRecord
from imports.tests.engine.models import Entry, Note
from imports.tests.helpers import import_text
from imports.undoing import UndoProblem, forget_values, undo_import

pytestmark = pytest.mark.django_db

MISSPELT = "name,citty,kind\r\nVienna,Wien,guest\r\n"


def run(text, **options):
    return import_text("entries", text, **options)


def stored():
    return list(Entry.objects.order_by("name").values_list("name", "city", "kind", "joined"))


def test_rows_are_written_with_their_values_read_in_any_form():
    result = run("name,city,kind,joined\r\nVienna,Wien,Member,24.01.2025\r\nBaku,,guest,\r\n")
    assert (result.ok, result.counts) == (
        True,
        {"new": 2, "updated": 0, "unchanged": 0, "errors": 0},
    )
    assert stored() == [
        ("Baku", "", "guest", None),
        ("Vienna", "Wien", "member", datetime.date(2025, 1, 24)),
    ]
    assert result.record.new_count == 2


def test_an_error_in_the_last_row_writes_nothing():
    result = run("name,joined\r\nVienna,24.01.2025\r\nBaku,31.02.2025\r\n")
    assert [str(error) for error in result.errors] == [
        "row 3, column joined: expected a date such as 24.01.2025 or 2025-01-24 (“31.02.2025”)"
    ]
    assert (stored(), ImportRecord.objects.count()) == ([], 0)


def test_a_dry_run_writes_nothing_and_a_second_load_changes_nothing():
    text = "name,city\r\nVienna,Wien\r\n"
    assert run(text, dry_run=True).counts["new"] == 1
    assert stored() == []
    run(text)
    again = run(text)
    assert again.counts == {"new": 0, "updated": 0, "unchanged": 1, "errors": 0}
    assert again.record.unchanged_count == 1


def test_a_row_reports_every_error_it_has_at_once():
    result = run("name,kind,joined,email\r\nVienna,member,,not-an-address\r\nBaku,boss,,\r\n")
    assert [str(error).split(" (“")[0] for error in result.errors] == [
        "row 2, column email: Enter a valid email address.",
        "row 2, column joined: A member has the date they joined.",
        "row 3, column kind: expected one of: Member, Guest",
    ]


def test_a_rule_across_fields_is_not_reported_again_for_a_cell_that_could_not_be_read():
    result = run("name,kind,joined\r\nVienna,member,someday\r\n")
    assert [error.column for error in result.errors] == ["joined"]


def test_rows_keep_the_numbers_the_spreadsheet_shows_across_blank_rows():
    result = run("name,joined\r\n\r\nVienna,\r\n,\r\nBaku,someday\r\n")
    assert [error.row for error in result.errors] == [5]


def test_columns_that_are_not_read_are_named_with_the_columns_that_are():
    result = run(MISSPELT)
    assert result.ok
    assert result.ignored_headers == ["citty"]
    assert result.ignored_warning == (
        "The column “citty” is not read: no column of this dataset has that name, or it "
        "repeats one. Its values will not be imported. The columns read are: name, city, "
        "kind, joined, email."
    )


def test_a_repeated_column_is_not_read_twice():
    assert run("name,city,City\r\nVienna,Wien,Vienne\r\n").ignored_headers == ["City"]
    assert stored() == [("Vienna", "Wien", "", None)]


def test_error_report_names_what_to_fix_and_the_values_not_read():
    text = MISSPELT + "Baku,Bakı,boss\r\n"
    result = run(text, dry_run=True)
    report = error_report(
        result=result, uploaded=io.BytesIO(text.encode()), file_format="csv"
    ).decode("utf-8-sig")
    assert report.splitlines() == [
        "name,citty,kind,errors",
        "Vienna,Wien,guest,citty: this column is not read; its value is not imported",
        'Baku,Bakı,boss,"kind: expected one of: Member, Guest; citty: this column is not read; '
        'its value is not imported"',
    ]


def test_export_writes_each_column_as_its_reader_takes_it_back():
    run("name,kind,joined,email\r\nVienna,member,24.01.2025,v@example.org\r\n")
    plain = export_file(dataset_name="entries", file_format="csv").decode("utf-8-sig")
    full = export_file(dataset_name="entries", file_format="csv", with_contacts=True)
    entry = Entry.objects.get()
    assert plain.splitlines() == [
        "id,name,city,kind,joined",
        f"{entry.pk},Vienna,,Member,2025-01-24",
    ]
    assert run(full.decode("utf-8-sig")).counts["unchanged"] == 1


def test_undo_removes_what_was_created_and_restores_what_was_updated(admin_user):
    run("name,city\r\nVienna,Wien\r\n")
    record = run("name,city\r\nVienna,Vienne\r\nBaku,Bakı\r\n", user=admin_user).record
    undo_import(record=record, user=admin_user)
    record.refresh_from_db()
    assert stored() == [("Vienna", "Wien", "", None)]
    assert (record.status, record.undone_by) == ("undone", admin_user)
    with pytest.raises(UndoProblem, match="already been undone"):
        undo_import(record=record, user=admin_user)


def test_undo_refuses_whole_when_a_created_record_is_used_since(admin_user):
    record = run("name\r\nVienna\r\nBaku\r\n", user=admin_user).record
    Note.objects.create(entry=Entry.objects.get(name="Baku"), text="Opening in May")
    with pytest.raises(UndoProblem) as problem:
        undo_import(record=record, user=admin_user)
    assert str(problem.value) == (
        "Baku is used by Opening in May since the import; remove that first."
    )
    record.refresh_from_db()
    assert (record.status, Entry.objects.count()) == ("done", 2)


def entry_rows(count, city):
    return "name,city\r\n" + "".join(f"Entry {number},{city}\r\n" for number in range(count))


def test_undo_works_in_batches_and_records_who_undid_each_change(admin_user):
    queries = []
    for count in (20, 200):
        Entry.objects.all().delete()
        run(entry_rows(count // 2, "Berlin"))
        record = run(entry_rows(count, "Hamburg"), user=admin_user).record
        with CaptureQueriesContext(connection) as undo:
            undo_import(record=record, user=admin_user)
        queries.append(len(undo.captured_queries))
        assert set(Entry.objects.values_list("city", flat=True)) == {"Berlin"}
        assert Entry.objects.count() == count // 2
    restored = Entry.history.filter(history_change_reason__startswith="Import of")
    assert {(entry.history_type, entry.history_user) for entry in restored} == {("~", admin_user)}
    assert restored.count() == 10 + 100
    # Restoring the 90 more updated records costs no query more; deleting the 90 more created
    # ones costs one each: simple-history writes a deleted record's last version from its
    # post_delete signal.
    assert queries[1] - queries[0] == 90


def test_undo_records_who_undid_each_deletion_outside_a_request(admin_user):
    """A job in a worker, or a command, has no request for the history to read the user from."""
    record = run(entry_rows(3, "Berlin"), user=admin_user).record
    undo_import(record=record, user=admin_user)
    deleted = Entry.history.filter(history_type="-")
    assert [entry.history_user for entry in deleted] == [admin_user] * 3


def test_forget_values_leaves_no_old_value_of_the_record_in_import_history():
    run("name,city\r\nVienna,Wien\r\n")
    record = run("name,city\r\nVienna,Vienne\r\n").record
    entry = Entry.objects.get()
    forget_values(model=Entry, pk=entry.pk)
    record.refresh_from_db()
    assert record.changes["updated"] == [["imports_engine.Entry", entry.pk, {}]]
    assert "Wien" not in str(record.changes)


def test_query_count_grows_with_the_transactions_written_never_with_rows():
    counts = []
    for rows in (100, 200, 1000):
        Entry.objects.all().delete()
        ImportRecord.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            assert run(entry_rows(rows, "Berlin")).ok
        counts.append(len(queries.captured_queries))
    # Checked as one batch, written WRITE_BATCH_SIZE (100) rows a transaction: each
    # transaction the same few queries, not one more per row.
    assert counts[2] - counts[0] == 9 * (counts[1] - counts[0])
    assert counts[1] - counts[0] < 10


def test_an_import_is_named_with_its_time_in_the_sites_time_zone():
    import datetime

    record = ImportRecord(
        dataset="people",
        file_name="people.csv",
        created=datetime.datetime(2026, 12, 3, 5, 50, tzinfo=datetime.UTC),
    )
    assert str(record) == "people.csv (people, 03.12.2026 09:50)"  # Baku is UTC+4
