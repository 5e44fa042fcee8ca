"""Django's CSRF failure, kind to a patient sending the New Patient Application."""

import logging
from urllib.parse import urlsplit

from django.views.csrf import csrf_failure as technical_csrf_failure
from wagtail.models import Page

from .models import ApplicationFormPage

logger = logging.getLogger("intake")


def application_page_for(request):
    """The application form page a POST was sent to, or None."""
    if request.method != "POST":
        return None
    page = Page.find_for_request(request, request.path)
    if page is None or not issubclass(page.specific_class, ApplicationFormPage):
        return None
    page = page.specific
    return page if urlsplit(page.url or "").path == request.path else None


def csrf_failure(request, reason=""):
    """A patient whose security cookie was missing or stale sees their form again, every
    answer in place, asked to send it again; anything else gets Django's own page.

    CSRF_FAILURE_VIEW in the settings names this view.
    """
    page = application_page_for(request)
    if page is None:
        return technical_csrf_failure(request, reason=reason)
    logger.info("Asked a client to resend a New Patient Application: the CSRF check failed")
    return page.ask_to_send_again(request)
