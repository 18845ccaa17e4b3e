"""Importing a spreadsheet into a dataset, undoing an import, and exporting a dataset.

The admin and the management commands both call these functions.
"""

import collections
import contextlib
import datetime
import itertools
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import ProtectedError
from django.db.models.deletion import Collector
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from scopes import outside, scope_of

from .checks import StoredCheck
from .datasets import BATCH_SIZE, Row, RowAction, RowError, chunks, get_dataset
from .models import ImportRecord
from .readers import FileProblem, read_table
from .signals import records_changed
from .writers import write_table


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


def import_file(*, dataset_name, uploaded, file_name, user=None, dry_run=False, progress=None):
    """Read `uploaded` and import its rows into the dataset, all of them or none.

    Every row is validated as the admin form would; with any error, or with `dry_run`,
    nothing is written. `progress(done, total)` is called while rows are checked.
    """
    dataset = get_dataset(dataset_name)()
    result = ImportResult(
        dataset=dataset_name,
        file_name=file_name,
        read_columns=[column.name for column in dataset.columns],
    )
    try:
        table = read_table(uploaded, file_name)
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
        # First every row is checked without a transaction: reading takes no lock, and
        # editors go on saving meanwhile. Only a file that passes takes the write lock, to
        # write: checked again under the lock against what is stored by then, but without
        # the model validation the first pass did.
        passes = 1 if dry_run else 2
        _import(dataset, result, user, write=False, progress=_part(progress, 0, passes))
        if dry_run or not result.ok:
            return result
        try:
            with transaction.atomic():
                result.record = _import(
                    dataset, result, user, write=True, progress=_part(progress, 1, passes)
                )
                if not result.ok:
                    raise _RollBack
        except _RollBack:
            result.record = None
    return result


def _part(progress, index, parts):
    """`progress` for one of `parts` passes over the rows, as a share of the whole bar."""
    if progress is None:
        return None
    return lambda done, total: progress(index * total + done, parts * total)


class _RollBack(Exception):
    """Raised to undo the batches already written when a later row fails."""


def _import(dataset, result, user, *, write, progress):
    """Check every row and, when `write`, write each batch as it is checked.

    Checking and writing a batch at a time keeps a 100,000-row file's records out of memory
    all at once; the transaction around the writing pass undoes the written batches if a
    later row fails. A dataset whose rows depend on each other (`streamable = False`) is one
    batch.
    """
    rows = result.rows
    for row in rows:
        row.errors = []
        row.action = None
    _read_rows(dataset, rows)
    dataset.prepare(rows)
    scope = scope_of(user)
    reason = _("Imported from %(file)s") % {"file": result.file_name}
    changes = {"created": [], "updated": []}
    failed = any(row.errors for row in rows)
    done = 0
    if progress:
        progress(done, len(rows))  # the pass starts now: its speed is measured from here
    for batch in chunks(rows) if dataset.streamable else [rows]:
        for row in batch:
            _check_row(dataset, row, user, scope, validate=not write)
        dataset.check_rows(batch)
        for row in batch:
            if row.errors:
                row.action = RowAction.ERROR
                failed = True
        if write and not failed:
            _write_batch(dataset, batch, user, reason, changes)
        for row in batch:
            # What the preview and the error report need is the row's cells and outcome.
            row.instance = row.before = None
            row.values = {}
        done += len(batch)
        if progress:
            progress(done, len(rows))
    if not write or failed:
        return None
    records_changed.send(sender=dataset.model)
    return ImportRecord.objects.create(
        dataset=result.dataset,
        file_name=result.file_name[:255],
        user=user,
        new_count=result.count(RowAction.NEW),
        updated_count=result.count(RowAction.UPDATED),
        unchanged_count=result.count(RowAction.UNCHANGED),
        changes=changes,
    )


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
    exclude = {*dataset.unchecked_fields, *dataset.fields_of_columns(failed_columns)}
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


def _write_batch(dataset, rows, user, reason, changes):
    model = dataset.model
    created = []
    for level in dataset.creation_levels([row for row in rows if row.action == RowAction.NEW]):
        for row in level:
            dataset.link(row)
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


class UndoProblem(Exception):
    pass


def undo_size(record):
    """How many records undoing `record` touches."""
    return len(record.changes.get("updated", [])) + len(record.changes.get("created", []))


def undo_effects(record):
    """What undoing `record` does, for the question asked first: [(kind of record, how many
    it removes (the import created them), how many it restores to their values before the
    import (it updated them))], by kind of record in the order the import met them."""
    removed = collections.Counter(entry[0] for entry in record.changes.get("created", []))
    restored = collections.Counter(entry[0] for entry in record.changes.get("updated", []))
    effects = []
    for label in dict.fromkeys([*removed, *restored]):
        try:
            name = apps.get_model(label)._meta.verbose_name_plural
        except LookupError:  # a kind of record that no longer exists
            name = label
        effects.append((name, removed[label], restored[label]))
    return effects


