"""
The read-only headless API at /api/v2/ (Wagtail API v2) for a future patient app:
exercise and routine pages with their fields (see `api_fields` on the models), and
images. Nothing here can write.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from exercises.models import ExercisePage, RoutinePage
from exercises.text import without_nul

# Far past any listing, and within every database's integers once the limit is added.
MAX_OFFSET = 10**9
SEARCH_OPERATORS = ("and", "or")


def check_query(params):
    """A 400 for what Wagtail's API hands on to the database unchecked, so far a 500:
    an offset past the database's integers, an unknown search operator, a search for no
    word at all, and in a search a NUL or a double quote, which SQLite's full-text search
    cannot parse."""
    try:
        offset = int(params.get("offset", 0))
    except ValueError:
        offset = 0  # not a number: Wagtail's own check answers it
    if offset > MAX_OFFSET:
        raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
    search = params.get("search")
    if search is None:
        pass
    elif not search.split():
        raise BadRequestError("search needs at least one word")
    elif without_nul(search) != search or '"' in search:
        # The site's search page drops them; an API client is told instead.
        raise BadRequestError('search cannot contain a double quote (") or a NUL character')
    if params.get("search_operator", "and") not in SEARCH_OPERATORS:
        raise BadRequestError("search_operator must be 'and' or 'or'")


class SafeQueryMixin:
    """Client errors, not server errors, for any query string (see check_query)."""

    def filter_queryset(self, queryset):
        # Detail views filter too (DRF's get_object), so the check sits here.
        check_query(self.request.GET)
        return super().filter_queryset(queryset)

    def find_object(self, queryset, request):
        try:
            return super().find_object(queryset, request)
        except ValueError:  # an ?id= that is no number finds nothing
            return None


class CheckedImagesAPIViewSet(SafeQueryMixin, ImagesAPIViewSet):
    """Wagtail's images endpoint, its query checked like the pages'."""


class ExerciseAndRoutinePagesAPIViewSet(SafeQueryMixin, PagesAPIViewSet):
    """Live, public exercise and routine pages only: the site's other pages stay out."""

    def get_base_queryset(self):
        return super().get_base_queryset().type(ExercisePage, RoutinePage)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ExerciseAndRoutinePagesAPIViewSet)
api_router.register_endpoint("images", CheckedImagesAPIViewSet)
