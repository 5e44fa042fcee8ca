"""
Two-factor sign-in for staff: a time-based code (TOTP, django-otp) asked for by
Wagtail's own login form, and required of anyone who holds one of the permissions in
ADMIN_TWO_FACTOR_PERMISSIONS (those that open patients' information).

- forms.LoginForm: Wagtail's login form with an "authentication code" field, checked
  against the staff member's confirmed device.
- views: setting up an authenticator app, and confirming a session signed in before it.
- middleware: staff who must use it are sent to set it up before any other admin page.
"""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def is_required_for(user):
    """Whether the site requires it (always in production) of someone with this access."""
    if not (settings.ADMIN_TWO_FACTOR_REQUIRED and user and user.is_active):
        return False
    return any(user.has_perm(permission) for permission in settings.ADMIN_TWO_FACTOR_PERMISSIONS)
