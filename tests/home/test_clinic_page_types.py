"""Where editors may put the plugin's pages in the clinic's page tree."""

from wagtail.test.utils import WagtailPageTestCase

from exercises.models import ExerciseIndexPage, ExercisePage, RoutineIndexPage, RoutinePage
from home.models import HomePage, StandardPage


class ExercisePagesInTheClinicTests(WagtailPageTestCase):
    def test_the_library_and_articles_go_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, ExerciseIndexPage)
        self.assertCanCreateAt(HomePage, RoutineIndexPage)

    def test_exercises_and_routines_go_only_in_their_index(self):
        for page_type in (ExercisePage, RoutinePage):
            self.assertCanNotCreateAt(HomePage, page_type)
            self.assertCanNotCreateAt(StandardPage, page_type)
