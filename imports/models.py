import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scopes import limit


class ImportRecordQuerySet(models.QuerySet):
    def in_scope(self, user):
        """Every import for staff who work everywhere; a coordinator's own imports."""
        return limit(
            self,
            user,
            lambda scope: (
                models.Q(user_id=scope.user_id)
                if scope.user_id is not None
                else models.Q(pk__in=[])
            ),
        )

    def incomplete(self):
        """Imports whose records the public must not see: still writing, or removing what
        they wrote after they failed."""
        return self.filter(status__in=[ImportRecord.Status.RUNNING, ImportRecord.Status.FAILED])

    def interrupted(self, now=None):
        """Imports left unfinished by a process that stopped (killed, out of memory, a
        machine restarted): still running, or still removing their batches after a failure,
        but silent for `JOBS_HEARTBEAT_TIMEOUT`. A live import touches its record with
        every batch, far more often."""
        silent_since = (now or timezone.now()) - datetime.timedelta(
            seconds=settings.JOBS_HEARTBEAT_TIMEOUT
        )
        return self.filter(
            models.Q(status=ImportRecord.Status.RUNNING)
            | models.Q(status=ImportRecord.Status.FAILED, batches__isnull=False),
            updated__lt=silent_since,
        ).distinct()


class ImportRecord(models.Model):
    """One confirmed spreadsheet import: who loaded which file, what it did, how to undo it."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        UNDONE = "undone", _("Undone")
        # It failed, was cancelled or was interrupted: what its batches wrote is removed.
        FAILED = "failed", _("Not imported")

    dataset = models.CharField(_("dataset"), max_length=50, db_index=True)
    file_name = models.CharField(_("file name"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    created = models.DateTimeField(_("imported at"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DONE
    )
    new_count = models.PositiveIntegerField(_("new"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    # [[app_label.model, pk], ...] created, and [[app_label.model, pk, {field: old}], ...]
    # updated: what undo removes and restores.
    changes = models.JSONField(_("changes"), default=dict, editable=False)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )

    # The job that runs it, to clean up after an earlier attempt when it runs again.
    job = models.UUIDField(_("job"), null=True, blank=True, editable=False)
    # Touched with every batch written or removed: how an interrupted import is told from a
    # live one.
    updated = models.DateTimeField(_("updated"), default=timezone.now)

    objects = ImportRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created"]

    def __str__(self):
        # In the site's time zone, as every other time staff read (stored in UTC).
        created = timezone.localtime(self.created)
        return f"{self.file_name} ({self.dataset}, {created:%d.%m.%Y %H:%M})"


class ImportBatch(models.Model):
    """What one committed batch of a running import wrote: the records it created and the
    values it replaced, kept in the batch's own transaction, so that an import that fails,
    is cancelled or whose worker dies can be removed batch by batch. The batches of an import
    that completes are merged into its `changes` and deleted."""

    record = models.ForeignKey(ImportRecord, on_delete=models.CASCADE, related_name="batches")
    # As `ImportRecord.changes`: {"created": [...], "updated": [...]}.
    changes = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("batch of an import")
        verbose_name_plural = _("batches of imports")

    def __str__(self):
        return f"{self.record} #{self.pk}"


class PendingUpload(models.Model):
    """A file uploaded for import and waiting for it: the one record of who uploaded it,
    into which dataset, and which job writes it once confirmed.

    The file and what checking it found are kept in the imports storage under
    pending/<token>; the upload is discarded when its import is written, and pruned with
    its files after IMPORTS_KEEP_DAYS (`imports.uploads.prune_uploads`).
    """

    token = models.CharField(max_length=32, primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    dataset = models.CharField(max_length=50)
    file_name = models.CharField(max_length=255)
    # What staff chose for this import besides the file (an attendance report's event).
    options = models.JSONField(default=dict)
    write_job = models.ForeignKey(
        "jobs.Job", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return self.file_name
