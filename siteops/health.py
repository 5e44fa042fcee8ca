"""
/healthz: tells a load balancer or uptime monitor whether this server can serve pages.

200 "ok" when the database answers a trivial query, 503 when it does not. The answer is
never stored by the page cache, a proxy or a browser (no-store): a monitor must see the
state of the moment, not a copy from when things were fine.

A second line says when the background worker last ran (`manage.py run_worker`), and
"stale" when that was more than WORKER_STALE_SECONDS ago. It never turns the answer
red: a site that has just started has no worker heartbeat yet, and pages still serve.
"""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from siteops.heartbeat import worker_status

logger = logging.getLogger(__name__)


@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # One line, not a traceback: a monitor asks every few seconds during an outage.
        logger.warning("Health check: the database is not reachable: %s", error)
        response = HttpResponse("database unavailable", content_type="text/plain", status=503)
    else:
        response = HttpResponse(f"ok\n{worker_line()}", content_type="text/plain")
    add_never_cache_headers(response)
    return response


def worker_line():
    try:
        return worker_status()
    except DatabaseError as error:
        logger.warning("Health check: could not read the worker's heartbeat: %s", error)
        return "worker: unknown"
