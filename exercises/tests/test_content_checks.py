"""Each content check fires on a page made to fail it, and only then."""

import datetime

import pytest
import textstat

from exercises.content_checks import (
    STEP_WORDS,
    exercise_findings,
    routine_findings,
)
from exercises.models import ExercisePage, ExercisePhoto

from .factories import exercise_block, make_exercise, make_image, make_routine

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)
PLAIN = "<p>Walk a little every day. Sit down when it hurts. Stand up slowly.</p>"


def checks(findings):
    return [finding.check for finding in findings]


def test_a_good_exercise_passes(library):
    page = make_exercise(library, "Good march", reps_min=10, photos=[make_image()])
    assert exercise_findings(page) == []


def test_an_exercise_without_a_dose(library):
    page = make_exercise(library, "Dose-less march")
    assert checks(exercise_findings(page)) == ["dose"]
    page = make_exercise(library, "Held march", hold_min=5)
    assert exercise_findings(page) == []


def test_a_photo_without_alt_text_unless_decorative(library):
    page = make_exercise(library, "Photo march", reps_min=10)
    photo = ExercisePhoto.objects.create(page=page, image=make_image(), alt_text="")
    page = ExercisePage.objects.get(pk=page.pk)
    assert [f.message for f in exercise_findings(page)] == [
        "Photo 1 has no alt text: describe it, or tick “decorative”."
    ]
    photo.decorative = True
    photo.save()
    assert exercise_findings(ExercisePage.objects.get(pk=page.pk)) == []


def test_a_step_photo_without_alt_text(library):
    page = make_exercise(library, "Step photo march", reps_min=10, step_photo=make_image())
    assert exercise_findings(page) == []
    page.steps[0].value["photo"].contextual_alt_text = ""
    assert [f.message for f in exercise_findings(page)] == ["The photo of step 1 has no alt text."]


def test_a_step_longer_than_forty_words(library):
    exactly = " ".join(["bend"] * STEP_WORDS)
    page = make_exercise(library, "Short steps", steps=(exactly,), reps_min=5)
    assert exercise_findings(page) == []
    page = make_exercise(library, "Long step", steps=(exactly + " slowly",), reps_min=5)
    assert [f.message for f in exercise_findings(page)] == [
        "Step 1 has 41 words: split it so that each step is one action of at most 40 words."
    ]


def test_a_routine_above_grade_eight(articles, library):
    easy = make_routine(articles, "Easy", [("paragraph", PLAIN)], last_reviewed=TODAY)
    assert routine_findings(easy, today=TODAY) == []
    hard_text = (
        "<p>Comprehensive multidisciplinary rehabilitation incorporating neuromuscular "
        "reeducation demonstrates considerable effectiveness regarding functional capacity "
        "amongst individuals experiencing degenerative lumbosacral pathologies.</p>"
    )
    hard = make_routine(articles, "Hard", [("paragraph", hard_text)], last_reviewed=TODAY)
    findings = routine_findings(hard, today=TODAY)
    assert checks(findings) == ["reading_level"]
    assert "It reads at US grade" in findings[0].message
    # What its exercises say is read too: a reader reads them on the page.
    exercise = make_exercise(library, "Plain stretch", reps_min=5)
    with_exercise = make_routine(
        articles, "Mixed", [("paragraph", PLAIN), exercise_block(exercise)], last_reviewed=TODAY
    )
    assert routine_findings(with_exercise, today=TODAY) == []


@pytest.mark.parametrize(("grade", "fires"), [(8.0, False), (8.9, False), (9.0, True)])
def test_grade_eight_runs_up_to_eight_point_nine(articles, monkeypatch, grade, fires):
    page = make_routine(articles, f"Grade {grade}", [("paragraph", PLAIN)], last_reviewed=TODAY)
    monkeypatch.setattr(textstat, "flesch_kincaid_grade", lambda text: grade)
    assert checks(routine_findings(page, today=TODAY)) == (["reading_level"] if fires else [])


def test_a_reference_marker_without_its_reference(articles):
    body = [("paragraph", "<p>Walk a little every day [1]. Sit when it hurts [2].</p>")]
    one = [("reference", {"citation": "A study", "url": ""})]
    page = make_routine(articles, "Cites", body, references=one, last_reviewed=TODAY)
    findings = routine_findings(page, today=TODAY)
    assert checks(findings) == ["reference"]
    assert "cites [2], but the routine has 1 reference" in findings[0].message
    two = one + [("reference", {"citation": "Another", "url": ""})]
    page = make_routine(articles, "Cites both", body, references=two, last_reviewed=TODAY)
    assert routine_findings(page, today=TODAY) == []


def test_a_routine_not_reviewed_for_twelve_months(articles):
    page = make_routine(
        articles, "Old", [("paragraph", PLAIN)], last_reviewed=datetime.date(2025, 6, 1)
    )
    assert routine_findings(page, today=TODAY) == []
    assert checks(routine_findings(page, today=TODAY + datetime.timedelta(days=1))) == ["review"]


def test_photos_in_a_routine_without_alt_text_or_image(articles):
    page = make_routine(articles, "Photos", [("paragraph", PLAIN)], last_reviewed=TODAY)
    page.hero_image = make_image()
    page.hero_alt_text = ""
    page.body = [
        ("paragraph", PLAIN),
        ("photo", {"image": None, "caption": "The book"}),
    ]
    messages = [f.message for f in routine_findings(page, today=TODAY)]
    assert messages == [
        "The hero photo has no alt text.",
        "Block 2, a photo (“The book”), has no image yet.",
    ]


def test_the_report_reads_a_routines_exercises_from_the_library_it_fetched(articles, library):
    wordy = (
        "Comprehensive multidisciplinary rehabilitation incorporating neuromuscular "
        "reeducation demonstrates considerable effectiveness amongst individuals."
    )
    exercise = make_exercise(library, "Wordy stretch", steps=(wordy,) * 3, reps_min=5)
    body = [("paragraph", PLAIN), exercise_block(exercise)]
    page = make_routine(articles, "Reads its exercise", body, last_reviewed=TODAY)
    alone = routine_findings(page, today=TODAY)
    assert checks(alone) == ["reading_level"]
    assert routine_findings(page, today=TODAY, library={exercise.pk: exercise}) == alone
    assert routine_findings(page, today=TODAY, library={}) == []  # not live: not shown
