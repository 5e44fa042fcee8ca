"""Spam checks without a third-party CAPTCHA: a honeypot and a signed start time.

- The honeypot is a text box people never see; a bot that fills it in is dropped
  without being told (it gets the thank-you page) and the drop is logged.
- The page carries its load time, signed together with the form's application token so
  a bot can neither make it up nor reuse one signed time for many applications (a
  token stores one application); a form sent back too soon, signed by another key or
  for another token, is not dropped: the patient is asked to send it again, with every
  answer still in place.

The third check, the rate limit, is rate_limit.py.
"""

import hashlib
import logging
import re
import time

from django import forms
from django.conf import settings
from django.core import signing

logger = logging.getLogger("intake")

HONEYPOT_FIELD = "website_url"
STARTED_FIELD = "form_started"
# Unchanged since the application lived in the `home` app: a new salt would ask every
# patient with the form open to send it again.
STARTED_SALT = "home.application.form-started"
# A page left open longer than this is signed again before it is accepted.
STARTED_MAX_AGE = 24 * 60 * 60
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def is_well_formed_token(token):
    return bool(token) and TOKEN_PATTERN.fullmatch(token) is not None


def _binding(token):
    return hashlib.sha256(f"form-started:{token}".encode()).hexdigest()[:32]


def sign_started(now=None, token=""):
    """The load time, signed for the form that carries `token`."""
    started = int(now if now is not None else time.time())
    return signing.Signer(salt=STARTED_SALT).sign(f"{started}:{_binding(token)}")


def started_problem(value, token="", now=None):
    """Why a form's signed start time cannot be accepted, or None when it can."""
    now = now if now is not None else time.time()
    try:
        started, binding = signing.Signer(salt=STARTED_SALT).unsign(value or "").split(":")
        started = int(started)
    except (signing.BadSignature, ValueError):
        return "unsigned"
    if binding != _binding(token):
        return "signed for another form"
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

    def started_binding(self):
        """The token the start time is signed for (the form's application token)."""
        return ""

    def sign_start(self):
        self.fields[STARTED_FIELD].initial = sign_started(token=self.started_binding())

    def caught_by_honeypot(self):
        return bool(self.is_bound and self.data.get(self.add_prefix(HONEYPOT_FIELD)))

    def clean(self):
        cleaned_data = super().clean()
        token = self.started_binding()
        problem = started_problem(self.data.get(self.add_prefix(STARTED_FIELD)), token)
        if problem and problem != "too fast":
            self.replace_value(STARTED_FIELD, sign_started(token=token))
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
                "Please check your answers, then press “Send application” again."
                + (" (The page had been open for a long time.)" if problem == "expired" else ""),
            )
        return cleaned_data
