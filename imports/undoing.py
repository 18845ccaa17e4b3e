"""Undoing an import, and removing what a failed or interrupted one wrote, a short
transaction a batch; forgetting a record's values in the imports' history."""

import collections
import contextlib
import itertools
from types import SimpleNamespace

from django.apps import apps
from django.db import transaction
from django.db.models import ProtectedError
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.exceptions import NotHistoricalModelError
from simple_history.models import HistoricalRecords
from simple_history.utils import (
    bulk_update_with_history,
    get_history_model_for_model,
)

from .batches import WRITE_BATCH_SIZE, claim, import_reason, make_way
from .datasets import chunks
from .models import ImportBatch, ImportRecord
from .signals import records_changed, writing_in_bulk


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
                make_way()
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
                    make_way()
                    try:
                        with transaction.atomic():
                            _delete_batch(model, [pk for (pk,) in batch])
                    except UndoProblem as problem:
                        if done:
                            raise UndoProblem(
                                _(
                                    "%(problem)s What was undone so far stays undone; undo "
                                    "again to finish."
                                )
                                % {"problem": problem}
                            ) from problem
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
            make_way()
            with transaction.atomic():
                # Waits for a batch being written to commit, so that it is found here.
                claim(record, ImportRecord.Status.FAILED)
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
