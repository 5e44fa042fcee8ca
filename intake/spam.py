"""Spam checks without a third-party CAPTCHA: a honeypot and a signed start time.

- The honeypot is a text box people never see; a bot that fills it in is dropped
  without being told (it gets the thank-you page) and the drop is logged.
- The page carries its load time, signed so a bot cannot make it up; a form sent back
  too soon, or signed by another key, is not dropped: the patient is asked to send it
  again, with every answer still in place.

The third check, the rate limit, is rate_limit.py.
"""

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
