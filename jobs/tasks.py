from django_tasks import task

from . import services


@task()
def run_job(job_id):
    """The one task every job goes through; the job's kind says what it does."""
    services.run(job_id)
