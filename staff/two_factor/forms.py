import time

from django import forms
from django.utils.translation import gettext_lazy as _
from django_otp.oath import TOTP
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from . import confirmed_device

CODE_WIDGET_ATTRS = {
    "autocomplete": "one-time-code",
    "inputmode": "numeric",
    "pattern": "[0-9 ]*",
    "maxlength": "8",
}


def code_field(required):
    return forms.CharField(
        label=_("Authentication code"),
        required=required,
        help_text=_("The 6-digit code your authenticator app shows for this site."),
        widget=forms.TextInput(attrs=CODE_WIDGET_ATTRS),
    )


def verify_new(device, code):
    """None when the code fits the key of a device not saved yet; else the message.

    Without django-otp's verify_token, which saves the device (even on a wrong code) and
    throttles: the person setting it up is shown the key, so there is nothing to guess.
    """
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    code = code.replace(" ", "")
    if not code.isdigit() or not totp.verify(int(code), device.tolerance):
        return _("That code is not right or has expired. Enter the code your app shows now.")
    device.last_t = totp.t()
    return None


def verify(device, code):
    """None when the code is right; otherwise the message to show."""
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        # django-otp waits longer after each wrong code, against guessing.
        return _("Too many wrong codes. Wait a minute, then enter the code your app shows now.")
    if not device.verify_token(code.replace(" ", "")):
        return _("That code is not right or has expired. Enter the code your app shows now.")
    return None


class LoginForm(WagtailLoginForm):
    """
    Wagtail's login form, also asking for the code of staff who set up two-factor
    sign-in. Staff without it leave the field empty (the middleware then sends those
    who must have it to set it up).
    """

    otp_token = code_field(required=False)

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is None:
            return cleaned_data
        device = confirmed_device(user)
        if device is None:
            return cleaned_data
        code = (cleaned_data.get("otp_token") or "").strip()
        if not code:
            raise forms.ValidationError(
                _("Enter the authentication code from your app as well as your password."),
                code="code_required",
            )
        if message := verify(device, code):
            raise forms.ValidationError(message, code="invalid_code")
        # django-otp's login signal marks the new session as verified by this device.
        user.otp_device = device
        return cleaned_data


class CodeForm(forms.Form):
    otp_token = code_field(required=True)

    def __init__(self, device, *args, new_device=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device
        self.new_device = new_device

    def clean_otp_token(self):
        code = self.cleaned_data["otp_token"].strip()
        check = verify_new if self.new_device else verify
        if message := check(self.device, code):
            raise forms.ValidationError(message)
        return code
