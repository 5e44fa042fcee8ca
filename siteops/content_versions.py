"""
Content versions: numbers that change when what a reader sees changes, so a cached copy
made under an older number is never served again.

A cached copy records the versions it was made under (page_cache.py, the plugin's
routine fragments, `shared_list`):

- SITE: everything. Changed by settings, menus and lists every page shows, a restore:
  rare changes that really are on every page.
- LISTINGS: what is not one page: the sitemap, search results, feeds and errors.
  Changed by every publication.
- page_version(pk): one page. Changed when the page, or anything it shows, changes
  (invalidation.py works out which pages those are), so one edited tip re-renders the
  few pages that show it, not the whole site.
- route_version(pk): the way to one page (routing_cache.py). Changed when the page is
  unpublished, deleted, or its address changes (its own or an ancestor's); not by an
  edit of what it shows.

The numbers live where every process sees them: in the page cache when it is shared
(Redis), otherwise as the change times of small files in PAGE_CACHE_VERSIONS_DIR, which
every local worker reads.
"""

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import caches

SITE = "site"
LISTINGS = "listings"
KEY_PREFIX = "content-version:"


def page_version(pk):
    return f"page-{pk}"


def route_version(pk):
    return f"route-{pk}"


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _folder():
    return Path(settings.PAGE_CACHE_VERSIONS_DIR)


def current(names):
    """{name: version} for these names, each read once."""
    names = list(names)
    if settings.PAGE_CACHE_SHARED:
        keys = {KEY_PREFIX + name: name for name in names}
        found = cache().get_many(list(keys))
        for key in keys.keys() - found.keys():
            # Unknown (never changed, or evicted): start it now, so nothing stored
            # under an older number can match again.
            cache().add(key, time.time_ns(), None)
            found[key] = cache().get(key)
        return {keys[key]: value for key, value in found.items()}
    # os.stat on a joined string: read on every view, several times, where pathlib's
    # objects cost more than the stat itself.
    folder = os.fspath(settings.PAGE_CACHE_VERSIONS_DIR)
    versions = {}
    for name in names:
        try:
            versions[name] = os.stat(os.path.join(folder, name)).st_mtime_ns
        except FileNotFoundError:
            versions[name] = 0
    return versions


def bump(names):
    """Forget every copy made under the current versions of these names."""
    names = set(names)
    if not names:
        return
    if settings.PAGE_CACHE_SHARED:
        now = time.time_ns()
        cache().set_many({KEY_PREFIX + name: now for name in names}, None)
        return
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    now = time.time_ns()
    for name in names:
        path = folder / name
        before = path.stat().st_mtime_ns if path.exists() else 0
        path.touch()
        # Two changes within the file system's time resolution must still differ.
        os.utime(path, ns=(now, max(now, before + 1)))


def still_current(recorded):
    """Whether every (name, version) a copy recorded is still the current version."""
    recorded = dict(recorded)
    return current(recorded) == recorded


def read_mark(name):
    """A short text kept beside the versions (the fingerprint of a shared list)."""
    if settings.PAGE_CACHE_SHARED:
        return cache().get(f"{KEY_PREFIX}mark:{name}")
    try:
        return (_folder() / f"mark-{name}").read_text()
    except FileNotFoundError:
        return None


def write_mark(name, text):
    if settings.PAGE_CACHE_SHARED:
        cache().set(f"{KEY_PREFIX}mark:{name}", text, None)
        return
    _folder().mkdir(parents=True, exist_ok=True)
    (_folder() / f"mark-{name}").write_text(text)


def of_page(page=None):
    """The versions a rendering of `page` depends on, as one value (the plugin's
    EXERCISES_CONTENT_VERSION: routine fragments are kept under it). With no page, what
    depends on every page's content (the search vocabulary): the listings' version."""
    name = page_version(page.pk) if page is not None else LISTINGS
    versions = current([SITE, name])
    return f"{versions[SITE]}.{versions[name]}"
