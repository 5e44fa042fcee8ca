"""
Whole-page cache for anonymous readers.

A shared article brings a spike of readers who all see the same page: they get a
stored copy without touching the database. Editors and anyone with a session never
do, nor does anything that sets a cookie or says it must not be stored (the
application form). Publishing anything a reader can see - a page, a snippet, the
clinic settings, an image - starts a new cache generation, so every page is rebuilt
on its next view (an exercise edited once changes every routine that shows it).

The generation lives where every worker process sees it: in the cache itself when
that cache is shared (Redis), otherwise in a small file whose change time all local
workers read.
"""

import hashlib
import logging
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
SKIPPED_PREFIXES = ("/admin/", "/api/", "/documents/", "/django-admin/")
CACHEABLE_TYPES = (
    "text/html",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "text/plain",
)


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _generation_file():
    return Path(settings.PAGE_CACHE_GENERATION_FILE)


def current_generation():
    if settings.PAGE_CACHE_SHARED:
        return cache().get_or_set(GENERATION_KEY, time.time_ns())
    try:
        return _generation_file().stat().st_mtime_ns
    except FileNotFoundError:
        return 0


def remember(name, build):
    """
    `build()`, computed once per generation and shared by every page: lists each page
    shows (the menu, the latest articles) cost no query until something changes.
    """
    key = f"site:{name}:{current_generation()}"
    return caches["default"].get_or_set(key, build, settings.PAGE_CACHE_SECONDS)


def new_generation(**kwargs):
    """Forget every stored page (called when anything a reader sees changes)."""
    if settings.PAGE_CACHE_SHARED:
        cache().set(GENERATION_KEY, time.time_ns(), None)
        return
    path = _generation_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    # Two changes within the file system's time resolution must still differ.
    now = time.time_ns()
    os.utime(path, ns=(now, max(now, path.stat().st_mtime_ns + 1)))


def _key(request, generation):
    raw = f"{generation}|{request.get_host()}|{request.get_full_path()}"
    return "page-cache:" + hashlib.sha256(raw.encode()).hexdigest()


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
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
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
            cache().set(
                key, (response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS
            )
            response["X-Page-Cache"] = "miss"
        else:
            response["X-Page-Cache"] = "bypass"
        return response


def _reader_visible_models():
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.snippets.models import get_snippet_models

    return {
        *get_snippet_models(),
        *settings_registry,
        get_image_model(),
        get_document_model(),
    }


def _on_model_change(sender, **kwargs):
    if sender in _reader_visible_models():
        new_generation()


def connect_signals():
    from wagtail.models import Page
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(new_generation, dispatch_uid=f"page-cache-{signal!r}")
    post_delete.connect(new_generation, sender=Page, dispatch_uid="page-cache-page-delete")
    post_save.connect(_on_model_change, dispatch_uid="page-cache-model-save")
    post_delete.connect(_on_model_change, dispatch_uid="page-cache-model-delete")
