"""
Content Security Policy: a strict policy for readers, a looser one for the Wagtail admin.

django-csp sends settings.CONTENT_SECURITY_POLICY with every response. The admin's
editor still needs inline scripts and styles, so every response under the admin's
address - its pages, redirects and errors alike - gets
settings.ADMIN_CONTENT_SECURITY_POLICY instead: a policy of its own rather than none,
so the admin keeps object-src 'none', frame-ancestors and the rest. Previews are the
exception by design: Wagtail renders them as a request for the page's own URL through
every middleware, so an editor previews a page under the policy readers will get.

A response that carries its own header (the New Patient Application) keeps it, and a
view's own django-csp decorators still apply on top of either policy. A response may
add sources to a directive (django-csp's `_csp_update`, as the exercises plugin does
for the video player a page places): where the policy says 'none' for that directive,
the added sources take its place, since 'none' beside a source is ignored by browsers
(with a console warning) and would read as if nothing were allowed.
"""

from csp.constants import NONE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import NoReverseMatch, reverse


def is_admin_request(request):
    try:
        admin_prefix = reverse("wagtailadmin_home")
    except NoReverseMatch:  # a URL configuration without the admin
        return False
    return request.path.startswith(admin_prefix)


def opened_directives(directives, update):
    """
    The directives `update` adds sources to where `directives` allow nothing ('none'):
    these are replaced by the added sources alone.
    """
    return {
        name: list(sources)
        for name, sources in (update or {}).items()
        if sources and list(directives.get(name) or []) == [NONE]
    }


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin's policy for the admin's URLs."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        # parts.config is set only by a view's own @csp decorator, which wins.
        if parts.config is None and is_admin_request(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        directives = parts.config or settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        if opened := opened_directives(directives, parts.update):
            parts.replace = {**(parts.replace or {}), **opened}
            parts.update = {k: v for k, v in parts.update.items() if k not in opened}
        return parts
