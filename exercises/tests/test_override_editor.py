"""
The routine's exercise block in the admin: its dose override collapsed, its heading
naming the exercise and the dose that applies, a deleted exercise said in plain words,
and every dose (the exercise's own and an override) within plausible bounds.
"""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from exercises.blocks import DELETED_EXERCISE, DeletedExercise, DoseBlock, ExerciseBlock
from exercises.models import RoutinePage

from .factories import exercise_block, make_articles, make_exercise, make_library, make_routine


def block_errors(block, value):
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(value)
    return raised.value.block_errors


def messages(error):
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


@pytest.fixture
def hip_extension(site):
    return make_exercise(
        make_library(),
        "Standing Hip Extension Stretch",
        reps_min=15,
        side="each_leg",
    )


def test_the_override_is_collapsed_until_the_editor_opens_it():
    dose = ExerciseBlock().child_blocks["dose"]
    assert dose.meta.collapsed is True
    assert "exercise's own dose" in dose.meta.help_text


def test_the_heading_names_the_exercise_and_the_dose_that_applies(hip_extension):
    block = ExerciseBlock()
    plain = block.to_python({"exercise": hip_extension.pk, "dose": {}, "note": ""})
    state = block.get_form_state(plain)
    assert state["exercise"]["id"] == hip_extension.pk
    assert state["exercise"]["adminTitle"] == (
        "Standing Hip Extension Stretch — 15 repetitions on each leg"
    )
    overridden = block.to_python(
        {"exercise": hip_extension.pk, "dose": {"sets_min": 3, "reps_min": 10}, "note": ""}
    )
    assert block.get_form_state(overridden)["exercise"]["adminTitle"] == (
        "Standing Hip Extension Stretch — 3 sets × 10 repetitions on each leg"
    )
    # No exercise chosen yet: the chooser is empty, the heading falls back to "Exercise".
    empty = block.to_python({"exercise": None, "dose": {}, "note": ""})
    assert block.get_form_state(empty)["exercise"] is None
    assert block.meta.label_format is None


def test_a_deleted_exercise_is_said_in_plain_words_never_null(hip_extension):
    block = ExerciseBlock()
    pk = hip_extension.pk
    hip_extension.delete()
    [stored] = block.bulk_to_python([{"exercise": pk, "dose": {}, "note": ""}])
    assert stored["exercise"] is None
    state = block.get_form_state(stored)["exercise"]
    assert state == {"id": pk, "parentId": None, "adminTitle": DELETED_EXERCISE, "editUrl": ""}
    assert block.get_form_state(block.to_python({"exercise": pk}))["exercise"]["id"] == pk
    # The form sends the deleted page's id back: saving refuses it with the message.
    chooser = block.child_blocks["exercise"]
    sent = chooser.value_from_datadict({"body-exercise": str(pk)}, {}, "body-exercise")
    assert sent == DeletedExercise(str(pk))
    value = block.to_python({"exercise": None, "dose": {}, "note": ""})
    value["exercise"] = sent
    errors = block_errors(block, value)
    assert messages(errors["exercise"]) == DELETED_EXERCISE
    assert block.get_form_state(value)["exercise"]["adminTitle"] == DELETED_EXERCISE
    assert DELETED_EXERCISE == "This exercise was deleted; choose another or remove this block."


@pytest.mark.parametrize(
    "value, field, message",
    [
        ({"reps_min": 101}, "reps_min", "Repetitions must be between 1 and 100."),
        ({"reps_min": 0}, "reps_min", "Repetitions must be between 1 and 100."),
        ({"reps_min": 10, "reps_max": 200}, "reps_max", "Repetitions must be between 1 and 100."),
        ({"sets_min": 11}, "sets_min", "Sets must be between 1 and 10."),
        ({"hold_min": 601}, "hold_min", "Hold must be between 0 and 600 seconds."),
        ({"rest": 601}, "rest", "Rest between sets must be between 0 and 600 seconds."),
        ({"rest": -1}, "rest", "Rest between sets must be between 0 and 600 seconds."),
        ({"sets_min": 1, "rest": 30}, "rest", "Rest between sets needs more than one set"),
        (
            {"sets_min": 3, "sets_max": 2},
            "sets_max",
            "Sets: the upper number (2) must not be smaller than the lower (3).",
        ),
    ],
)
def test_override_bounds_are_said_in_plain_words(value, field, message):
    block = DoseBlock()
    errors = block_errors(block, block.to_python(value))
    assert message in messages(errors[field])


