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
from django.db import connection, transaction
from django.db.models import ProtectedError
from django.db.models.deletion import Collector
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.exceptions import NotHistoricalModelError
from simple_history.models import HistoricalRecords
from simple_history.utils import (
    bulk_create_with_history,
    bulk_update_with_history,
    get_history_model_for_model,
)

from scopes import outside, scope_of

from .checks import StoredCheck
from .datasets import BATCH_SIZE, Row, RowAction, RowError, chunks, get_dataset
from .models import ImportBatch, ImportRecord
from .readers import FileProblem, read_table
from .signals import records_changed, writing_in_bulk
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
):
    """Read `uploaded` and import its rows into the dataset, all of them or none.

    Every row is validated as the admin form would; with any error, or with `dry_run`,
    nothing is written. A file already `checked` (its preview) is validated and written in
    one pass; any other is validated whole before a row is written, so that a file with an
    error in its last row never puts its first rows before the public even for a moment.
    `progress(done, total)` is called while rows are checked and written; `job` is the id
    of the job that runs the import, if any; `between_batches(record)` is called after each
    batch is committed (tests look at the database there).
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


class ImportInterrupted(Exception):
    """The import was found silent and removed by another process while it still ran."""


@dataclass
class _Writing:
    """How a checking pass writes: for which job, and what to call between batches."""

    job: object = None
    between_batches: object = None


def import_reason(file_name):
    """The reason its history entries give for the changes an import made."""
    with translation.override("en"):
        return _("Imported from %(file)s") % {"file": file_name}


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


def _claim(record, status=ImportRecord.Status.RUNNING):
    """Within a batch's transaction: touch the record, which also waits for (or holds off)
    whoever else may be changing it, and make sure that it is still `status`."""
    claimed = ImportRecord.objects.filter(pk=record.pk, status=status).update(
        updated=timezone.now()
    )
    if not claimed:
        raise ImportInterrupted(
            _("This import was stopped: it was found interrupted and what it had written "
              "was removed. Run it again.")
        )  # fmt: skip


# Rows written in one transaction, which holds the embedded database's write lock (and on
# PostgreSQL the locks of the rows it updates) until it commits. Most of that time is Django
# turning records and their history into SQL (about 0.5 ms a row on two cores, against
# 0.08 ms in the database), so the lock lasts in proportion to the rows. Measured for 10,000
# people and 10,000 events: 1,000 rows held it for 0.57-0.67 s (median), 250 for 0.11-0.18 s,
# 100 for 0.05 s (longest 0.18 s), and the whole import took as long with 100 as with 1,000
# (8.0 against 8.3 s, 11.7 against 11.5 s): an editor's save waits 0.05 s, not 0.6.
WRITE_BATCH_SIZE = 100


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


def _make_way():
    """Before each of a job's transactions: let editors waiting for the embedded database's
    write lock take it first (`diaspora_site.sqlite`); PostgreSQL locks rows, not the
    database, and has no such queue to wait for."""
    make_way = getattr(connection, "make_way_for_waiting_writers", None)
    if make_way is not None:
        make_way()


def _commit_batch(dataset, rows, user, record, changes):
    """Write one batch and what it wrote (for its removal) in one short transaction."""
    written = {"created": [], "updated": []}
    _make_way()
    with transaction.atomic(), writing_in_bulk():
        _claim(record)
        _write_batch(dataset, rows, user, import_reason(record.file_name), written, record)
        ImportBatch.objects.create(record=record, changes=written)
    changes["created"].extend(written["created"])
    changes["updated"].extend(written["updated"])


def _complete(dataset, result, record, changes):
    """Make the import's records public, all at once, and keep what undoing it needs."""
    with transaction.atomic():
        _claim(record)
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


def undo_import(*, record, user=None, progress=None):
    """Restore the records an import updated and remove the ones it created, a batch at a
    time, each batch in a short transaction of its own, so that editors saving meanwhile
    wait for one batch at most.

    Stopped halfway (a record used since the import, a worker that died), what it undid
    stays undone and undoing again finishes the rest. `progress(done, total)` is called
    after each batch.
    """
    record.refresh_from_db()
    if record.status == ImportRecord.Status.UNDONE:
        raise UndoProblem(_("This import has already been undone."))
    if record.status != ImportRecord.Status.DONE:
        raise UndoProblem(_("Only a completed import can be undone."))
    reason = _("Import of %(file)s undone") % {"file": record.file_name}
    changed_models = set()
    done, total = 0, undo_size(record)
    if progress:
        progress(done, total)  # the undo's speed is measured from here
    with writing_in_bulk():
        for label, entries in _runs(record.changes.get("updated", [])):
            model = apps.get_model(label)
            for batch in chunks(entries, WRITE_BATCH_SIZE):
                _make_way()
                with transaction.atomic():
                    _restore_batch(model, batch, user, reason)
                done += len(batch)
                if progress:
                    progress(done, total)
            changed_models.add(model)
        # The newest first, so that records made after others (memberships) go before them.
        with _history_written_by(user):
            for label, entries in _runs(reversed(record.changes.get("created", []))):
                model = apps.get_model(label)
                for batch in chunks(entries, WRITE_BATCH_SIZE):
                    _make_way()
                    try:
                        with transaction.atomic():
                            _delete_batch(model, [pk for (pk,) in batch])
                    except UndoProblem as problem:
                        if done:
                            raise UndoProblem(
                                _("%(problem)s What was undone so far stays undone; undo "
                                  "again to finish.") % {"problem": problem}
                            ) from problem  # fmt: skip
                        raise
                    done += len(batch)
                    if progress:
                        progress(done, total)
                changed_models.add(model)
    with transaction.atomic():
        ImportRecord.objects.filter(pk=record.pk, status=ImportRecord.Status.DONE).update(
            status=ImportRecord.Status.UNDONE, undone_at=timezone.now(), undone_by=user
        )
        for model in changed_models:
            records_changed.send(sender=model)
    record.refresh_from_db()
    return record


