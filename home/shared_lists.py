"""The lists every page of the clinic's site shows, registered with siteops' shared lists
so they are built once and, when they change, every page is rendered again."""

from django.db.models import Q
from wagtail.models import Page, Site

from exercises.models import RoutinePage
from exercises.querysets import restricted_q
from siteops.shared_lists import shared_list

LATEST_ARTICLES = 3
# What a menu or footer link shows of a page, and what its URL needs: read no more.
LINK_FIELDS = ("title", "path", "depth", "url_path", "content_type", "locale", "live")


def menus():
    """{site root's url_path: its live, public children marked "Show in menus", in tree
    order}, in one query (the sites' root paths are cached by Wagtail's routing)."""
    roots = {root.root_path for root in Site.get_site_root_paths()}
    if not roots:
        return {}
    # A child's url_path is its parent's plus one segment, so its depth is one more than
    # the number of segments in the root's.
    children = Q()
    for root in roots:
        children |= Q(url_path__startswith=root, depth=root.count("/") + 1)
    items = {root: [] for root in roots}
    pages = Page.objects.live().in_menu().filter(children).exclude(restricted_q())
    for page in pages.only(*LINK_FIELDS).order_by("path"):
        items[page.url_path.rsplit("/", 2)[0] + "/"].append(page)
    return items


def newest_articles():
    """The newest live, public articles first: the footer links the first
    LATEST_ARTICLES of them and the home page shows as many as cards, so an article
    entering or leaving those changes this list, which every page shows."""
    return RoutinePage.objects.visible().newest()


def latest_articles():
    return list(newest_articles().only(*LINK_FIELDS)[:LATEST_ARTICLES])


def any_latest_article(pages):
    articles = {page.pk for page in pages if isinstance(page, RoutinePage)}
    if not articles:
        return False
    return not articles.isdisjoint(newest_articles().values_list("pk", flat=True)[:LATEST_ARTICLES])


def link(page):
    # What the header menu and the footer show of a page.
    return (page.pk, page.title, page.url_path)


def register():
    shared_list("menu", menus, shows=link)
    shared_list("latest-articles", latest_articles, shows=link)
