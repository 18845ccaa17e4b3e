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


class ImportRecord(models.Model):
    """One confirmed spreadsheet import: who loaded which file, what it did, how to undo it."""

    class Status(models.TextChoices):
        DONE = "done", _("Imported")
        UNDONE = "undone", _("Undone")

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

    objects = ImportRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created"]

    def __str__(self):
        # In the site's time zone, as every other time staff read (stored in UTC).
        created = timezone.localtime(self.created)
        return f"{self.file_name} ({self.dataset}, {created:%d.%m.%Y %H:%M})"
