"""The background queue as a superuser needs to see it: is the worker alive, is work stuck."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Max, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from siteops.models import WorkerHeartbeat

# A task ready for longer than this is waiting for a worker that is not taking it.
STUCK_AFTER = timedelta(minutes=5)
FAILED_WITHIN = timedelta(days=1)


@dataclass(frozen=True)
class QueueStatus:
    last_seen: object  # datetime or None
    waiting: int
    oldest_waiting: object  # datetime or None
    failed_recently: int
    now: object

    @property
    def worker_stale(self):
        if self.last_seen is None:
            return True
        return (self.now - self.last_seen).total_seconds() > settings.WORKER_STALE_SECONDS

    @property
    def stuck(self):
        return self.oldest_waiting is not None and self.now - self.oldest_waiting > STUCK_AFTER

    @property
    def needs_attention(self):
        return self.worker_stale or self.stuck or self.failed_recently > 0


def queue_status(now=None):
    now = now or timezone.now()
    ready = DBTaskResult.objects.ready()
    return QueueStatus(
        last_seen=WorkerHeartbeat.objects.aggregate(last=Max("last_seen"))["last"],
        waiting=ready.count(),
        oldest_waiting=ready.aggregate(oldest=Min("run_after"))["oldest"],
        failed_recently=DBTaskResult.objects.failed()
        .filter(finished_at__gte=now - FAILED_WITHIN)
        .count(),
        now=now,
    )
