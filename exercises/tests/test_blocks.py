"""The blocks editors write exercises and routines with: previews, validation, rendering."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils.module_loading import import_string
from wagtail.blocks.struct_block import StructBlockValidationError

from exercises.blocks import (
    CalloutBlock,
    CallToActionBlock,
    DoseBlock,
    ExerciseBlock,
    ModificationBlock,
    PromotionBlock,
    QuestionBlock,
    RoutineBodyBlock,
    StepBlock,
)
from exercises.dose import Dose, Range
from exercises.models import CallToAction, ExercisePage

from .factories import exercise_block, make_articles, make_exercise, make_library, make_routine


def block_errors(block, value):
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(block.to_python(value))
    return {name: " ".join(error.messages) for name, error in raised.value.block_errors.items()}


def soup(html):
    return BeautifulSoup(str(html), "html.parser")


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
        ({"sets_min": 0}, "sets_min", "Sets must be between 1 and 10."),
        ({"reps_min": 0}, "reps_min", "Repetitions must be between 1 and 100."),
        ({"hold_min": -1}, "hold_min", "Hold must be between 0 and 600 seconds."),
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


def test_exercise_block_refuses_an_unpublished_exercise(site):
    library = make_library()
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


def test_exercise_page_dose_validation_names_the_field(site):
    exercise = make_exercise(make_library(), "Range check")
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


# The exercise block's own template: previews and pages that render the block alone.


def test_exercise_block_alone_shows_the_routines_dose_like_the_routine_page(site, client):
    exercise = make_exercise(make_library(), "Squat", reps_min=12, sets_min=2, side="each_leg")
    block = ExerciseBlock()
    overridden = block.to_python(
        {"exercise": exercise.pk, "dose": {"sets_min": 3, "reps_min": 15}, "note": ""}
    )
    card = soup(block.render(overridden)).find(class_="exercise-card")
    assert card.find("a", href=exercise.url).get_text() == "Squat"
    dose = card.find(class_="exercise-card__dose").get_text()
    assert dose == "3 sets × 15 repetitions on each leg"
    # The routine page shows that same dose for it.
    routine = make_routine(
        make_articles(),
        "Legs",
        [exercise_block(exercise, dose={"sets_min": 3, "reps_min": 15})],
    )
    page = soup(client.get(routine.url).content.decode())
    assert page.find("dl", class_="dose-box").find("dd").get_text() == (
        "3 sets × 15 repetitions on each leg"
    )
    # Without an override it is the exercise's own dose.
    plain = block.to_python({"exercise": exercise.pk, "dose": {}, "note": ""})
    assert soup(block.render(plain)).find(class_="exercise-card__dose").get_text() == (
        "2 sets × 12 repetitions on each leg"
    )


def test_exercise_block_alone_without_an_exercise_shows_nothing():
    block = ExerciseBlock()
    assert not block.render(block.to_python({"exercise": None, "dose": {}, "note": ""})).strip()


# Where a promotion's or a call to action's button leads (exercises/links.py).


def promotion(link_page=None, link_url="", button_label="Get the book"):
    block = PromotionBlock()
    value = block.to_python(
        {
            "heading": "Revision Sciatica",
            "text": "<p>The book.</p>",
            "image": None,
            "button_label": button_label,
            "link_page": link_page.pk if link_page else None,
            "link_url": link_url,
        }
    )
    return soup(block.render(value)).find("aside", class_="promotion")


def test_promotion_button_leads_to_the_chosen_page_while_it_is_live(site):
    shop = make_articles(slug="shop")
    button = promotion(shop, "https://example.com/book").find("a", class_="button")
    assert (button["href"], button.get_text()) == ("/shop/", "Get the book")


def test_promotion_of_an_unpublished_page_falls_back_to_the_typed_link(site):
    shop = make_articles(slug="shop")
    shop.unpublish()
    button = promotion(shop, "https://example.com/book").find("a", class_="button")
    assert button["href"] == "https://example.com/book"


def test_promotion_shows_no_button_when_there_is_nowhere_to_go(site):
    shop = make_articles(slug="shop")
    shop.unpublish()
    aside = promotion(shop, "")
    assert aside.find(class_="promotion__heading").get_text() == "Revision Sciatica"
    assert not aside.find("a")
    assert not promotion(None, "", button_label="").find("a")


def test_call_to_action_of_an_unpublished_page_falls_back_to_its_link(site):
    webinar = make_articles(slug="webinar")
    cta = CallToAction.objects.create(
        heading="Free webinar",
        button_label="Watch it",
        link_page=webinar,
        link_url="https://example.com/webinar",
    )

    def button():
        return soup(CallToActionBlock().render(CallToAction.objects.get(pk=cta.pk))).find(
            "a", class_="button"
        )

    assert (button()["href"], button().get_text()) == ("/webinar/", "Watch it")
    webinar.unpublish()
    assert button()["href"] == "https://example.com/webinar"
    CallToAction.objects.filter(pk=cta.pk).update(link_url="")
    assert button() is None


# Rich-text features come from the host's EXERCISES_RICH_TEXT_FEATURES.


def editor_offers(rich_text_block):
    """
    What the editor's toolbar offers: Draftail's options, as the browser receives them,
    from the block built afresh from its definition (as a host's process builds it once
    its settings are read; a block keeps the form field it built first).
    """
    path, args, kwargs = rich_text_block.deconstruct()
    html = import_string(path)(*args, **kwargs).field.widget.render("text", "<p>Text</p>")
    options = json.loads(soup(html).find("input")["data-w-init-detail-value"])
    return {
        item["type"]
        for kind in ("inlineStyles", "entityTypes", "blockTypes")
        for item in options.get(kind, [])
    }


LISTS = {"ordered-list-item", "unordered-list-item"}


@pytest.mark.parametrize(
    "rich_text",
    [
        StepBlock().child_blocks["text"],
        ModificationBlock().child_blocks["text"],
        RoutineBodyBlock().child_blocks["paragraph"],
    ],
    ids=["step", "tip", "paragraph"],
)
def test_the_editor_offers_the_features_the_host_allows(rich_text):
    assert editor_offers(rich_text) == {"BOLD", "ITALIC", "LINK"} | LISTS
    with override_settings(EXERCISES_RICH_TEXT_FEATURES=["bold", "italic", "link"]):
        assert editor_offers(rich_text) == {"BOLD", "ITALIC", "LINK"}
    with override_settings(EXERCISES_RICH_TEXT_FEATURES=["bold", "ol"]):
        assert editor_offers(rich_text) == {"BOLD", "ordered-list-item"}


def test_features_are_set_by_the_host_not_by_a_block_argument():
    with pytest.raises(TypeError, match="EXERCISES_RICH_TEXT_FEATURES"):
        StepBlock().child_blocks["text"].features = ["bold"]
