from django import template
from wagtail.models import Site

from home.shared_lists import LATEST_ARTICLES
from siteops import shared_lists

register = template.Library()


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The site root's live, public children marked "Show in menus", in tree order."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = context.get("page")
    items = []
    if site is not None:
        root = site.root_page
        items = shared_lists.get("menu").get(root.url_path, [])
    current_path = getattr(current, "path", "")
    return {
        "items": [
            {
                "page": item,
                "is_current": current is not None and current.pk == item.pk,
                "is_ancestor": (
                    bool(current_path)
                    and current_path.startswith(item.path)
                    and current.pk != item.pk
                ),
            }
            for item in items
        ],
        "request": request,
    }


@register.inclusion_tag("includes/latest_articles.html", takes_context=True)
def latest_articles(context, count=3):
    """The newest live routines, in one query (their URLs come from the request's site)."""
    articles = shared_lists.get("latest-articles")[: min(count, LATEST_ARTICLES)]
    return {"articles": articles, "request": context.get("request")}
