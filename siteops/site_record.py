"""
The default Wagtail Site record follows the site's configured base URL (SITE_URL).

Wagtail builds every absolute address it makes without a request from the Site record:
the sitemap, the API's `detail_url`s, `Page.full_url`. Left at the `localhost:80` a new
database starts with, they all point at a machine nobody else can reach.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def configured_address(base_url=None):
    """(hostname, port) of the base URL, e.g. ("clinic.example", 443)."""
    base_url = base_url or settings.SITE_URL
    parts = urlsplit(base_url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ImproperlyConfigured(
            f"SITE_URL must be an http or https address such as https://clinic.example, "
            f"not {base_url!r}."
        )
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    if parts.scheme == "https" and port != 443:
        # Wagtail writes https only for port 443: its root_url would say http.
        raise ImproperlyConfigured(
            f"SITE_URL {base_url!r}: Wagtail's Site record can say https only on port 443."
        )
    return parts.hostname, port


def site_record_mismatch():
    """What the default Site says instead of SITE_URL, or "" when they agree."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ""
    hostname, port = configured_address()
    if (site.hostname, site.port) == (hostname, port):
        return ""
    return f"{site.hostname}:{site.port}"


def sync_default_site(base_url=None):
    """
    Point the default Site at the base URL; returns True when it changed. Only the
    host and port: the site's name and root page are the editors'.
    """
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return False
    hostname, port = configured_address(base_url)
    if (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True
