from django_tasks import task

from . import running, scheduling


@task()
def run_job(job_id):
    """The one task every job goes through; the job's kind says what it does."""
    running.run(job_id)


@task()
def run_periodic_job(name):
    """A periodic job (settings.PERIODIC_JOBS), queued by the scheduler when it falls due."""
    scheduling.run_periodic(name)
