"""The site's search page (/search/), as `wagtail start` makes it, for exercises and articles."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET
from wagtail.models import Page

from exercises.models import ExerciseIndexPage

from .query import search_terms, tidy_query
from .results import decorate, ranked_pages
from .vocabulary import matched_words, search_query, widened_terms

SEARCH_PAGE_SIZE = 10


@require_GET
def search(request):
    """
    Wagtail search over live, public pages: exercises by their steps, tips, equipment and
    tags; routines by their text and their exercises' steps. Each word typed also finds
    the site's words of the same stem, that it begins, or (for a typo) spelled nearly
    alike (vocabulary.py); exercises and articles come before general pages (results.py).
    """
    query = tidy_query(request.GET.get("q", ""))
    results = None
    if query:
        widened = widened_terms(search_terms(query))
        pages = Page.objects.live().public()
        # A search for no word at all fails in the backend: there is nothing to find.
        found = pages.search(search_query(widened)) if widened else pages.none()
        matched = matched_words(widened)
        results = Paginator(ranked_pages(found, matched), SEARCH_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        results.object_list = decorate(list(results.object_list), matched)
    context = {
        # Somewhere to go when nothing was found.
        "library": (
            ExerciseIndexPage.objects.live().public().first()
            if query and not results.paginator.count
            else None
        ),
        "search_query": query,
        "results": results,
        "pagination_query": urlencode({"q": query}) if query else "",
    }
    response = TemplateResponse(request, "search/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
