"""
Whole-page cache for anonymous readers.

A shared article brings a spike of readers who all see the same page: they get a
stored copy without touching the database. Editors and anyone with a session never
do, nor does anything that sets a cookie or says it must not be stored (the
application form). Each copy records the content versions it was made under
(content_versions.py): a Wagtail page's own and the site's, anything else the site's
and the listings'. A copy is served only while those are current, so a change
re-renders just the pages invalidation.py finds showing it.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from . import content_versions
from .content_versions import cache

SKIPPED_PREFIXES = ("/admin/", "/api/", "/documents/", "/django-admin/")
CACHEABLE_TYPES = (
    "text/html",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "text/plain",
)


# What a view said about its own Content Security Policy (django-csp's per-response
# attributes, e.g. the video player an exercise page places): the policy middleware sits
# outside this cache, so a stored page keeps them to get the same policy on every hit.
CSP_ATTRIBUTES = ("_csp_update", "_csp_replace", "_csp_config", "_csp_exempt")


def _key(request):
    # The scheme too: an http:// page (its canonical and Open Graph links, a redirect to
    # https) must never be served to a reader on https://, nor the other way round.
    raw = f"{request.scheme}|{request.get_host()}|{request.get_full_path()}"
    # "v3": stored pages hold the content versions they were made under and their
    # policy attributes, which older copies lack.
    return "page-cache:v3:" + hashlib.sha256(raw.encode()).hexdigest()


# Set on the request by the `before_serve_page` hook (wagtail_hooks.py), just before a
# Wagtail page renders: the versions its copy depends on.
PAGE_VERSIONS_ATTRIBUTE = "content_versions_of_page"


def record_page_versions(request, page):
    setattr(
        request,
        PAGE_VERSIONS_ATTRIBUTE,
        content_versions.current([content_versions.SITE, content_versions.page_version(page.pk)]),
    )


def _request_is_cacheable(request):
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(SKIPPED_PREFIXES):
        return False
    # No session cookie means nobody is logged in; reading request.user here would load
    # the session and mark every response "Vary: Cookie".
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _response_is_cacheable(response):
    # A page that sets a cookie (a form's CSRF token) is not the same for everyone.
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if "no-store" in control or "private" in control or "no-cache" in control:
        return False
    return response.get("Content-Type", "").split(";")[0] in CACHEABLE_TYPES


def _public_headers(response):
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_CACHE_BROWSER_SECONDS,
        s_maxage=settings.PAGE_CACHE_SECONDS,
    )


class PageCacheMiddleware:
    """Serve and store anonymous readers' pages; mark everything else private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_is_cacheable(request):
            response = self.get_response(request)
            if not response.has_header("Cache-Control") and not request.path.startswith("/static/"):
                patch_cache_control(response, private=True, no_cache=True)
            response["X-Page-Cache"] = "bypass"
            return response

        try:
            key = _key(request)
        except DisallowedHost:
            # Not one of our hosts: let Django answer it as it would without the cache.
            return self.get_response(request)
        stored = cache().get(key)
        if stored is not None and content_versions.still_current(stored[0]):
            _, status, headers, content, policy = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            for name, value in policy.items():
                setattr(response, name, value)
            response["X-Page-Cache"] = "hit"
            return response

        # Read before rendering: a change made while it renders makes the copy stale.
        versions = content_versions.current([content_versions.SITE, content_versions.LISTINGS])
        response = self.get_response(request)
        versions = getattr(request, PAGE_VERSIONS_ATTRIBUTE, versions)
        if _response_is_cacheable(response):
            _public_headers(response)
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in ("x-page-cache", "set-cookie")
            ]
            policy = {
                name: getattr(response, name) for name in CSP_ATTRIBUTES if hasattr(response, name)
            }
            cache().set(
                key,
                (tuple(versions.items()), response.status_code, headers, response.content, policy),
                settings.PAGE_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
        else:
            response["X-Page-Cache"] = "bypass"
        return response
