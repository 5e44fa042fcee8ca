"""What the background worker keeps in the database, so every worker process sees it."""

from django.db import models


class PeriodicJob(models.Model):
    """A job the worker enqueues on a schedule (siteops/schedule.py): the row says when
    it is next due, and only the worker that moves `next_run_at` on enqueues it."""

    name = models.CharField(max_length=100, unique=True)
    next_run_at = models.DateTimeField()
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.name


class WorkerHeartbeat(models.Model):
    """When a worker process last went round its loop; /healthz reports the latest."""

    worker_id = models.CharField(max_length=64, unique=True)
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.worker_id} at {self.last_seen:%Y-%m-%d %H:%M:%S}"
