"""
One dose per exercise on a page: the step marked as stating the dose keeps the editor's
wording under the exercise's own dose, and says the dose that applies under a routine's
override, on the exercise's page, in the routine and on its handout alike.
"""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from exercises.dose import Dose, Range, dose_sentence

from .factories import exercise_block, make_articles, make_exercise, make_library, make_routine

pytestmark = pytest.mark.django_db

DOSE_WORDING = "Repeat for 8 repetitions, completing two sets."


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def steps(texts, dose_step=None):
    return [
        ("step", {"text": f"<p>{text}</p>", "states_dose": number == dose_step})
        for number, text in enumerate(texts, start=1)
    ]


@pytest.fixture
def flexion(site):
    exercise = make_exercise(make_library(), "Seated Lumbar Flexion", reps_min=8, sets_min=2)
    exercise.steps = steps(["Sit down.", "Bend forward.", DOSE_WORDING], dose_step=3)
    exercise.save_revision().publish()
    return exercise


def dose_shown(article):
    """What one rendered exercise says about its dose: the dose box and the dose step."""
    box = article.find("dl", class_="dose-box").find("dd").get_text(strip=True)
    [step] = article.select("li.step--dose")
    return box, step.get_text(" ", strip=True)


@pytest.mark.parametrize(
    "dose, sentence",
    [
        (Dose(reps=Range(10), sets=Range(3)), "Do 3 sets of 10 repetitions."),
        (
            Dose(reps=Range(15), hold=Range(1, 2), side="each_leg"),
            "Do 15 repetitions on each leg, holding each for 1–2 seconds.",
        ),
        (
            Dose(reps=Range(12, 15), sets=Range(2, 3), rest=Range(60), side="each_side"),
            "Do 2–3 sets of 12–15 repetitions on each side, resting 60 seconds between sets.",
        ),
        (Dose(reps=Range(1), sets=Range(1)), "Do 1 repetition."),
        (Dose(hold=Range(30), frequency="daily"), "Hold for 30 seconds, daily."),
        (Dose(), ""),
    ],
)
def test_the_dose_sentence_reads_like_a_last_step(dose, sentence):
    assert dose_sentence(dose) == sentence == dose.sentence


def test_the_exercise_page_keeps_the_editors_wording(client, flexion):
    page = soup(client.get(flexion.url))
    assert dose_shown(page.find("article", class_="exercise")) == (
        "2 sets × 8 repetitions",
        DOSE_WORDING,
    )


def test_a_routine_without_an_override_keeps_the_editors_wording(client, flexion):
    routine = make_routine(make_articles(), "Plain", [exercise_block(flexion)])
    for url in (routine.url, routine.url + "handout/"):
        page = soup(client.get(url))
        article = page.find("article", class_="exercise") or page.find(class_="handout-exercise")
        assert dose_shown(article) == ("2 sets × 8 repetitions", DOSE_WORDING)


def test_an_override_the_same_as_the_exercises_own_keeps_the_wording(client, flexion):
    routine = make_routine(
        make_articles(), "Same", [exercise_block(flexion, dose={"sets_min": 2, "reps_min": 8})]
    )
    page = soup(client.get(routine.url))
    assert dose_shown(page.find("article", class_="exercise"))[1] == DOSE_WORDING


def test_under_an_override_the_routine_and_its_handout_show_one_dose(client, flexion):
    routine = make_routine(
        make_articles(),
        "Harder",
        [exercise_block(flexion, dose={"sets_min": 3, "reps_min": 10, "rest": 45})],
    )
    routine_page = soup(client.get(routine.url)).find("article", class_="exercise")
    handout = soup(client.get(routine.url + "handout/")).find(class_="handout-exercise")
    for shown in (routine_page, handout):
        assert dose_shown(shown) == (
            "3 sets × 10 repetitions, rest 45 seconds between sets",
            "Do 3 sets of 10 repetitions, resting 45 seconds between sets.",
        )
        text = shown.get_text(" ")
        assert "8 repetitions" not in text and "two sets" not in text
        # The other steps are as written.
        assert "Bend forward." in text
    # The exercise's own page still shows its own dose in the editor's words.
    own = soup(client.get(flexion.url)).find("article", class_="exercise")
    assert dose_shown(own) == ("2 sets × 8 repetitions", DOSE_WORDING)


def test_only_one_step_may_state_the_dose(flexion):
    flexion.steps = steps(["Sit down. Do 8 repetitions.", DOSE_WORDING], dose_step=2)
    flexion.steps[0].value["states_dose"] = True
    with pytest.raises(ValidationError) as raised:
        flexion.full_clean()
    assert "Steps 1, 2 are all marked as stating the dose" in raised.value.message_dict["steps"][0]


def test_a_dose_in_an_unmarked_step_is_refused_with_a_way_out(flexion):
    flexion.steps = steps(["Sit down.", "Repeat 15 times on each leg."])
    with pytest.raises(ValidationError) as raised:
        flexion.full_clean()
    message = raised.value.message_dict["steps"][0]
    assert message.startswith("Step 2 says how many repetitions or sets")
    assert "This step states the dose" in message
    # Steps that give no count are fine unmarked.
    flexion.steps = steps(["Sit down.", "Take two steps back.", "Hold for 1–2 seconds."])
    flexion.full_clean()
