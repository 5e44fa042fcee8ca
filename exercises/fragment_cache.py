"""
`{% contentcache "name" [var ...] %}`: Wagtail's `{% wagtailpagecache %}`, also keyed on
the host site's content version of the page (EXERCISES_CONTENT_VERSION, a function of
the page) and on any variables given (a screen of the guided mode).

A page's own cache key changes when the page is published, but a routine also shows
exercises, photos and snippets that are published on their own: only the host site
knows when any of those changed, so the fragment is cached only when it says how to
tell. Previews are never cached (Wagtail's node skips them). The key also holds the
host the request came to: fragments hold absolute URLs (canonical, sharing cards).
"""

from functools import cache

from django.core.cache import caches
from django.template import TemplateSyntaxError, Variable
from django.utils.module_loading import import_string
from wagtail.templatetags.wagtail_cache import WagtailPageCacheNode

from .conf import exercises_setting

VERSION_VAR = "exercises_content_version"
HOST_VAR = "exercises_request_host"


@cache
def _version_function(path):
    return import_string(path)


def content_version(page=None):
    """The host's content version of `page`; with no page, of every page's content (what
    a search across the site depends on). None when the host gives none."""
    path = exercises_setting("CONTENT_VERSION")
    return _version_function(path)(page) if path else None


class _FromSetting:
    """Resolves to a setting when rendered, so tests and hosts can change it at run time."""

    def __init__(self, name):
        self.name = name

    def resolve(self, context):
        return exercises_setting(self.name)


class ContentCacheNode(WagtailPageCacheNode):
    def __init__(self, nodelist, fragment_name, vary_on=()):
        super().__init__(
            nodelist,
            _FromSetting("FRAGMENT_CACHE_SECONDS"),
            fragment_name,
            [Variable(VERSION_VAR), Variable(HOST_VAR), *(Variable(name) for name in vary_on)],
            _FromSetting("FRAGMENT_CACHE_ALIAS"),
        )

    def render(self, context):
        page = context.get("page")
        version = content_version(page) if page is not None else None
        if version is None:
            return self.nodelist.render(context)
        request = context.get("request")
        host = request.get_host() if request is not None else ""
        with context.update({VERSION_VAR: version, HOST_VAR: host}):
            return super().render(context)


def do_contentcache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError(f"'{bits[0]}' needs the fragment's name.")
    nodelist = parser.parse(("endcontentcache",))
    parser.delete_first_token()
    return ContentCacheNode(nodelist, bits[1].strip("\"'"), bits[2:])


def cached_with_fragments(request, page, name, compute):
    """
    `compute()`, kept as long as `page`'s cached fragments are (same cache, same content
    version, same page revision): what a view needs before its template runs (the
    number of a guide's screens, the video players a page places) then costs nothing
    when the fragments are warm. Computed every time where fragments are not cached.
    """
    version = content_version(page)
    if version is None or getattr(request, "is_preview", False):
        return compute()
    key = f"exercises:{name}:{page.cache_key}:{version}:{request.get_host()}"
    cache = caches[exercises_setting("FRAGMENT_CACHE_ALIAS")]
    return cache.get_or_set(key, compute, exercises_setting("FRAGMENT_CACHE_SECONDS"))
