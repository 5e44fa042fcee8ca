"""
/healthz: tells a load balancer or uptime monitor whether this server can serve pages.

200 "ok" when the database answers a trivial query, 503 when it does not. The answer is
never stored by the page cache, a proxy or a browser (no-store): a monitor must see the
state of the moment, not a copy from when things were fine.
"""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

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
        response = HttpResponse("ok", content_type="text/plain")
    add_never_cache_headers(response)
    return response