@transaction.atomic
def undo_import(*, record, user=None, progress=None):
    """Remove the records an import created and restore the ones it updated, in batches.

    `progress(done, total)` is called after each batch.
    """
    record = ImportRecord.objects.select_for_update().get(pk=record.pk)
    if record.status == ImportRecord.Status.UNDONE:
        raise UndoProblem(_("This import has already been undone."))
    reason = _("Import of %(file)s undone") % {"file": record.file_name}
    changed_models = set()
    done, total = 0, undo_size(record)
    if progress:
        progress(done, total)  # the undo's speed is measured from here
    for label, entries in _runs(record.changes.get("updated", [])):
        model = apps.get_model(label)
        for batch in chunks(entries):
            _restore_batch(model, batch, user, reason)
            done += len(batch)
            if progress:
                progress(done, total)
        changed_models.add(model)
    # The newest first, so that records made after others (memberships) go before them.
    with _history_written_by(user):
        for label, entries in _runs(reversed(record.changes.get("created", []))):
            model = apps.get_model(label)
            for batch in chunks(entries):
                _delete_batch(model, [pk for (pk,) in batch])
                done += len(batch)
                if progress:
                    progress(done, total)
            changed_models.add(model)
    for model in changed_models:
        records_changed.send(sender=model)
    record.status = ImportRecord.Status.UNDONE
    record.undone_at = timezone.now()
    record.undone_by = user
    record.save(update_fields=["status", "undone_at", "undone_by"])
    return record


@contextlib.contextmanager
def _history_written_by(user):
    """Deletions, and those they cascade to, record `user` in their history, as the admin's
    do: django-simple-history reads the user from the thread's request, which a job in a
    worker or a command has none of."""
    context = HistoricalRecords.context
    if user is None or getattr(context, "request", None) is not None:
        yield
        return
    context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        del context.request


def _runs(entries):
    """(model label, [rest of each entry]) for each run of entries of one model, in order."""
    for label, run in itertools.groupby(entries, key=lambda entry: entry[0]):
        yield label, [tuple(entry[1:]) for entry in run]


def _restore_batch(model, batch, user, reason):
    stored = model._default_manager.in_bulk([pk for pk, _old_values in batch])
    now = timezone.now()
    restored, fields = [], set()
    for pk, old_values in batch:
        instance = stored.get(pk)
        if instance is None:  # deleted since the import
            continue
        for name, value in old_values.items():
            setattr(instance, name, model._meta.get_field(name).to_python(value))
        fields.update(old_values)
        if hasattr(instance, "updated"):
            # A change like any other: an editor's page opened before it is now stale.
            instance.updated = now
            fields.add("updated")
        restored.append(instance)
    if restored:
        bulk_update_with_history(
            restored, model, sorted(fields), default_user=user, default_change_reason=reason
        )


def _delete_batch(model, pks):
    try:
        model._default_manager.filter(pk__in=pks).delete()
    except ProtectedError as error:
        # Nothing was deleted: Django refuses before it deletes. Name one record and its use.
        protected = next(pk for pk in pks if _is_protected(model._default_manager.filter(pk=pk)))
        used_by = ", ".join(sorted({str(obj) for obj in error.protected_objects})[:5])
        raise UndoProblem(
            _("%(record)s is used by %(used_by)s since the import; remove that first.")
            % {"record": model._default_manager.get(pk=protected), "used_by": used_by}
        ) from error


def _is_protected(queryset):
    collector = Collector(using=queryset.db)
    try:
        collector.collect(queryset)
    except ProtectedError:
        return True
    return False


def forget_values(*, model, pk):
    """Drop the values `model` record `pk` had before any import updated it, so that an
    erasure leaves none of them in the import history (its undo then restores nothing)."""
    label = model._meta.label
    for record in ImportRecord.objects.filter(changes__icontains=label):
        entries = record.changes.get("updated", [])
        if any(entry[0] == label and entry[1] == pk and entry[2] for entry in entries):
            for entry in entries:
                if entry[0] == label and entry[1] == pk:
                    entry[2] = {}
            record.save(update_fields=["changes"])


def export_file(
    *, dataset_name, file_format, with_contacts=False, queryset=None, user=None, progress=None
):
    """The dataset's records (in `user`'s scope) as a file's bytes in `file_format` (csv,
    xlsx, ods, json).

    `progress(done, total)` is called after each batch of records.
    """
    dataset = get_dataset(dataset_name)()
    records = dataset.scoped_export_queryset(user) if queryset is None else queryset
    total = records.count() if progress else 0
    headers = dataset.export_headers(with_contacts=with_contacts)
    rows = []
    with translation.override("en"):
        for instance in records.iterator(chunk_size=BATCH_SIZE):
            row = dataset.export_row(instance, with_contacts=with_contacts)
            rows.append([row.get(name) for name in headers])
            if progress and len(rows) % BATCH_SIZE == 0:
                progress(len(rows), total)
    if progress:
        progress(len(rows), max(total, len(rows)))
    return write_table(headers, rows, file_format)


