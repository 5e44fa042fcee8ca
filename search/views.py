"""The site's search page (/search/), as `wagtail start` makes it, for exercises and articles."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET
from wagtail.models import Page

from exercises.models import ExerciseIndexPage, ExercisePage, RoutinePage
from exercises.text import describe

from .query import search_terms, tidy_query

SEARCH_PAGE_SIZE = 10
KINDS = {ExercisePage: "Exercise", RoutinePage: "Article"}


@require_GET
def search(request):
    """
    Wagtail search over live, public pages: exercises by their steps, tips, equipment and
    tags; routines by their text and their exercises' steps. The database backend uses
    PostgreSQL's full-text search on PostgreSQL.
    """
    query = tidy_query(request.GET.get("q", ""))
    results = None
    if query:
        terms = search_terms(query)
        pages = Page.objects.live().public()
        # A search for no word at all fails in the backend: there is nothing to find.
        found = pages.search(terms) if terms else pages.none()
        results = Paginator(found, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
        # One query for the specific pages shown, in the order search ranked them.
        specific = {
            page.pk: page
            for page in Page.objects.filter(pk__in=[page.pk for page in results]).specific()
        }
        results.object_list = [specific[page.pk] for page in results if page.pk in specific]
        for page in results.object_list:
            page.search_snippet = describe(page)
            page.search_kind = KINDS.get(type(page), "Page")
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
