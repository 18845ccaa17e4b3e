"""Publishing and unpublishing records, with a history entry for each one changed."""

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from pagecache.cache import content_changed

from .models import Status


def publish(*, queryset, user=None):
    """Publish every record in `queryset`; returns how many changed."""
    return _set_status(queryset=queryset, status=Status.PUBLISHED, user=user)


def unpublish(*, queryset, user=None):
    """Take every record in `queryset` back to draft; returns how many changed."""
    return _set_status(queryset=queryset, status=Status.DRAFT, user=user)


@transaction.atomic
def _set_status(*, queryset, status, user):
    # Locks only the records themselves: an admin queryset may join nullable relations.
    records = list(queryset.exclude(status=status).select_for_update(of=("self",)))
    now = timezone.now()
    for record in records:
        record.status = status
        record.updated = now
    if records:
        content_changed()
        bulk_update_with_history(
            records,
            queryset.model,
            ["status", "updated"],
            default_user=user,
            default_change_reason=f"Status set to {status}",
        )
    return len(records)
