"""Importing a spreadsheet: its rows read, checked (the preview) and written, a short
transaction a batch, all or nothing for the public."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import (
    bulk_create_with_history,
    bulk_update_with_history,
)

from scopes import outside, scope_of

from .batches import WRITE_BATCH_SIZE, ImportInterrupted, claim, import_reason, make_way
from .datasets import Row, RowAction, chunks, dataset_label, get_dataset
from .models import ImportBatch, ImportRecord
from .readers import FileProblem
from .signals import records_changed, writing_in_bulk
from .undoing import remove_import


@dataclass
class ImportResult:
    dataset: str
    file_name: str
    rows: list = field(default_factory=list)
    problem: str = ""  # a problem with the whole file; no row was read
    # Headers of columns that are not read: misspelt, unknown, or a second copy of a column.
    ignored_headers: list = field(default_factory=list)
    read_columns: list = field(default_factory=list)  # every column the dataset reads
    record: ImportRecord = None
    # The staff member's language, in which the problems of the cells are written.
    language: str = "en"

    @property
    def ignored_warning(self):
        """What staff must hear about columns that are not read, or ""."""
        if not self.ignored_headers:
            return ""
        return ngettext(
            "The column %(headers)s is not read: no column of this dataset has that name, "
            "or it repeats one. Its values will not be imported. The columns read are: "
            "%(columns)s.",
            "The columns %(headers)s are not read: no column of this dataset has those "
            "names, or they repeat one. Their values will not be imported. The columns read "
            "are: %(columns)s.",
            len(self.ignored_headers),
        ) % {
            "headers": ", ".join(f"“{header}”" for header in self.ignored_headers),
            "columns": ", ".join(self.read_columns),
        }

    @property
    def errors(self):
        return [error for row in self.rows for error in row.errors]

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self):
        return {
            "new": self.count(RowAction.NEW),
            "updated": self.count(RowAction.UPDATED),
            "unchanged": self.count(RowAction.UNCHANGED),
            "errors": len(self.errors),
        }

    @property
    def ok(self):
        return not self.problem and not self.errors


def import_file(
    *,
    dataset_name,
    uploaded,
    file_name,
    user=None,
    dry_run=False,
    progress=None,
    job=None,
    between_batches=None,
    checked=False,
    options=None,
):
    """Read `uploaded` and import its rows into the dataset, all of them or none.

    Every row is validated as the admin form would; with any error, or with `dry_run`,
    nothing is written. A file already `checked` (its preview) is validated and written in
    one pass; any other is validated whole before a row is written, so that a file with an
    error in its last row never puts its first rows before the public even for a moment.
    `progress(done, total)` is called while rows are checked and written; `job` is the id
    of the job that runs the import, if any; `between_batches(record)` is called after each
    batch is committed (tests look at the database there). `options` are what staff chose
    for this import, for the datasets that take any (an attendance report's event).
    """
    dataset = get_dataset(dataset_name)(**(options or {}))
    result = ImportResult(
        dataset=dataset_name,
        file_name=file_name,
        read_columns=[column.name for column in dataset.columns],
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    if not dataset.importable:
        result.problem = _("%(records)s are exported only; they cannot be imported.") % {
            "records": dataset_label(dataset_name)
        }
        return result
    try:
        table = dataset.read_table(uploaded, file_name)
    except FileProblem as problem:
        result.problem = str(problem)
        return result
    mapping, result.ignored_headers, missing = dataset.match_headers(table.headers)
    if missing:
        result.problem = _("The header row (row %(row)d) has no column for: %(columns)s.") % {
            "row": table.header_number,
            "columns": ", ".join(missing),
        }
        return result
    columns = {name: position for position, name in enumerate(mapping.values())}
    indexes = list(mapping)
    result.rows = [
        Row(number, columns, tuple(cells[index] for index in indexes))
        for number, cells in zip(table.numbers, table.rows, strict=True)
    ]
    del table  # the rows hold what is needed; a 100,000-row file should be in memory once
    # English is the language of the plain columns (`name`), and of the untranslated copy
    # that modeltranslation keeps.
    with translation.override("en"):
        # First every row is checked with full validation and without writing: editors go
        # on saving meanwhile. Only a file that passes is written, a batch at a time, each
        # batch checked again against what is stored by then (without the model validation
        # the first pass did) and committed on its own.
        passes = 1 if dry_run or checked else 2
        if not checked:
            _import(dataset, result, user, progress=_part(progress, 0, passes))
            if dry_run or not result.ok:
                return result
        result.record = _import(
            dataset,
            result,
            user,
            progress=_part(progress, passes - 1, passes),
            writing=_Writing(job=job, between_batches=between_batches),
            validate=checked,
        )
    return result


def _part(progress, index, parts):
    """`progress` for one of `parts` passes over the rows, as a share of the whole bar."""
    if progress is None:
        return None
    return lambda done, total: progress(index * total + done, parts * total)


@dataclass
class _Writing:
    """How a checking pass writes: for which job, and what to call between batches."""

    job: object = None
    between_batches: object = None


def _import(dataset, result, user, *, progress, writing=None, validate=None):
    """Check every row and, when `writing`, write each batch as it is checked.

    Checking and writing a batch at a time keeps a 100,000-row file's records out of memory
    all at once. Each batch is written in a transaction of its own, so that an editor's save
    waits for one batch at most, never for the whole file (see `BATCH_SIZE`); what the
    batches wrote is removed again (`remove_import`) if a later row fails, the import is
    cancelled, or anything else stops it. A dataset whose rows depend on each other
    (`streamable = False`) is one batch. Returns the `ImportRecord` of a completed import.
    """
    rows = result.rows
    if validate is None:  # the checking pass validates; the writing pass, after it, need not
        validate = not writing
    for row in rows:
        row.errors = []
        row.action = None
    # Reading a cell depends on no language (every language's names are read): its problems
    # are written in the staff member's.
    with translation.override(result.language):
        _read_rows(dataset, rows)
    dataset.prepare(rows)
    scope = scope_of(user)
    changes = {"created": [], "updated": []}
    failed = any(row.errors for row in rows)
    record = None
    if writing and not failed:
        record = ImportRecord.objects.create(
            status=ImportRecord.Status.RUNNING,
            dataset=result.dataset,
            file_name=result.file_name[:255],
            user=user,
            job=writing.job,
        )
    done = 0
    if progress:
        progress(done, len(rows))  # the pass starts now: its speed is measured from here
    try:
        for batch in chunks(rows) if dataset.streamable else [rows]:
            for row in batch:
                _check_row(dataset, row, user, scope, validate=validate)
            dataset.check_rows(batch)
            for row in batch:
                if row.errors:
                    row.action = RowAction.ERROR
                    failed = True
            if record is not None and not failed:
                _write_in_short_transactions(
                    dataset, batch, user, record, changes, writing.between_batches
                )
            for row in batch:
                # What the preview and the error report need is the row's cells and outcome.
                row.instance = row.before = None
                row.values = {}
            done += len(batch)
            if progress:
                progress(done, len(rows))
    except ImportInterrupted:
        raise  # whoever found it silent removes its batches
    except BaseException:
        if record is not None:
            remove_import(record)
        raise
    if record is None:
        return None
    if failed:
        remove_import(record)
        return None
    return _complete(dataset, result, record, changes)


def _write_in_short_transactions(dataset, rows, user, record, changes, between_batches):
    """Write the checked rows `WRITE_BATCH_SIZE` at a time, new records in the order they
    can be stored (a parent before its members), each part committed on its own."""
    new = [row for row in rows if row.action == RowAction.NEW]
    ordered = [
        *(row for level in dataset.creation_levels(new) for row in level),
        *(row for row in rows if row.action == RowAction.UPDATED),
    ]
    for part in chunks(ordered, WRITE_BATCH_SIZE):
        _commit_batch(dataset, part, user, record, changes)
        if between_batches:
            between_batches(record)


def _commit_batch(dataset, rows, user, record, changes):
    """Write one batch and what it wrote (for its removal) in one short transaction."""
    written = {"created": [], "updated": []}
    make_way()
    with transaction.atomic(), writing_in_bulk():
        claim(record)
        _write_batch(dataset, rows, user, import_reason(record.file_name), written, record)
        ImportBatch.objects.create(record=record, changes=written)
    changes["created"].extend(written["created"])
    changes["updated"].extend(written["updated"])


def _complete(dataset, result, record, changes):
    """Make the import's records public, all at once, and keep what undoing it needs."""
    with transaction.atomic():
        claim(record)
        record.status = ImportRecord.Status.DONE
        record.new_count = result.count(RowAction.NEW)
        record.updated_count = result.count(RowAction.UPDATED)
        record.unchanged_count = result.count(RowAction.UNCHANGED)
        record.changes = changes
        record.updated = timezone.now()
        record.save()
        record.batches.all().delete()
        records_changed.send(sender=dataset.model)
    return record


def _read_rows(dataset, rows):
    first_row_of = {}
    for row in rows:
        dataset.read_row(row)
        key = dataset.identity_of(row)
        if not row.errors and all(part not in (None, "") for part in key):
            if key in first_row_of:
                row.error(
                    dataset.identity[0],
                    _("the same record as row %(row)d") % {"row": first_row_of[key]},
                )
            else:
                first_row_of[key] = row.number


def _check_row(dataset, row, user, scope, *, validate=True):
    instance = dataset.existing(row)
    if instance is not None:
        if not scope.everywhere and not dataset.is_within(row, instance, scope):
            # Named, but not the user's to change: nothing of it is read or shown.
            column = dataset.identity_column(row)
            row.error(column, outside(row.cell(column), scope), shown="")
            return
        row.before = dataset.snapshot(instance)
    else:
        instance = dataset.model()
    row.instance = instance
    stored = dataset.scope_values(instance) if not scope.everywhere else None
    # Applied and validated even with an unreadable cell or an unknown reference, so that
    # one pass reports every problem of the row; such a row is never written.
    dataset.apply(row, instance)
    dataset.finish(row, instance)
    if validate:
        _validate(dataset, row, instance)
    if not scope.everywhere:
        for column, message in dataset.scope_problems(row, instance, scope, stored):
            row.error(column, message, shown="")
    if user is not None and not row.errors:
        for column, message in dataset.user_problems(row, instance, user):
            row.error(column, message)
    if row.errors:
        return
    if row.before is None:
        row.action = RowAction.NEW
    else:
        unchanged = dataset.snapshot(instance) == row.before
        row.action = RowAction.UNCHANGED if unchanged else RowAction.UPDATED


def _validate(dataset, row, instance):
    """Validate the record as the admin's form would, reporting on the row's columns."""
    failed_columns = {error.column for error in row.errors}
    exclude = {
        *dataset.unchecked_fields,
        *dataset.fields_of_columns(failed_columns),
        # As a form leaves them out: what the site keeps for itself (the import that made
        # a record, whose check would cost a query a row).
        *(field.name for field in instance._meta.fields if not field.editable),
    }
    try:
        # Uniqueness and constraints are checked for the whole file in batches (identity,
        # slugs, `check_rows`): one query per row each would not scale.
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            column = dataset.column_for_field(field_name)
            # A rule across fields (consent needs its date) may trip on the value left in
            # place of a cell that could not be read; that cell's own error says it.
            if column not in failed_columns:
                row.error(column, " ".join(messages))


def _write_batch(dataset, rows, user, reason, changes, record):
    model = dataset.model
    marks_import = any(field.name == "created_by_import" for field in model._meta.fields)
    created = []
    for level in dataset.creation_levels([row for row in rows if row.action == RowAction.NEW]):
        for row in level:
            dataset.link(row)
            if marks_import:  # hidden from the public until the import completes
                row.instance.created_by_import = record
        for instances in chunks([row.instance for row in level]):
            bulk_create_with_history(
                instances, model, default_user=user, default_change_reason=reason
            )
            created.extend((model, instance.pk) for instance in instances)
    updated_rows = [row for row in rows if row.action == RowAction.UPDATED]
    for row in updated_rows:
        dataset.link(row)
    for batch in chunks(updated_rows):
        bulk_update_with_history(
            [row.instance for row in batch],
            model,
            dataset.written_fields(),
            default_user=user,
            default_change_reason=reason,
        )
    dataset.after_write(rows, created)
    changes["created"].extend([label._meta.label, pk] for label, pk in created)
    changes["updated"].extend(
        [model._meta.label, row.instance.pk, _jsonable(row.before)] for row in updated_rows
    )


def _jsonable(snapshot):
    """Values as JSON keeps them; each field's `to_python` reads them back on undo."""
    kept = {}
    for name, value in snapshot.items():
        if value is None or isinstance(value, bool | int | float | str):
            kept[name] = value
        elif isinstance(value, datetime.date):  # dates and date-times
            kept[name] = value.isoformat()
        else:  # countries, phone numbers
            kept[name] = str(value)
    return kept
