"""
Settings the plugin reads, each prefixed EXERCISES_ and with a default, read when
needed so a host project can override them in its settings or in tests.

EXERCISES_LIBRARY_PAGE_SIZE   exercises per page in the library (default 12)
EXERCISES_ROUTINES_PAGE_SIZE  routines per page in a routine index (default 10)
EXERCISES_RICH_TEXT_FEATURES  rich-text features for steps, tips and routine text
EXERCISES_CONTENT_VERSION     dotted path to a function of the page being rendered whose
                              value changes whenever anything that page shows changes (one
                              of its exercises is published, a snippet, image or setting it
                              shows is saved); called with None, whenever any page's
                              content changes (a site-wide search vocabulary). When set,
                              routine pages cache their rendered fragments under it;
                              unset (the default), nothing is cached,
                              because the plugin cannot tell by itself when a cached
                              fragment has gone stale. The `pages_showing_object` hook
                              (dependents.py) tells a host which pages show what.
EXERCISES_FRAGMENT_CACHE_SECONDS  how long a cached fragment is kept (default 3600)
EXERCISES_FRAGMENT_CACHE_ALIAS    the cache fragments go to (default "default")
EXERCISES_RESUME_DRAFTS_OF_EVERY_PAGE_TYPE  offer "Continue the draft" when a new page of
                              any type, not only the plugin's, clashes with an unpublished
                              draft of the same editor's (default False)
"""

from django.conf import settings

DEFAULTS = {
    "LIBRARY_PAGE_SIZE": 12,
    "ROUTINES_PAGE_SIZE": 10,
    "RICH_TEXT_FEATURES": ["bold", "italic", "link", "ol", "ul"],
    "CONTENT_VERSION": None,
    "FRAGMENT_CACHE_SECONDS": 3600,
    "FRAGMENT_CACHE_ALIAS": "default",
    "RESUME_DRAFTS_OF_EVERY_PAGE_TYPE": False,
}


def exercises_setting(name):
    return getattr(settings, f"EXERCISES_{name}", DEFAULTS[name])
