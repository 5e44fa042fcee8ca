"""
Routing for the pages the page cache cannot serve (editors, anyone with a session, the
page cache off, the first view after a publish): which site a request is for, which
page its path leads to, and that no view restriction applies, kept between requests
so a view skips Wagtail's site lookup, its query per path segment and the restriction
check, and loads the specific page in one query and its ancestors in another.

Wagtail keeps a route on the request (`_wagtail_site`, `_wagtail_route_for_request`,
read by `Page.route_for_request`): the middleware fills them from the cache before the
view runs, and the `before_serve_page` hook stores what Wagtail found. A stored route
records the content versions it was made under, the site's and the route's own
(content_versions.route_version), and is used only while they are current:
unpublishing, moving, renaming or deleting the page or an ancestor changes the
route's version (invalidation.py); a view restriction, a site or a setting changes the
site's. Publishing new content keeps the route: the page itself is read fresh on every
view, and one that is not live any more is routed by Wagtail again.

Only a plain route is kept: to a page with no view restriction on it or its ancestors,
and the path leading to the page itself (a routable page's sub-views are routed each
time), so a private page is always checked by Wagtail itself.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from . import content_versions

SKIPPED_PREFIXES = ("/admin/", "/api/", "/documents/", "/django-admin/", "/static/")
# A route nobody asks for leaves the cache; one asked for is found again in a few queries.
KEPT_SECONDS = 24 * 60 * 60
RESTORED_ATTRIBUTE = "_route_from_cache"


def _cache():
    return caches["default"]


def _key(request):
    # The raw host and port, as Wagtail's own site lookup reads them; the language, as
    # `.localized` routes by it.
    raw = (
        f"{request._get_raw_host()}|{request.get_port()}|"
        f"{translation.get_language()}|{request.path}"
    )
    return "route:v1:" + hashlib.sha256(raw.encode()).hexdigest()


def _routable(request):
    return request.method in ("GET", "HEAD") and not request.path.startswith(SKIPPED_PREFIXES)


def _versions(page_pk):
    return content_versions.current(
        [content_versions.SITE, content_versions.route_version(page_pk)]
    )


def _without_restrictions():
    # What `Page.get_view_restrictions` returns for a page none apply to, without a query.
    return PageViewRestriction.objects.none()


def _live_page(content_type_id, pk):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=pk, live=True).first()


def _link_ancestors(page, site):
    """Give the page its parents up to the site's root page, as Wagtail's routing does
    on its way down, so `get_parent()` and a breadcrumb trail cost nothing more."""
    depths = range(site.root_page.depth, page.depth)
    paths = [page.path[: Page.steplen * depth] for depth in depths]
    parents = list(Page.objects.filter(path__in=paths).order_by("path"))
    if len(parents) != len(paths):
        return  # moved meanwhile: the trail is looked up as it is now
    child = page
    for parent in reversed(parents):
        child._cached_parent_obj = parent
        child = parent


def restore(request):
    """Give the request its stored route when every version it was made under is
    current and the page is still live; True when it did."""
    if not _routable(request):
        return False
    stored = _cache().get(_key(request))
    if stored is None:
        return False
    recorded, site, content_type_id, pk = stored
    if _versions(pk) != dict(recorded):
        return False
    page = _live_page(content_type_id, pk)
    if page is None:
        return False
    _link_ancestors(page, site)
    page.get_view_restrictions = _without_restrictions
    request._wagtail_site = site
    # The page routes what is left of the path, nothing: a routable page gives its
    # main view, any other page itself (no query either way).
    request._wagtail_route_for_request = page.route(request, [])
    setattr(request, RESTORED_ATTRIBUTE, True)
    return True


def remember(page, request, args, kwargs):
    """Keep the route Wagtail just found for `page`, when it is a plain one."""
    if getattr(request, RESTORED_ATTRIBUTE, False) or not _routable(request):
        return
    route = getattr(request, "_wagtail_route_for_request", None)
    site = getattr(request, "_wagtail_site", None)
    if route is None or route[0] is not page or site is None:
        return
    # Kept only when the whole path led to the page, as restore() routes it.
    if tuple(route) != tuple(page.route(request, [])):
        return
    versions = _versions(page.pk)
    if page.get_view_restrictions().exists():
        return
    # Wagtail's own check, which runs next, needs not ask again.
    page.get_view_restrictions = _without_restrictions
    stored = (tuple(versions.items()), site, page.content_type_id, page.pk)
    _cache().set(_key(request), stored, KEPT_SECONDS)


class RoutingCacheMiddleware:
    """Route a request from the cache when its stored route is still current."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        restore(request)
        return self.get_response(request)
