"""
Lists every page shows (the menu, the latest articles): built once per site version and
shared by every page, so they cost no query until something changes.

An app registers each list with what a page shows of its items. After any publication
invalidation.py rebuilds the lists and compares what they show with what they showed
before: only a real change (a new article in the footer, a renamed menu item) changes
the SITE version and so every page; any other edit leaves the rest of the site cached.
"""

import hashlib

from django.core.cache import caches

from . import content_versions

REGISTRY = {}


def shared_list(name, build, shows):
    """Register `build()` (the list) and `shows(item)` (what a page shows of an item)."""
    REGISTRY[name] = (build, shows)


def get(name):
    build, _ = REGISTRY[name]
    version = content_versions.current([content_versions.SITE])[content_versions.SITE]
    return caches["default"].get_or_set(f"shared-list:{name}:{version}", build, None)


def fingerprint(name):
    build, shows = REGISTRY[name]
    shown = repr(build_shown(build(), shows)).encode()
    return hashlib.sha256(shown).hexdigest()


def build_shown(value, shows):
    if isinstance(value, dict):
        return sorted((key, build_shown(items, shows)) for key, items in value.items())
    return [shows(item) for item in value]


def changed_lists():
    """Names of the lists whose shown content changed since last asked (and remember it)."""
    changed = []
    for name in REGISTRY:
        now = fingerprint(name)
        if content_versions.read_mark(name) != now:
            content_versions.write_mark(name, now)
            changed.append(name)
    return changed
