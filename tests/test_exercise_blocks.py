import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from exercises.blocks import (
    CalloutBlock,
    DoseBlock,
    ExerciseBlock,
    ModificationBlock,
    PromotionBlock,
    QuestionBlock,
    RoutineBodyBlock,
    StepBlock,
)
from exercises.dose import Dose, Range
from exercises.models import ExercisePage

from .exercise_factories import make_exercise, make_library

pytestmark = pytest.mark.django_db


def block_errors(block, value):
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(block.to_python(value))
    return {name: " ".join(error.messages) for name, error in raised.value.block_errors.items()}


@pytest.mark.parametrize(
    "block_class", [StepBlock, ModificationBlock, DoseBlock, CalloutBlock, QuestionBlock]
)
def test_every_block_renders_its_preview(block_class):
    block = block_class()
    html = block.render(block.get_preview_value())
    assert html.strip()
    assert block.meta.icon and block.meta.description


def test_every_routine_body_block_has_a_template_or_is_rendered_by_the_routine():
    for name, child in RoutineBodyBlock().child_blocks.items():
        assert child.meta.template, name


def test_modification_tip_shows_its_kind_title_and_text():
    block = ModificationBlock()
    html = block.render(block.get_preview_value())
    assert "For comfort" in html
    assert "<strong>For knee comfort:</strong>" in html
    assert "folded towel" in html


@pytest.mark.parametrize(
    "value, field, message",
    [
        ({"reps_min": 15, "reps_max": 12}, "reps_max", "must not be smaller than the lower (15)"),
        ({"sets_min": 0}, "sets_min", "Sets must be at least 1"),
        ({"reps_min": 0}, "reps_min", "Repetitions must be at least 1"),
        ({"hold_min": -1}, "hold_min", "Hold must be at least 0"),
        ({"sets_max": 3}, "sets_min", "enter the lower number too"),
    ],
)
def test_dose_block_says_which_field_is_wrong(value, field, message):
    errors = block_errors(DoseBlock(), value)
    assert field in errors
    assert message in errors[field]


def test_valid_dose_block_and_its_summary():
    block = DoseBlock()
    value = block.clean(
        block.to_python(
            {"reps_min": 12, "reps_max": 15, "sets_min": 2, "sets_max": 3, "side": "each_side"}
        )
    )
    assert value.dose == Dose(reps=Range(12, 15), sets=Range(2, 3), side="each_side")
    assert value.dose.summary == "2–3 sets × 12–15 repetitions on each side"


def test_exercise_block_refuses_an_unpublished_exercise(demo_site):
    library = make_library(slug="blocks-library")
    draft = make_exercise(library, "Draft exercise", publish=False)
    errors = block_errors(ExerciseBlock(), {"exercise": draft.pk, "dose": {}, "note": ""})
    assert "is not published" in errors["exercise"]
    live = make_exercise(library, "Live exercise")
    block = ExerciseBlock()
    value = block.clean(block.to_python({"exercise": live.pk, "dose": {}, "note": ""}))
    assert isinstance(value["exercise"], ExercisePage)


def test_exercise_block_requires_an_exercise():
    errors = block_errors(ExerciseBlock(), {"exercise": None, "dose": {}, "note": ""})
    assert "exercise" in errors


def test_promotion_button_needs_a_link():
    errors = block_errors(
        PromotionBlock(),
        {"heading": "Book", "text": "", "image": None, "button_label": "Buy", "link_url": ""},
    )
    assert "Choose a page or enter a link" in errors["link_url"]


def test_exercise_page_dose_validation_names_the_field(demo_site):
    library = make_library(slug="validation-library")
    exercise = make_exercise(library, "Range check")
    exercise.reps_min, exercise.reps_max = 15, 12
    exercise.sets_min = 0
    with pytest.raises(ValidationError) as raised:
        exercise.full_clean()
    assert "reps_max" in raised.value.message_dict
    assert "sets_min" in raised.value.message_dict


@pytest.mark.parametrize(
    "dose, summary",
    [
        (
            Dose(reps=Range(8), sets=Range(2), hold=Range(1, 2)),
            "2 sets × 8 repetitions, hold 1–2 seconds",
        ),
        (
            Dose(reps=Range(15), side="each_leg", hold=Range(1, 2)),
            "15 repetitions on each leg, hold 1–2 seconds",
        ),
        (Dose(reps=Range(1), sets=Range(1)), "1 repetition"),
        (Dose(hold=Range(30), frequency="daily"), "Hold 30 seconds, daily"),
        (Dose(), ""),
    ],
)
def test_dose_summary_reads_like_the_article(dose, summary):
    assert dose.summary == summary


def test_override_replaces_only_what_it_sets():
    own = Dose(reps=Range(12), sets=Range(2), side="each_side")
    assert own.overridden_by(Dose(sets=Range(3))) == Dose(
        reps=Range(12), sets=Range(3), side="each_side"
    )
    assert own.overridden_by(Dose()) == own
