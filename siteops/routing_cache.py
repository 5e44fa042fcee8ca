"""
Routing for the pages the page cache cannot serve (editors, anyone with a session, the
page cache off, the first view after a publish): which site a request is for, which
page its path leads to, and that no view restriction applies, kept between requests
so a view skips Wagtail's site lookup, its query per path segment and the restriction
check, and loads the specific page in one query and its ancestors in another.

Wagtail keeps a route on the request (`_wagtail_site`, `_wagtail_route_for_request`,
read by `Page.route_for_request`): the middleware fills them from the cache before the
view runs, and the `before_serve_page` hook stores what Wagtail found. Two entries are
kept, each with the content versions it was made under (content_versions.py), and used
only while those are current:

- the route: the site, the page's type and id, and its ancestors (for its breadcrumb
  trail and `get_parent()`), under the site's version and the route's own. Unpublishing,
  moving, renaming or deleting the page or an ancestor, or an ancestor's new title,
  changes the route's version (invalidation.py); a view restriction, a site or a
  setting changes the site's.
- the specific page itself, under the page's version, which its publication (or that
  of anything it shows) changes. A new version costs one query for the page; the route
  is kept.

Only a plain route is kept: to a page with no view restriction on it or its ancestors,
and the path leading to the page itself (a routable page's sub-views are routed each
time), so a private page is always checked by Wagtail itself.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.utils import translation
from wagtail.models import Page

from . import content_versions, path_routing

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
    return "route:v2:" + hashlib.sha256(raw.encode()).hexdigest()


def _routable(request):
    return request.method in ("GET", "HEAD") and not request.path.startswith(SKIPPED_PREFIXES)


def _route_versions(page_pk):
    return content_versions.current(
        [content_versions.SITE, content_versions.route_version(page_pk)]
    )


def _page_key(route_key):
    # Beside its route, so one round trip to the cache brings both.
    return route_key + ":page"


def _live_page(content_type_id, pk):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=pk, live=True).first()


def _stored_page(content_type_id, pk, versions, stored, key):
    """The specific live page: `stored` while it was kept under these `versions`,
    otherwise from the database (and kept for the next view)."""
    if stored is not None and dict(stored[0]) == versions:
        return stored[1]
    # The versions were read before the page: a publication meanwhile makes this copy
    # stale at once instead of keeping the older page under the newer number.
    page = _live_page(content_type_id, pk)
    if page is not None:
        _cache().set(key, (tuple(versions.items()), page), KEPT_SECONDS)
    return page


def _ancestors(page, site):
    """The page's parents from the site's root page down: those Wagtail's routing kept
    on its way down, or else from the database; None when the tree changed meanwhile."""
    chain, current = [], page
    while (parent := getattr(current, "_cached_parent_obj", None)) is not None:
        chain.append(parent)
        current = parent
    if chain and current.pk == site.root_page_id:
        return chain[::-1]
    depths = range(site.root_page.depth, page.depth)
    paths = [page.path[: Page.steplen * depth] for depth in depths]
    parents = list(Page.objects.filter(path__in=paths).order_by("path"))
    return parents if len(parents) == len(paths) else None


def _link(page, ancestors):
    """Give the page its parents, as Wagtail's routing does on its way down, so
    `get_parent()` and a breadcrumb trail cost nothing more."""
    child = page
    for parent in reversed(ancestors):
        child._cached_parent_obj = parent
        child = parent


def restore(request):
    """Give the request its stored route when every version it was made under is
    current and the page is still live, else route it afresh (path_routing.py); True
    when either did."""
    if not _routable(request):
        return False
    return _restore_stored(request) or path_routing.route(request)


def _restore_stored(request):
    route_key = _key(request)
    page_key = _page_key(route_key)
    found = _cache().get_many([route_key, page_key])
    if route_key not in found:
        return False
    recorded, site, content_type_id, pk, ancestors = found[route_key]
    page_version = content_versions.page_version(pk)
    versions = content_versions.current([*dict(recorded), page_version])
    page_versions = {page_version: versions.pop(page_version)}
    if versions != dict(recorded):
        return False
    page = _stored_page(content_type_id, pk, page_versions, found.get(page_key), page_key)
    if page is None:
        return False
    _link(page, ancestors)
    page.get_view_restrictions = path_routing.without_restrictions
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
    versions = _route_versions(page.pk)
    if page.get_view_restrictions().exists():
        return
    # Wagtail's own check, which runs next, needs not ask again.
    page.get_view_restrictions = path_routing.without_restrictions
    ancestors = _ancestors(page, site)
    if ancestors is None:
        return
    stored = (tuple(versions.items()), site, page.content_type_id, page.pk, ancestors)
    _cache().set(_key(request), stored, KEPT_SECONDS)


class RoutingCacheMiddleware:
    """Route a request from the cache when its stored route is still current."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        restore(request)
        return self.get_response(request)
