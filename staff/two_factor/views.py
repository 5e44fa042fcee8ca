from base64 import b32encode

import segno
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from . import confirmed_device, is_required_for
from .forms import CodeForm


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return reverse("wagtailadmin_home")


PENDING_KEY = "two_factor_pending_key"


def _pending_device(request):
    """The device being set up, not saved until a code confirms it.

    Its key waits in the session, so a reload shows the same QR code, and opening the
    page leaves no half-made device behind in the database.
    """
    key = request.session.get(PENDING_KEY)
    if not key:
        key = request.session[PENDING_KEY] = random_hex(20)
    return TOTPDevice(user=request.user, name="Authenticator app", key=key, confirmed=False)


def _grouped(secret):
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
def two_factor(request):
    """
    Set up an authenticator app (a QR code and the key to type in, then a code to prove
    it works), or confirm with a code a session that was signed in before it was set up.
    """
    user = request.user
    device = confirmed_device(user)
    setting_up = device is None
    if setting_up:
        device = _pending_device(request)
    elif user.is_verified():
        return TemplateResponse(
            request,
            "staff/two_factor/enabled.html",
            {"required": is_required_for(user)},
        )

    form = CodeForm(device, request.POST or None, new_device=setting_up)
    if request.method == "POST" and form.is_valid():
        if setting_up:
            device.confirmed = True
            device.save()
            request.session.pop(PENDING_KEY, None)
            messages.success(
                request,
                "Two-factor sign-in is on. You will be asked for a code each time you sign in.",
            )
        otp_login(request, device)
        return redirect(_next_url(request))

    context = {
        "form": form,
        "setting_up": setting_up,
        "required": is_required_for(user),
        "next": _next_url(request),
    }
    if setting_up:
        secret = b32encode(device.bin_key).decode().rstrip("=")
        context["secret"] = _grouped(secret)
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(
            scale=5, title="QR code for your authenticator app"
        )
    return TemplateResponse(request, "staff/two_factor/setup.html", context)
