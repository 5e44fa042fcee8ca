"""The two-factor sign-in page in the admin, and its entry in each staff member's account menu."""

from django.urls import path, reverse
from wagtail import hooks

from .two_factor.views import two_factor


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [path("two-factor/", two_factor, name="two_factor")]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor"),
        "label": "Two-factor sign-in",
        "help_text": "Ask for a code from an authenticator app each time you sign in.",
    }
