"""
The read-only headless API at /api/v2/ (Wagtail API v2) for a future patient app:
exercise and routine pages with their fields (see `api_fields` on the models), and
images. Nothing here can write.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from exercises.models import ExercisePage, RoutinePage


class ExerciseAndRoutinePagesAPIViewSet(PagesAPIViewSet):
    """Live, public exercise and routine pages only: the site's other pages stay out."""

    def get_base_queryset(self):
        return super().get_base_queryset().type(ExercisePage, RoutinePage)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ExerciseAndRoutinePagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
