"""
The clinic gives the plugin its content generation (EXERCISES_CONTENT_VERSION), so a
routine's cached fragments are renewed as soon as anything it shows is published or
saved, for readers the page cache does not serve (editors, visitors with a session).
"""

import pytest

from exercises.tests.factories import (
    exercise_block,
    make_articles,
    make_exercise,
    make_library,
    make_routine,
    republish,
)
from exercises.tests.queries import page_queries as view
from tests.site_factories import make_call_to_action

pytestmark = pytest.mark.django_db


def text_of(client, url):
    return view(client, url)[0]


def test_publishing_an_exercise_shows_its_new_steps_on_the_routine(client, demo_site):
    exercise = make_exercise(
        make_library(slug="fragment-library"), "Seated knee lift", steps=("Lift slowly.",)
    )
    routine = make_routine(
        make_articles(slug="fragment-routines"), "Morning routine", [exercise_block(exercise)]
    )
    first, cold = view(client, routine.url)
    second, warm = view(client, routine.url)
    # The second view reuses the routine's fragments.
    assert second == first and "Lift slowly." in second
    assert warm < cold
    exercise.steps = [("step", {"text": "<p>Lift one knee, then lower it.</p>"})]
    republish(exercise)
    text = text_of(client, routine.url)
    assert "Lift one knee, then lower it." in text
    assert "Lift slowly." not in text


def test_editing_a_routines_call_to_action_shows_on_it(client, demo_site):
    cta = make_call_to_action("Our book on back pain")
    routine = make_routine(
        make_articles(slug="fragment-routines"),
        "Routine with a book",
        [("paragraph", "<p>Read more in the book.</p>"), ("call_to_action", cta)],
    )
    assert "Our book on back pain" in text_of(client, routine.url)
    cta.heading = "Book your first visit this week"
    cta.save()
    text = text_of(client, routine.url)
    assert "Book your first visit this week" in text
    assert "Our book on back pain" not in text
