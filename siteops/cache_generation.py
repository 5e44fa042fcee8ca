"""
The content generation: one number that changes whenever anything a reader can see
changes, so every cached copy made under the old number is forgotten at once.

Publishing, unpublishing, moving or deleting a page, and saving or deleting a snippet,
a setting, an image or a document start a new generation (`connect_signals`, called
when the app is ready). The page cache, the plugin's cached routine fragments
(EXERCISES_CONTENT_VERSION) and the lists every page shows (`remember`) are all kept
per generation: an exercise edited once refreshes every routine that shows it.

The generation lives where every worker process sees it: in the page cache itself when
that cache is shared (Redis), otherwise in a small file whose change time all local
workers read.
"""

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

GENERATION_KEY = "page-cache:generation"


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


def _reader_visible_models():
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
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(new_generation, dispatch_uid=f"page-cache-{signal!r}")
    post_delete.connect(new_generation, sender=Page, dispatch_uid="page-cache-page-delete")
    post_save.connect(_on_model_change, dispatch_uid="page-cache-model-save")
    post_delete.connect(_on_model_change, dispatch_uid="page-cache-model-delete")