def remove_import(record):
    """Remove what the batches of an import that did not complete wrote, the newest batch
    first, each in a short transaction: the records it created go with their history, and
    the ones it updated get back their values, without the history entries it wrote for
    them. The domain tables and their history are then as they were before it.

    An import still writing stops at its next batch; a removal interrupted in its turn is
    finished by the next one (`remove_interrupted_imports`).
    """
    ImportRecord.objects.filter(pk=record.pk, status=ImportRecord.Status.RUNNING).update(
        status=ImportRecord.Status.FAILED, updated=timezone.now()
    )
    reason = import_reason(record.file_name)
    changed_models = set()
    with writing_in_bulk():
        while True:
            _make_way()
            with transaction.atomic():
                # Waits for a batch being written to commit, so that it is found here.
                _claim(record, ImportRecord.Status.FAILED)
                batch = record.batches.order_by("-pk").first()
                if batch is None:
                    break
                changed_models |= _revert_batch(batch.changes, record, reason)
                batch.delete()
    if changed_models:
        with transaction.atomic():
            for model in changed_models:
                records_changed.send(sender=model)


def _revert_batch(changes, record, reason):
    """Undo one batch as if it had never been written; the models it touched."""
    touched = set()
    # First the values of the records it updated, which may point at records it created.
    for label, entries in _runs(changes.get("updated", [])):
        model = apps.get_model(label)
        restored, fields = _with_old_values(model, entries)
        if restored and fields:  # an erasure may have left no old value to restore
            model._default_manager.bulk_update(restored, sorted(fields))
        history = _history_of(model)
        if history is not None:
            history.objects.filter(
                id__in=[instance.pk for instance in restored],
                history_type="~",
                history_change_reason=reason,
                history_date__gte=record.created,
            ).delete()
        touched.add(model)
    for label, entries in _runs(reversed(changes.get("created", []))):
        model = apps.get_model(label)
        pks = [pk for (pk,) in entries]
        model._default_manager.filter(pk__in=pks).delete()
        history = _history_of(model)
        if history is not None:  # its creation, and the deletion just written
            history.objects.filter(id__in=pks).delete()
        touched.add(model)
    return touched


def _history_of(model):
    try:
        return get_history_model_for_model(model)
    except NotHistoricalModelError:
        return None


def remove_interrupted_imports():
    """Remove what imports left unfinished by a process that stopped had written; how many
    such imports there were. Every import job, and `manage.py prune_imports`, calls it."""
    interrupted = list(ImportRecord.objects.interrupted())
    for record in interrupted:
        remove_import(record)
    return len(interrupted)


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


def _with_old_values(model, entries):
    """The stored records of `entries` ([pk, {field: value before the import}]) set back to
    those values, and the fields set; a record deleted since the import is left out."""
    stored = model._default_manager.in_bulk([pk for pk, _old_values in entries])
    restored, fields = [], set()
    for pk, old_values in entries:
        if pk in stored:
            instance = stored[pk]
            for name, value in old_values.items():
                setattr(instance, name, model._meta.get_field(name).to_python(value))
            fields.update(old_values)
            restored.append(instance)
    return restored, fields


def _restore_batch(model, batch, user, reason):
    restored, fields = _with_old_values(model, batch)
    if restored and hasattr(restored[0], "updated"):
        # A change like any other: an editor's page opened before it is now stale.
        now = timezone.now()
        for instance in restored:
            instance.updated = now
        fields.add("updated")
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
    # Both the imports that completed and the batches of one still running or being removed.
    for kept in [
        *ImportRecord.objects.filter(changes__icontains=label),
        *ImportBatch.objects.filter(changes__icontains=label),
    ]:
        entries = kept.changes.get("updated", [])
        if any(entry[0] == label and entry[1] == pk and entry[2] for entry in entries):
            for entry in entries:
                if entry[0] == label and entry[1] == pk:
                    entry[2] = {}
            kept.save(update_fields=["changes"])


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


def import_upload(*, token, dataset_name, file_name, user=None, progress=None, job=None):
    """Import the upload `token` (for the job `job`), which its preview has checked: each
    batch is validated again against what is stored by then as it is written. On success
    the upload is removed, otherwise what failed is kept as its check, for the preview to
    show, and what the batches wrote is removed.

    What an earlier attempt of the same job left (its worker died) is removed first, so
    that running it again imports the file whole."""
    if job is not None:
        for record in ImportRecord.objects.filter(job=job).incomplete():
            remove_import(record)
    result = _import_upload_file(
        token,
        dataset_name=dataset_name,
        file_name=file_name,
        user=user,
        progress=progress,
        job=job,
        checked=True,
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
