"""The rate limit: stored applications per client and time window (APPLICATION_RATE_LIMIT).

Counted in a database table, so it holds across all worker processes; a patient's typing
mistakes never count against it (only stored applications take a slot). A client is a
keyed hash of its address (an IPv6 /64), never the address itself.
"""

import datetime
import hashlib
import hmac
import ipaddress
import logging
import math
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from siteops.client_ip import client_ip

logger = logging.getLogger("intake")

RATE_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def client_key(request):
    """A keyed hash of the client's address: counts per client without storing an IP."""
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
        if ip.version == 6:
            address = str(ipaddress.ip_network(f"{ip}/64", strict=False))
    except ValueError:
        address = "unknown"
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"application-client:{address}".encode(), hashlib.sha256
    )
    return digest.hexdigest()[:40]


def parse_rate(rate):
    """ "10/h" -> (10, 3600); None when the limit is switched off ("off" or empty)."""
    if not rate or str(rate).strip().lower() in {"off", "none", "0"}:
        return None
    count, _, period = str(rate).partition("/")
    period = period.strip().lower() or "h"
    multiplier = int(period[:-1] or 1)
    return int(count), multiplier * RATE_PERIODS[period[-1]]


@dataclass
class RateDecision:
    allowed: bool
    retry_after: int = 0


class RateCounterQuerySet(models.QuerySet):
    """The manager of ApplicationRateCounter: one row per client and time window."""

    def take_slot(self, request, now=None):
        """Count one application for this client; refuse once the window's limit is reached.

        The conditional UPDATE is atomic on SQLite and PostgreSQL alike, so concurrent
        requests in different worker processes can never both take the last slot.
        """
        limit = parse_rate(settings.APPLICATION_RATE_LIMIT)
        if limit is None:
            return RateDecision(True)
        allowed_count, period = limit
        now = now or timezone.now()
        window = math.floor(now.timestamp() / period) * period
        window_start = datetime.datetime.fromtimestamp(window, tz=datetime.UTC)
        retry_after = max(1, int(window + period - now.timestamp()))
        key = client_key(request)
        counters = self.filter(client_key=key, window_start=window_start)

        def take():
            return counters.filter(count__lt=allowed_count).update(count=F("count") + 1) == 1

        with transaction.atomic():
            if take():
                return RateDecision(True)
            if not counters.exists():
                try:
                    with transaction.atomic():
                        self.create(client_key=key, window_start=window_start, count=1)
                    self.filter(window_start__lt=now - datetime.timedelta(days=2)).delete()
                    return RateDecision(allowed_count >= 1, retry_after)
                except IntegrityError:  # another process made the row first
                    if take():
                        return RateDecision(True)
        logger.warning(
            "Refused a New Patient Application: client %s reached the rate limit", key[:12]
        )
        return RateDecision(False, retry_after)
