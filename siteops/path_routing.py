"""
Wagtail's routing with the pages on the path read in one query, for a view with no
stored route (routing_cache.py): the first after a publish, or of a page nobody asked
for lately.

Wagtail's `Page.route` walks the path one segment at a time: a query for the child
with that slug, another for its specific page, and two more for the view restrictions.
Here the site's root, its ancestors and every page whose slug is on the path come in
one query, with whether a restriction is set on each; the walk then follows Wagtail's
rules in memory, and only the page the path leads to is loaded as its specific type.

A page type whose `route` is its own (neither Wagtail's `Page.route` nor the routable
page's) routes the rest of the path itself, as Wagtail would have it; a routable page
whose sub-URLs match the rest of the path serves that view, as in Wagtail. Anything
this walk cannot follow (an unknown segment, translations) is left to Wagtail, which
routes it as always.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.urls import Resolver404, resolve
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site


def _page_path(request):
    """The page path of a request Wagtail's own view serves, else None."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.func is not wagtail_views.serve:
        return None
    return match.args[0] if match.args else match.kwargs.get("path", "")


def _pages_on_the_way(root, slugs):
    """The root's ancestors, the root, and the pages below it with a slug on the path
    (no deeper than the path), each with whether a restriction is set on it."""
    above = [root.path[: Page.steplen * depth] for depth in range(1, root.depth + 1)]
    below = Q(
        path__startswith=root.path,
        depth__gt=root.depth,
        depth__lte=root.depth + len(slugs),
        slug__in=set(slugs),
    )
    restricted = PageViewRestriction.objects.filter(page=OuterRef("pk"))
    return list(
        Page.objects.filter(Q(path__in=above) | below)
        .annotate(has_restriction=Exists(restricted))
        .order_by("path")
    )


def _child(rows, parent, slug):
    """What `parent.get_children().get(slug=slug)` returns, or None."""
    found = [
        row
        for row in rows
        if row.depth == parent.depth + 1 and row.slug == slug and row.path.startswith(parent.path)
    ]
    return found[0] if len(found) == 1 else None


def _routes_itself(page_class, page, rest):
    """Whether `page` routes `rest` other than by looking for a child with its slug."""
    if page_class.route is Page.route:
        return False
    if page_class.route is RoutablePageMixin.route:
        if not page.live:
            return False
        try:
            page_class.get_resolver().resolve("/" + "".join(f"{part}/" for part in rest))
        except Http404:
            return False
        return True
    return True


def without_restrictions():
    """What `Page.get_view_restrictions` returns for a page none apply to, without a
    query: given to a page once its path is known to be free of them."""
    return PageViewRestriction.objects.none()


def _unrestricted(rows):
    # As `Page.get_view_restrictions` sees them; an alias takes its source's, which
    # these rows do not say: then Wagtail checks.
    return not any(row.has_restriction or row.alias_of_id for row in rows)


def route(request):
    """Route the request as Wagtail would, filling in `_wagtail_site` and
    `_wagtail_route_for_request`; True when it did, False to leave it to Wagtail."""
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return False
    path = _page_path(request)
    if path is None:
        return False
    site = Site.find_for_request(request)
    if site is None:
        return False
    slugs = [part for part in path.split("/") if part]
    rows = _pages_on_the_way(site.root_page, slugs)
    current = next((row for row in rows if row.pk == site.root_page_id), None)
    if current is None:
        return False
    trail = [row for row in rows if row.depth < current.depth]
    rest = slugs
    while True:
        trail.append(current)
        page_class = current.specific_class
        if page_class is None:
            return False
        if not rest or _routes_itself(page_class, current, rest):
            break
        child = _child(rows, current, rest[0])
        if child is None:
            return False
        child._cached_parent_obj = current
        current, rest = child, rest[1:]
    page = current.specific
    if _unrestricted(trail):
        page.get_view_restrictions = without_restrictions
    try:
        request._wagtail_route_for_request = page.route(request, rest)
    except Http404:
        request._wagtail_route_for_request = None
    return True
