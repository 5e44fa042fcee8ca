"""
What a template needs to keep the parts every page shows (the announcement, the header
with its menu, the footer with its latest articles) between views: `site_fragments`,
for Wagtail's `{% wagtailcache %}` tag, as in templates/base.html:

    {% wagtailcache site_fragments.seconds header current_site.pk page.pk site_fragments.version %}

Those parts show Clinic settings and the shared lists (shared_lists.py), whose changes
change the SITE version (content_versions.py), and the year in the copyright line: the
fragment is kept under both and never outlives them.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.functional import cached_property

from . import content_versions


class _ShownEverywhereVersion:
    """Read only when a fragment asks, once per request."""

    @cached_property
    def _value(self):
        site = content_versions.current([content_versions.SITE])[content_versions.SITE]
        return f"{site}-{timezone.localdate().year}"

    def __str__(self):
        return self._value


def site_fragments(request):
    return {
        "site_fragments": {
            "seconds": settings.SITE_FRAGMENT_SECONDS,
            "version": _ShownEverywhereVersion(),
        }
    }
