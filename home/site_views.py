"""Site-wide views outside the page tree: search and robots.txt."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET
from wagtail.models import Page

from exercises.models import ExerciseIndexPage, ExercisePage, RoutinePage, paginate
from home.templatetags.seo_tags import describe

SEARCH_PAGE_SIZE = 10
QUERY_MAX_LENGTH = 200
KINDS = {ExercisePage: "Exercise", RoutinePage: "Article"}


@require_GET
def search(request):
    """
    Wagtail search over live, public pages: exercises by their steps, tips, equipment and
    tags; routines by their text and their exercises' steps. The database backend uses
    PostgreSQL's full-text search on PostgreSQL.
    """
    # Without NUL, which no database takes in a query.
    query = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:QUERY_MAX_LENGTH]
    results = None
    if query:
        # Without quotes: the SQLite backend quotes each word without escaping a quote
        # inside it, so `back"` was a syntax error. Words match the same without them.
        terms = " ".join(query.replace('"', " ").split())
        pages = Page.objects.live().public()
        # A search for no word at all fails in the backend: there is nothing to find.
        results = paginate(
            request, pages.search(terms) if terms else pages.none(), SEARCH_PAGE_SIZE
        )
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
    response = TemplateResponse(request, "home/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
