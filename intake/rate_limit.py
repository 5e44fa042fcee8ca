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
        """Count one application for this client; refuse once the limit is reached.

        A sliding window: the previous window's count weighs in by the share of it that
        still falls within the last `period`, so no burst fits across a window boundary
        (with fixed windows alone, twice the limit could pass in a few seconds). The
        previous window no longer changes, and the conditional UPDATE is atomic on SQLite
        and PostgreSQL alike, so concurrent requests in different worker processes can
        never both take the last slot.
        """
        limit = parse_rate(settings.APPLICATION_RATE_LIMIT)
        if limit is None:
            return RateDecision(True)
        allowed_count, period = limit
        now = (now or timezone.now()).timestamp()
        window = math.floor(now / period) * period
        key = client_key(request)
        previous = self.filter(client_key=key, window_start=as_datetime(window - period))
        previous_count = previous.values_list("count", flat=True).first() or 0
        room = allowed_count - math.ceil(previous_count * (1 - (now - window) / period))
        counters = self.filter(client_key=key, window_start=as_datetime(window))

        def take():
            return counters.filter(count__lt=room).update(count=F("count") + 1) == 1

        with transaction.atomic():
            if take():
                return RateDecision(True)
            if room > 0 and not counters.exists():
                try:
                    with transaction.atomic():
                        self.create(client_key=key, window_start=as_datetime(window), count=1)
                    # Only this window and the previous one still count.
                    self.filter(window_start__lt=as_datetime(window - period)).delete()
                    return RateDecision(True)
                except IntegrityError:  # another process made the row first
                    if take():
                        return RateDecision(True)
        logger.warning(
            "Refused a New Patient Application: client %s reached the rate limit", key[:12]
        )
        count = counters.values_list("count", flat=True).first() or 0
        free_at = slot_frees_at(window, period, allowed_count, previous_count, count)
        return RateDecision(False, max(1, math.ceil(free_at - now)))


def as_datetime(timestamp):
    return datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)


def slot_frees_at(window, period, allowed_count, previous_count, count):
    """The time a refused client may send again: when the previous window's weight has
    fallen enough, or, with this window full, when it has become the previous one and
    weighs little enough."""
    if count >= allowed_count:
        return window + period * (2 - (allowed_count - 1) / count)
    if previous_count:
        return window + period * (1 - (allowed_count - 1 - count) / previous_count)
    return window  # another process's slot was freed meanwhile: try again now
