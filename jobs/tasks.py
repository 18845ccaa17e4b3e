from django_tasks import task

from . import running


@task()
def run_job(job_id):
    """The one task every job goes through; the job's kind says what it does."""
    running.run(job_id)
