"""System checks for what settings alone cannot say."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError

from .site_record import site_record_mismatch


@register(Tags.database)
def default_site_matches_site_url(app_configs, databases=None, **kwargs):
    """
    With DEBUG off (production), the default Site must be the configured base URL: a
    `localhost` record sends search engines from the sitemap to dead addresses.
    """
    if settings.DEBUG or not databases:
        return []
    try:
        found = site_record_mismatch()
    except DatabaseError:  # not migrated yet: migrate runs the check again afterwards
        return []
    except ImproperlyConfigured as problem:
        return [Error(str(problem), id="siteops.E001")]
    if not found:
        return []
    return [
        Warning(
            f"The default Wagtail site is {found}, not SITE_URL {settings.SITE_URL}: the "
            "sitemap, feeds and API links point there.",
            hint="Run `manage.py sync_site_url` (make run and make serve do).",
            id="siteops.W001",
        )
    ]
