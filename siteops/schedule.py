"""The worker's clock: enqueues the periodic tasks when they are due.

django-tasks-db has no scheduler of its own. Each job's next due time is a row in the
database (PeriodicJob), and a worker enqueues the job only if its own update moved that
time on, so two workers sharing the database never both enqueue the same run.
"""

import datetime

from django.utils import timezone

from siteops import tasks
from siteops.models import PeriodicJob

# Job name -> (task, every how long).
JOBS = {
    "publish_scheduled": (tasks.publish_scheduled_pages, datetime.timedelta(minutes=1)),
    "purge_applications": (tasks.purge_old_applications, datetime.timedelta(days=1)),
    "prune_task_results": (tasks.prune_task_results, datetime.timedelta(days=1)),
}


def enqueue_due_jobs(now=None):
    """Enqueue every job that is due; returns the names of those this worker enqueued."""
    now = now or timezone.now()
    enqueued = []
    for name, (job_task, every) in JOBS.items():
        job, _ = PeriodicJob.objects.get_or_create(name=name, defaults={"next_run_at": now})
        claimed = PeriodicJob.objects.filter(pk=job.pk, next_run_at__lte=now).update(
            next_run_at=now + every, last_enqueued_at=now
        )
        if claimed:
            job_task.enqueue()
            enqueued.append(name)
    return enqueued