def test_an_override_of_the_rest_only_is_fine_when_the_exercise_has_sets(site):
    library = make_library()
    with_sets = make_exercise(library, "Bridge", reps_min=10, sets_min=2)
    block = ExerciseBlock()
    value = block.clean(
        block.to_python({"exercise": with_sets.pk, "dose": {"rest": 60}, "note": ""})
    )
    assert value.routine_dose.summary == "2 sets × 10 repetitions, rest 60 seconds between sets"
    one_set = make_exercise(library, "Plank", hold_min=30, slug="plank")
    errors = block_errors(
        block, block.to_python({"exercise": one_set.pk, "dose": {"rest": 60}, "note": ""})
    )
    assert "needs more than one set" in str(errors["dose"].block_errors["rest"])


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"reps_min": 150}, "reps_min", "Repetitions must be between 1 and 100."),
        ({"sets_min": 2, "sets_max": 12}, "sets_max", "Sets must be between 1 and 10."),
        ({"hold_min": 700}, "hold_min", "Hold must be between 0 and 600 seconds."),
        ({"sets_min": 2, "rest": 900}, "rest", "Rest between sets must be between 0 and 600"),
        ({"reps_min": 10, "rest": 60}, "rest", "Rest between sets needs more than one set"),
    ],
)
def test_the_exercises_own_dose_has_the_same_bounds(site, fields, field, message):
    exercise = make_exercise(make_library(), "Bounds")
    for name, number in fields.items():
        setattr(exercise, name, number)
    with pytest.raises(ValidationError) as raised:
        exercise.full_clean()
    assert message in " ".join(raised.value.message_dict[field])


def test_rest_between_sets_shows_in_the_dose_box_and_the_api(client, site):
    exercise = make_exercise(make_library(), "Squat", reps_min=12, sets_min=2, rest=60)
    make_routine(make_articles(), "Legs", [exercise_block(exercise)])
    page = client.get(exercise.url).content.decode()
    assert "2 sets × 12 repetitions, rest 60 seconds between sets" in page
    data = client.get(f"/api/v2/pages/{exercise.pk}/").json()
    assert data["dose"]["rest_seconds"] == 60


def routine_edit_form(routine, exercise_pk, dose=None, **fields):
    """The routine's edit form as the admin sends it, with one exercise block."""
    block = {"exercise": str(exercise_pk), "dose": dose or {}, "note": rich_text("")}
    return nested_form_data(
        {
            "title": routine.title,
            "slug": routine.slug,
            "byline": "",
            "last_reviewed": "2025-05-27",
            "intro": "",
            "hero_image": "",
            "hero_alt_text": "",
            "body": streamfield([("exercise", block)]),
            "summary": rich_text(""),
            "references": streamfield([]),
            "tags": "",
            **fields,
        }
    )


class RoutineInTheAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def test_saving_a_routine_whose_exercise_was_deleted_says_so(self):
        articles = make_articles()
        exercise = make_exercise(make_library(), "Bridge", reps_min=10)
        routine = make_routine(articles, "Back routine", [exercise_block(exercise)])
        pk = exercise.pk
        exercise.delete()
        # Opening the routine, the block's chooser (and so its heading) says what happened.
        edit = self.client.get(f"/admin/pages/{routine.pk}/edit/")
        self.assertContains(edit, "This exercise was deleted; choose another or remove")
        response = self.client.post(
            f"/admin/pages/{routine.pk}/edit/", routine_edit_form(routine, pk)
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "This exercise was deleted; choose another or remove")
        self.assertNotContains(response, "null</")
        self.assertEqual(RoutinePage.objects.get(pk=routine.pk).body[0].value["exercise"], None)

    def test_a_routine_sent_back_with_an_error_keeps_its_exercises_with_their_rest(self):
        articles = make_articles()
        exercise = make_exercise(make_library(), "Wall push-up", reps_min=10, sets_min=2, rest=30)
        routine = make_routine(articles, "Arm routine", [exercise_block(exercise)])
        data = routine_edit_form(
            routine,
            exercise.pk,
            dose={"sets_min": "3", "rest": "45"},
            title="",  # forgotten: the form comes back with the message
            intro="Typed before the mistake.",
        )
        response = self.client.post(f"/admin/pages/{routine.pk}/edit/", data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "This field is required")
        self.assertContains(response, "Typed before the mistake.")
        # The block's heading: the exercise with the dose the routine now gives it.
        self.assertContains(response, "Wall push-up \\u2014 3 sets \\u00d7 10 repetitions")


def test_a_hold_override_is_refused_while_a_step_states_the_hold_in_words(site):
    library = make_library()
    flexion = make_exercise(
        library,
        "Seated Lumbar Flexion",
        steps=("Bend forward.", "Hold this position for 1–2 seconds.", "Come back up."),
        hold_min=1,
        hold_max=2,
    )
    block = ExerciseBlock()
    longer = block.to_python({"exercise": flexion.pk, "dose": {"hold_min": 10}, "note": ""})
    errors = block_errors(block, longer)
    message = messages(errors["dose"].block_errors["hold_min"])
    assert "Step 2 of “Seated Lumbar Flexion” says how long to hold" in message
    # The same hold, or an override of something else, contradicts no step.
    same = {"hold_min": 1, "hold_max": 2, "sets_min": 3}
    assert block.clean(block.to_python({"exercise": flexion.pk, "dose": same, "note": ""}))
    untimed = make_exercise(library, "Bridge", steps=("Lift your hips.",), slug="bridge")
    assert block.clean(
        block.to_python({"exercise": untimed.pk, "dose": {"hold_min": 10}, "note": ""})
    )
