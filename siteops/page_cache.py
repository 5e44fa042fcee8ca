"""
Whole-page cache for anonymous readers.

A shared article brings a spike of readers who all see the same page: they get a
stored copy without touching the database. Editors and anyone with a session never
do, nor does anything that sets a cookie or says it must not be stored (the
application form). Copies are kept per content generation (cache_generation.py), so
every page is rebuilt on its next view after anything a reader sees has changed.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from .cache_generation import cache, current_generation

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


def _key(request, generation):
    # The scheme too: an http:// page (its canonical and Open Graph links, a redirect to
    # https) must never be served to a reader on https://, nor the other way round.
    raw = f"{generation}|{request.scheme}|{request.get_host()}|{request.get_full_path()}"
    # "v2": stored pages hold their policy attributes too, which older copies lack.
    return "page-cache:v2:" + hashlib.sha256(raw.encode()).hexdigest()


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
            key = _key(request, current_generation())
        except DisallowedHost:
            # Not one of our hosts: let Django answer it as it would without the cache.
            return self.get_response(request)
        stored = cache().get(key)
        if stored is not None:
            status, headers, content, policy = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            for name, value in policy.items():
                setattr(response, name, value)
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
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
                (response.status_code, headers, response.content, policy),
                settings.PAGE_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
        else:
            response["X-Page-Cache"] = "bypass"
        return response
