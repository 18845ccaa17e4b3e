"""Deleted records, listed and brought back from their history."""

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _


class RestoreProblem(Exception):
    """A deleted record that cannot come back as it was; the message says why."""


def deleted_records(model):
    """The last version of each `model` record deleted and not restored, newest first: a
    query, so that a list of 100,000 deletions (an undone import) is read a page at a time."""
    history = model.history.model
    return (
        history.objects.filter(history_type="-")
        # The record's last version (deleted, restored and deleted again: the last deletion)...
        .exclude(
            Exists(
                history.objects.filter(
                    id=OuterRef("id"), history_date__gt=OuterRef("history_date")
                )
            )
        )
        # ...of a record that is not back.
        .exclude(Exists(model._default_manager.filter(pk=OuterRef("id"))))
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


def as_it_was(version):
    """The record as its history `version` keeps it, from that row's own columns.

    django-simple-history's `version.instance` also reads the live record for the columns
    its history leaves out (a translated model's mirror of the active language), a query per
    version that finds nothing for a deleted record."""
    model = version.instance_type
    kept = {field.attname for field in version._meta.concrete_fields}
    return model(
        **{
            field.attname: getattr(version, field.attname)
            for field in model._meta.concrete_fields
            if field.attname in kept
        }
    )


@transaction.atomic
def restore_deleted(*, model, history_id, user=None, allowed=None):
    """Bring back a deleted record, with the same id, from its last version; `allowed`
    (the version) says whether this user may."""
    record = model.history.filter(history_id=history_id, history_type="-").first()
    if record is None or (allowed is not None and not allowed(record)):
        raise RestoreProblem(_("There is no such deleted record."))
    if model._default_manager.filter(pk=record.id).exists():
        raise RestoreProblem(_("This record has already been restored."))
    instance = record.instance
    for field in model._meta.concrete_fields:
        if field.is_relation and getattr(instance, field.attname) is not None:
            target = field.related_model._default_manager.filter(
                pk=getattr(instance, field.attname)
            )
            if not target.exists():
                if not field.null:
                    raise RestoreProblem(
                        _("Its %(field)s was deleted too: restore that first.")
                        % {"field": field.verbose_name}
                    )
                setattr(instance, field.attname, None)
    instance._history_user = user
    instance._change_reason = "Restored"
    try:
        with transaction.atomic():
            instance.save(force_insert=True)
    except IntegrityError:
        raise RestoreProblem(
            _("Another record now has the same name or address; change that one first.")
        ) from None
    return instance
