"""
The clinic gives the plugin its content generation (EXERCISES_CONTENT_VERSION), so a
routine's cached fragments are renewed as soon as anything it shows is published or
saved, for readers the page cache does not serve (editors, visitors with a session).
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exercises.models import RoutinePage
from exercises.tests.factories import (
    exercise_block,
    make_articles,
    make_exercise,
    make_library,
    make_routine,
    republish,
)

pytestmark = pytest.mark.django_db

DEMO_ROUTINE_URL = "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/"


def view(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    return text, len(queries)


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


def test_editing_the_demo_routines_call_to_action_shows_on_it(client, demo_site):
    routine = RoutinePage.objects.get(url_path__endswith=DEMO_ROUTINE_URL)
    cta = next((b.value for b in routine.body if b.block_type == "call_to_action"), None)
    assert cta is not None, "the demo routine shows a call to action"
    text_of(client, DEMO_ROUTINE_URL)
    cta.heading = "Book your first visit this week"
    cta.save()
    assert "Book your first visit this week" in text_of(client, DEMO_ROUTINE_URL)