def export_size(dataset_name, user=None):
    return get_dataset(dataset_name)().scoped_export_queryset(user).count()


def export_to_storage(
    *, name, dataset_name, file_format, with_contacts=False, user=None, progress=None
):
    """Export into the imports storage under `name`; the name it was stored under."""
    data = export_file(
        dataset_name=dataset_name,
        file_format=file_format,
        with_contacts=with_contacts,
        user=user,
        progress=progress,
    )
    return storages["imports"].save(name, ContentFile(data))


# Uploads waiting for their import --------------------------------------------------------
# An upload is kept under pending/<token> from its upload until its import is written (or
# IMPORTS_KEEP_DAYS have passed), so that an interrupted import can run again; what checking
# it found is kept beside it, pending/<token>.check.json and its rows' chunks.


def upload_path(token):
    return f"pending/{token}"


def check_path(token):
    return f"pending/{token}.check.json"


def upload_exists(token):
    return storages["imports"].exists(upload_path(token))


def store_upload(token, uploaded):
    storages["imports"].save(upload_path(token), ContentFile(uploaded.read()))


def check_upload(*, token, dataset_name, file_name, user=None, progress=None):
    """Check the upload `token` once (the dry run, as `user` would import it) and keep what
    it found beside it."""
    result = _import_upload_file(
        token,
        dataset_name=dataset_name,
        file_name=file_name,
        user=user,
        dry_run=True,
        progress=progress,
    )
    _store_check(token, StoredCheck.from_result(result, get_dataset(dataset_name)))


def _import_upload_file(token, **options):
    with storages["imports"].open(upload_path(token), "rb") as uploaded:
        return import_file(uploaded=uploaded, **options)


def _store_check(token, check):
    check.save(storages["imports"], check_path(token))


def read_check(token):
    """What checking the upload `token` found, or None while it is being checked."""
    try:
        return StoredCheck.load(storages["imports"], check_path(token))
    except FileNotFoundError:
        return None


def import_upload(*, token, dataset_name, file_name, user=None, progress=None):
    """Import the upload `token`; on success it is removed, otherwise what failed is kept
    as its check, for the preview to show."""
    result = _import_upload_file(
        token, dataset_name=dataset_name, file_name=file_name, user=user, progress=progress
    )
    if result.ok:
        discard_upload(token)
    else:
        _store_check(token, StoredCheck.from_result(result, get_dataset(dataset_name)))
    return result


def discard_upload(token):
    storage = storages["imports"]
    _folders, names = storage.listdir("pending")
    for name in names:
        if name.startswith(token):
            storage.delete(f"pending/{name}")


def prune_uploads(now=None):
    """Remove uploads and exports older than IMPORTS_KEEP_DAYS; how many files went."""
    storage = storages["imports"]
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.IMPORTS_KEEP_DAYS)
    removed = 0
    for folder in ("pending", "exports"):
        try:
            _folders, names = storage.listdir(folder)
        except FileNotFoundError:
            continue
        for name in names:
            path = f"{folder}/{name}"
            try:
                if storage.get_modified_time(path) < cutoff:
                    storage.delete(path)
                    removed += 1
            except FileNotFoundError:  # removed meanwhile by another job
                continue
    return removed


def error_report(*, result, uploaded, file_format):
    """The uploaded rows again, with an `errors` column saying what to fix in each.

    A value in a column that is not read is named there too, so that it is not lost unseen.
    """
    uploaded.seek(0)
    table = read_table(uploaded, result.file_name)
    messages = {}
    for error in result.errors:
        messages.setdefault(error.row, []).append(f"{error.column}: {error.message}")
    headers = [header for header in table.headers if header.strip().casefold() != "errors"]
    keep = [index for index, header in enumerate(table.headers) if header in headers]
    ignored = [
        index for index in keep if table.headers[index] and table.headers[index] in
        result.ignored_headers
    ]  # fmt: skip
    not_read = _("this column is not read; its value is not imported")
    rows = []
    for number, row in zip(table.numbers, table.rows, strict=True):
        notes = messages.get(number, [])
        notes += [f"{table.headers[index]}: {not_read}" for index in ignored if row[index]]
        rows.append([row[index] for index in keep] + ["; ".join(notes)])
    return write_table([*headers, "errors"], rows, file_format)


def row_errors(result):
    """Every problem of an import as `RowError`s, the file's own problem first."""
    if result.problem:
        return [RowError(1, "—", "", result.problem)]
    return result.errors
