import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The jobs `user` may follow: their own, and every job for superusers."""
        return self if user.is_superuser else self.filter(user=user)


class Job(models.Model):
    """One piece of work handed to a worker, as staff follow it.

    What moves while the work runs (rows done, the worker's heartbeat, a request to cancel)
    is kept in the `jobs` cache (`jobs.progress`), not here: the bar must move without
    waiting for the embedded database's write lock, which an import takes batch by batch.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=50)
    title = models.CharField(_("title"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    # What the work needs (JSON: ids, names, never a model instance) and what it found.
    params = models.JSONField(_("parameters"), default=dict, editable=False)
    result = models.JSONField(_("result"), default=dict, editable=False)
    # What went wrong, in words for staff; the traceback goes to the worker's log only.
    message = models.TextField(_("message"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created"]
        indexes = [models.Index(fields=["state", "created"], name="jobs_state_created_idx")]

    def __str__(self):
        return self.title

    @property
    def finished_state(self):
        return self.state in (self.State.DONE, self.State.FAILED, self.State.CANCELLED)


class PeriodicRun(models.Model):
    """One of the periodic jobs (settings.PERIODIC_JOBS): the last time it fell due, and how
    its last run went.

    The row is also the lock: a scheduler queues a run only by moving `due` forward from the
    value it read, in one UPDATE, so two schedulers never queue the same run twice.
    """

    name = models.CharField(_("name"), max_length=50, primary_key=True)
    due = models.DateTimeField(_("last fell due"))
    started = models.DateTimeField(_("last started"), null=True, blank=True)
    finished = models.DateTimeField(_("last finished"), null=True, blank=True)
    succeeded = models.BooleanField(_("succeeded"), null=True)
    output = models.TextField(_("what it said"), blank=True)

    class Meta:
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")
        ordering = ["name"]

    def __str__(self):
        return self.name
