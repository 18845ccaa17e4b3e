from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Work that outlasts a page view, run by a worker: its state, progress and result.

    The task queue (django-tasks) runs the work; a `Job` is what staff see of it. The
    ground floor: it knows no other app, and the apps register what each kind of job does.
    """

    name = "jobs"
    verbose_name = _("Background jobs")

    def ready(self):
        # Each app's tasks.py registers the kinds of job it runs (`jobs.running.handler`).
        autodiscover_modules("tasks")
