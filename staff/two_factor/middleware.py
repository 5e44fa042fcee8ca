from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import is_required_for

# Reachable before the second factor: signing in and out, and setting it up.
OPEN_URL_NAMES = ("wagtailadmin_login", "wagtailadmin_logout", "two_factor")


class TwoFactorRequiredMiddleware:
    """
    Staff who can read patient applications use the admin only with a verified second
    factor: until then every admin page sends them to set it up (or enter a code).
    Goes after django-otp's OTPMiddleware, which tells whether the session is verified.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_verify_first(request):
            url = reverse("two_factor")
            if request.method == "GET":
                url += "?" + urlencode({"next": request.get_full_path()})
            return redirect(url)
        return self.get_response(request)

    def _must_verify_first(self, request):
        admin_root = reverse("wagtailadmin_home")
        if not request.path.startswith(admin_root):
            return False
        if request.path in {reverse(name) for name in OPEN_URL_NAMES}:
            return False
        user = request.user
        return user.is_authenticated and not user.is_verified() and is_required_for(user)
