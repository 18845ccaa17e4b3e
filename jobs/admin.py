"""The jobs staff started: a list, and each job's page with its progress bar."""

from pathlib import PurePath

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Job, PeriodicRun
from .services import cancel_job, may_run_again, run_again
from .status import job_status


class FollowedNotWrittenMixin:
    """For what staff follow but never write by hand (jobs, imports, the periodic runs): the
    admin shows it and adds, changes or deletes none of it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Job)
class JobAdmin(FollowedNotWrittenMixin, admin.ModelAdmin):
    list_display = ["title", "state_shown", "user", "created", "finished"]
    list_filter = ["state", "kind"]
    list_select_related = ["user"]
    search_fields = ["title"]
    date_hierarchy = "created"

    @admin.display(description=gettext_lazy("state"), ordering="state")
    def state_shown(self, job):
        # Only a running job's state needs its live figures (interrupted, cancelling).
        if job.state == Job.State.RUNNING:
            return job_status(job)["state_label"]
        return job.get_state_display()

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (
            obj is None or obj.user_id == request.user.pk or request.user.is_superuser
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<uuid:job_id>/status/", view(self.status_view), name="jobs_job_status"),
            path("<uuid:job_id>/cancel/", view(self.cancel_view), name="jobs_job_cancel"),
            path("<uuid:job_id>/again/", view(self.again_view), name="jobs_job_again"),
            path("<uuid:job_id>/download/", view(self.download_view), name="jobs_job_download"),
            *super().get_urls(),
        ]

    def _job(self, request, job_id):
        """The job, if this user may follow it; otherwise as if it did not exist."""
        try:
            return self.get_queryset(request).get(pk=job_id)
        except (Job.DoesNotExist, ValueError):
            raise Http404 from None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self._job(request, object_id)
        status = job_status(job)
        if status["next"]:
            # A check's result is its preview: go there, as the page's script would.
            return HttpResponseRedirect(status["next"])
        return TemplateResponse(
            request,
            "jobs/job.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": job.title,
                "job": job,
                "status": status,
                "status_url": reverse("admin:jobs_job_status", args=[job.pk]),
                "links": job.result.get("links", []) if job.state == Job.State.DONE else [],
                "download": job.state == Job.State.DONE and "file" in job.result,
            },
        )

    def status_view(self, request, job_id):
        # Never cached: admin_view says so for every admin page.
        return JsonResponse(job_status(self._job(request, job_id)))

    def cancel_view(self, request, job_id):
        job = self._job(request, job_id)
        if request.method != "POST":
            raise PermissionDenied
        if not job.finished_state:
            cancel_job(job)
            messages.info(request, _("The job is being cancelled; nothing it wrote is kept."))
        return HttpResponseRedirect(reverse("admin:jobs_job_change", args=[job.pk]))

    def again_view(self, request, job_id):
        job = self._job(request, job_id)
        if request.method != "POST":
            raise PermissionDenied
        if may_run_again(job):
            run_again(job)
        return HttpResponseRedirect(reverse("admin:jobs_job_change", args=[job.pk]))

    def download_view(self, request, job_id):
        job = self._job(request, job_id)
        made = job.result.get("file") if job.state == Job.State.DONE else None
        if not made:
            raise Http404
        storage = storages[made["storage"]]
        if not storage.exists(made["name"]):
            raise Http404(_("The file is no longer kept; run the job again."))
        return FileResponse(
            storage.open(made["name"], "rb"),
            as_attachment=True,
            filename=PurePath(made["as"]).name,
            content_type=made.get("content_type"),
        )


@admin.register(PeriodicRun)
class PeriodicRunAdmin(FollowedNotWrittenMixin, admin.ModelAdmin):
    """What the scheduler runs and how each last went: for whoever keeps the site running."""

    list_display = ["name", "schedule", "due", "started", "finished", "succeeded"]
    fields = ["name", "schedule", "command", "due", "started", "finished", "succeeded", "output"]
    readonly_fields = fields

    @admin.display(description=gettext_lazy("schedule (cron, site time)"))
    def schedule(self, run):
        return settings.PERIODIC_JOBS.get(run.name, {}).get("cron", "–")

    @admin.display(description=gettext_lazy("command"))
    def command(self, run):
        return " ".join(settings.PERIODIC_JOBS.get(run.name, {}).get("command", [])) or "–"

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)
