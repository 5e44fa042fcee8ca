"""Editors write exercises and routines in the Wagtail admin."""

import datetime

from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from taggit.models import Tag
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from exercises.models import (
    CallToAction,
    Equipment,
    ExerciseIndexPage,
    ExercisePage,
    RoutineIndexPage,
    RoutinePage,
    TopicKind,
)

from .factories import make_articles, make_exercise, make_library, make_routine, site_root


class ExercisesAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = site_root()
        cls.library = make_library(parent=cls.home)
        cls.articles = make_articles(parent=cls.home, slug="articles")

    def setUp(self):
        self.user = self.login()

    def test_page_type_rules(self):
        self.assertAllowedParentPageTypes(ExercisePage, {ExerciseIndexPage})
        self.assertAllowedSubpageTypes(ExercisePage, {})
        self.assertAllowedParentPageTypes(RoutinePage, {RoutineIndexPage})
        self.assertAllowedSubpageTypes(RoutineIndexPage, {RoutinePage})
        self.assertAllowedSubpageTypes(ExerciseIndexPage, {ExercisePage})
        self.assertCanCreateAt(Page, ExerciseIndexPage)
        self.assertCanCreateAt(Page, RoutineIndexPage)
        self.assertCanNotCreateAt(Page, ExercisePage)
        self.assertCanNotCreateAt(Page, RoutinePage)

    def exercise_form(self, **overrides):
        data = {
            "title": "Wall Slide",
            "slug": "wall-slide",
            "summary": "A gentle slide against the wall.",
            "photos": inline_formset([]),
            "steps": streamfield(
                [
                    ("step", {"text": rich_text("Stand with your back to a wall."), "photo": {}}),
                    ("step", {"text": rich_text("Slide down a little."), "photo": {}}),
                    ("step", {"text": rich_text("Slide back up."), "photo": {}}),
                ]
            ),
            "modifications": streamfield(
                [("tip", {"kind": "easier", "title": "", "text": rich_text("Slide less far.")})]
            ),
            "reps_min": "10",
            "reps_max": "12",
            "sets_min": "2",
            "sets_max": "",
            "hold_min": "",
            "hold_max": "",
            "side": "",
            "frequency": "daily",
            "position": "standing",
            "tags": "knee, sciatica",
            "precautions": rich_text(""),
            "video_url": "",
        }
        data.update(overrides)
        return nested_form_data(data)

    def test_editor_can_create_and_publish_an_exercise(self):
        self.assertCanCreate(self.library, ExercisePage, self.exercise_form())
        exercise = ExercisePage.objects.get(slug="wall-slide")
        self.assertEqual(exercise.dose.summary, "2 sets × 10–12 repetitions, daily")
        self.assertEqual(len(exercise.steps), 3)
        self.assertEqual(set(exercise.tags.names()), {"knee", "sciatica"})

    def test_invalid_dose_is_refused_with_a_message_on_the_field(self):
        url = f"/admin/pages/add/exercises/exercisepage/{self.library.pk}/"
        response = self.client.post(url, self.exercise_form(reps_min="15", reps_max="12"))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ExercisePage.objects.filter(slug="wall-slide").exists())
        self.assertContains(response, "must not be smaller than the lower (15)")
        # Nothing the editor typed is lost.
        self.assertContains(response, "Stand with your back to a wall.")

    def test_editor_can_create_a_routine_with_an_exercise_and_dose_override(self):
        exercise = make_exercise(self.library, "Bridge", reps_min=10)
        data = nested_form_data(
            {
                "title": "Back routine",
                "slug": "back-routine",
                "byline": "",
                "last_reviewed": "2025-05-27",
                "intro": "A short routine.",
                "hero_image": "",
                "hero_alt_text": "",
                "body": streamfield(
                    [
                        ("heading", {"text": "Start here", "level": "h2"}),
                        ("paragraph", rich_text("Move gently [1].")),
                        (
                            "exercise",
                            {
                                "exercise": exercise.pk,
                                "dose": {"sets_min": "3"},
                                "note": rich_text(""),
                            },
                        ),
                    ]
                ),
                "summary": rich_text("In short: move."),
                "references": streamfield([("reference", {"citation": "Diwan et al.", "url": ""})]),
                "tags": "sciatica",
            }
        )
        self.assertCanCreate(self.articles, RoutinePage, data)
        routine = RoutinePage.objects.get(slug="back-routine")
        self.assertEqual(routine.last_reviewed, datetime.date(2025, 5, 27))
        [entry] = routine.exercises()
        self.assertEqual(entry.dose.summary, "3 sets × 10 repetitions")

    def test_exercises_menu_lists_exercise_pages_with_filters(self):
        make_exercise(self.library, "Knee Hug", tags=["knee"], position="lying")
        make_exercise(self.library, "Hip Hinge", tags=["hip"], position="standing")
        response = self.client.get("/admin/exercise_pages/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Knee Hug")
        self.assertContains(response, "Hip Hinge")
        filtered = self.client.get("/admin/exercise_pages/?tag=knee")
        self.assertContains(filtered, "Knee Hug")
        self.assertNotContains(filtered, "Hip Hinge")
        by_position = self.client.get("/admin/exercise_pages/?position=standing")
        self.assertContains(by_position, "Hip Hinge")
        self.assertNotContains(by_position, "Knee Hug")
        self.assertEqual(self.client.get("/admin/routines/").status_code, 200)
        self.assertEqual(self.client.get("/admin/snippets/exercises/equipment/").status_code, 200)

    def test_routines_listing_shows_the_date_readers_see_as_updated(self):
        make_routine(self.articles, "Back routine", [], last_reviewed=datetime.date(2025, 3, 4))
        make_routine(self.articles, "Knee routine", [], last_reviewed=datetime.date(2025, 6, 1))
        response = self.client.get("/admin/routines/?ordering=last_reviewed")
        self.assertContains(response, "March 4, 2025")
        # Its own column name, beside Wagtail's "Updated" (when the page was last edited).
        headings = [
            th.get_text(" ", strip=True)
            for th in BeautifulSoup(response.content, "html.parser").select("thead th")
        ]
        self.assertIn("Last reviewed", headings)
        self.assertEqual(headings.count("Updated"), 1)
        content = response.content.decode()
        self.assertLess(content.index("Back routine"), content.index("Knee routine"))
        newest_first = self.client.get("/admin/routines/?ordering=-last_reviewed")
        content = newest_first.content.decode()
        self.assertLess(content.index("Knee routine"), content.index("Back routine"))

    def test_admin_menu_has_an_exercises_entry(self):
        response = self.client.get("/admin/")
        self.assertContains(response, "Exercises")
        for label in ("Exercise pages", "Routines", "Equipment", "Calls to action"):
            self.assertContains(response, label)

    def test_snippets_are_edited_under_their_own_names(self):
        Equipment.objects.create(name="Incline board")
        CallToAction.objects.create(
            heading="Revision Sciatica", button_label="Buy", link_url="https://example.com"
        )
        equipment = self.client.get("/admin/snippets/exercises/equipment/")
        self.assertContains(equipment, "Incline board")
        self.assertContains(equipment, "incline-board")
        calls = self.client.get("/admin/snippets/exercises/calltoaction/")
        self.assertContains(calls, "Revision Sciatica")

    def test_a_call_to_action_without_a_link_is_refused(self):
        response = self.client.post(
            "/admin/snippets/exercises/calltoaction/add/",
            {"heading": "Book", "text": rich_text(""), "button_label": "Buy", "link_url": ""},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Choose a page or enter a link for the button.")
        self.assertFalse(CallToAction.objects.exists())

    def test_an_editor_says_which_tags_are_conditions(self):
        tag = Tag.objects.create(name="sciatica", slug="sciatica")
        response = self.client.post(
            "/admin/snippets/exercises/topickind/add/", {"tag": tag.pk, "kind": "condition"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(TopicKind.objects.get(tag=tag).kind, "condition")
        listing = self.client.get("/admin/snippets/exercises/topickind/")
        self.assertContains(listing, "sciatica")
        self.assertContains(listing, "Condition")
        # One kind per tag: a second is refused with a message, the first is kept.
        again = self.client.post(
            "/admin/snippets/exercises/topickind/add/", {"tag": tag.pk, "kind": "movement"}
        )
        self.assertEqual(again.status_code, 200)
        self.assertContains(again, "already exists")
        self.assertEqual(TopicKind.objects.get(tag=tag).kind, "condition")

    def test_a_reference_doi_must_look_like_one(self):
        block = RoutinePage.references.field.stream_block.child_blocks["reference"]
        with self.assertRaises(ValidationError) as refused:
            block.clean(block.to_python({"citation": "Diwan et al.", "url": "", "doi": "diwan"}))
        self.assertIn("A DOI starts with 10.", str(refused.exception.block_errors))
        value = block.clean(
            block.to_python({"citation": "Diwan et al.", "url": "", "doi": "10.1000/xyz123"})
        )
        self.assertEqual(value.href, "https://doi.org/10.1000/xyz123")
