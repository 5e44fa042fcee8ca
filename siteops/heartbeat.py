"""When the worker last ran: each worker writes its heartbeat, /healthz reads it."""

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from siteops.models import WorkerHeartbeat


def beat(worker_id, now=None):
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"last_seen": now or timezone.now()}
    )


def worker_status(now=None):
    """One line for /healthz: when a worker last ran, and "stale" when that is too long ago."""
    last_seen = WorkerHeartbeat.objects.aggregate(last=Max("last_seen"))["last"]
    if last_seen is None:
        return "worker: not seen yet"
    age = int(((now or timezone.now()) - last_seen).total_seconds())
    stale = age > settings.WORKER_STALE_SECONDS
    return f"worker: {'stale, ' if stale else ''}last ran {age} s ago ({last_seen.isoformat()})"
