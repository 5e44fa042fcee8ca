"""
Settings the plugin reads, each prefixed EXERCISES_ and with a default, read when
needed so a host project can override them in its settings or in tests.

EXERCISES_LIBRARY_PAGE_SIZE   exercises per page in the library (default 12)
EXERCISES_ROUTINES_PAGE_SIZE  routines per page in a routine index (default 10)
EXERCISES_RICH_TEXT_FEATURES  rich-text features for steps, tips and routine text
"""

from django.conf import settings

DEFAULTS = {
    "LIBRARY_PAGE_SIZE": 12,
    "ROUTINES_PAGE_SIZE": 10,
    "RICH_TEXT_FEATURES": ["bold", "italic", "link", "ol", "ul"],
}


def exercises_setting(name):
    return getattr(settings, f"EXERCISES_{name}", DEFAULTS[name])
