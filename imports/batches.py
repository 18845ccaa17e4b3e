"""What an import and its undo share: the short transactions they write in, and the
import record each claims before it writes."""

from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import ImportRecord


class ImportInterrupted(Exception):
    """The import was found silent and removed by another process while it still ran."""


def import_reason(file_name):
    """The reason its history entries give for the changes an import made."""
    with translation.override("en"):
        return _("Imported from %(file)s") % {"file": file_name}


def claim(record, status=ImportRecord.Status.RUNNING):
    """Within a batch's transaction: touch the record, which also waits for (or holds off)
    whoever else may be changing it, and make sure that it is still `status`."""
    claimed = ImportRecord.objects.filter(pk=record.pk, status=status).update(
        updated=timezone.now()
    )
    if not claimed:
        raise ImportInterrupted(
            _(
                "This import was stopped: it was found interrupted and what it had written "
                "was removed. Run it again."
            )
        )


# Rows written in one transaction, which holds the embedded database's write lock (and on
# PostgreSQL the locks of the rows it updates) until it commits. Most of that time is Django
# turning records and their history into SQL (about 0.5 ms a row on two cores, against
# 0.08 ms in the database), so the lock lasts in proportion to the rows. Measured for 10,000
# people and 10,000 events: 1,000 rows held it for 0.57-0.67 s (median), 250 for 0.11-0.18 s,
# 100 for 0.05 s (longest 0.18 s), and the whole import took as long with 100 as with 1,000
# (8.0 against 8.3 s, 11.7 against 11.5 s): an editor's save waits 0.05 s, not 0.6.
WRITE_BATCH_SIZE = 100


def make_way():
    """Before each of a job's transactions: let editors waiting for the embedded database's
    write lock take it first (`diaspora_site.sqlite`); PostgreSQL locks rows, not the
    database, and has no such queue to wait for."""
    make_way = getattr(connection, "make_way_for_waiting_writers", None)
    if make_way is not None:
        make_way()
