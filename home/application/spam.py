"""Spam checks without a third-party CAPTCHA: a honeypot, a signed start time, a rate limit.

- The honeypot is a text box people never see; a bot that fills it in is dropped
  without being told (it gets the thank-you page) and the drop is logged.
- The page carries its load time, signed so a bot cannot make it up; a form sent back
  too soon, or signed by another key, is not dropped: the patient is asked to send it
  again, with every answer still in place.
- The rate limit counts stored applications per client in a database table, so it holds
  across all worker processes; a patient's typing mistakes never count against it.
"""

import datetime
import hashlib
import hmac
import ipaddress
import logging
import math
import re
import time
from dataclasses import dataclass

from django import forms
from django.apps import apps
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from home.client_ip import client_ip

logger = logging.getLogger("home.application")

HONEYPOT_FIELD = "website_url"
STARTED_FIELD = "form_started"
STARTED_SALT = "home.application.form-started"
# A page left open longer than this is signed again before it is accepted.
STARTED_MAX_AGE = 24 * 60 * 60
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")

RATE_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def is_well_formed_token(token):
    return bool(token) and TOKEN_PATTERN.fullmatch(token) is not None


def sign_started(now=None):
    return signing.Signer(salt=STARTED_SALT).sign(str(int(now if now is not None else time.time())))


def started_problem(value, now=None):
    """Why a form's signed start time cannot be accepted, or None when it can."""
    now = now if now is not None else time.time()
    try:
        started = int(signing.Signer(salt=STARTED_SALT).unsign(value or ""))
    except (signing.BadSignature, ValueError):
        return "unsigned"
    age = now - started
    if age < settings.APPLICATION_MIN_FILL_SECONDS:
        return "too fast"
    if age > STARTED_MAX_AGE:
        return "expired"
    return None


class HoneypotFormMixin(forms.Form):
    """The honeypot box and the signed start time, added to every application form."""

    website_url = forms.CharField(
        required=False,
        label="Leave this box empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_started = forms.CharField(required=False, widget=forms.HiddenInput)

    honeypot_fields = (HONEYPOT_FIELD, STARTED_FIELD)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[STARTED_FIELD].initial = sign_started()

    def caught_by_honeypot(self):
        return bool(self.is_bound and self.data.get(self.add_prefix(HONEYPOT_FIELD)))

    def clean(self):
        cleaned_data = super().clean()
        problem = started_problem(self.data.get(self.add_prefix(STARTED_FIELD)))
        if problem and problem != "too fast":
            self.replace_value(STARTED_FIELD, sign_started())
        if problem and self._errors:
            # The patient has mistakes to fix and will send the form again anyway.
            return cleaned_data
        if problem == "too fast":
            logger.info("Asked a client to resend a New Patient Application: sent too fast")
            self.add_error(
                None,
                "Please check your answers, then press “Send application” again. "
                "(The form was sent very quickly after the page opened, which is "
                "something spam robots do.)",
            )
        elif problem:
            logger.info("Asked a client to resend a New Patient Application: %s", problem)
            self.add_error(
                None,
                "Please check your answers, then press “Send application” again. "
                "(The page had been open for a long time.)",
            )
        return cleaned_data


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


def take_application_slot(request, now=None):
    """Count one application for this client; refuse once the window's limit is reached.

    The conditional UPDATE is atomic on SQLite and PostgreSQL alike, so concurrent
    requests in different worker processes can never both take the last slot.
    """
    limit = parse_rate(settings.APPLICATION_RATE_LIMIT)
    if limit is None:
        return RateDecision(True)
    allowed_count, period = limit
    Counter = apps.get_model("home", "ApplicationRateCounter")
    now = now or timezone.now()
    window = math.floor(now.timestamp() / period) * period
    window_start = datetime.datetime.fromtimestamp(window, tz=datetime.UTC)
    retry_after = max(1, int(window + period - now.timestamp()))
    key = client_key(request)
    counters = Counter.objects.filter(client_key=key, window_start=window_start)

    def take():
        return counters.filter(count__lt=allowed_count).update(count=F("count") + 1) == 1

    with transaction.atomic():
        if take():
            return RateDecision(True)
        if not counters.exists():
            try:
                with transaction.atomic():
                    Counter.objects.create(client_key=key, window_start=window_start, count=1)
                Counter.objects.filter(window_start__lt=now - datetime.timedelta(days=2)).delete()
                return RateDecision(allowed_count >= 1, retry_after)
            except IntegrityError:  # another process made the row first
                if take():
                    return RateDecision(True)
    logger.warning("Refused a New Patient Application: client %s reached the rate limit", key[:12])
    return RateDecision(False, retry_after)
