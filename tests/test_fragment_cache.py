"""
A routine's rendered fragments are reused until something it shows changes: readers
who bypass the page cache (editors, visitors with a session) get them fast, and never
stale.
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .exercise_factories import (
    exercise_block,
    make_articles,
    make_exercise,
    make_library,
    make_routine,
    republish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def routine(demo_site):
    library = make_library(slug="fragment-library")
    articles = make_articles(slug="fragment-routines")
    exercise = make_exercise(library, "Seated knee lift", steps=("Lift one knee slowly.",))
    return make_routine(articles, "Morning routine", [exercise_block(exercise)])


def view(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    return text, len(queries)


def exercise_of(routine):
    return routine.exercises()[0].exercise


def test_second_view_reuses_the_fragments_and_shows_the_same_page(client, routine):
    first, cold = view(client, routine.url)
    second, warm = view(client, routine.url)
    assert second == first
    assert "Lift one knee slowly." in second
    assert warm < cold


def test_publishing_an_exercise_shows_its_new_steps_on_the_routine(client, routine):
    view(client, routine.url)
    exercise = exercise_of(routine)
    exercise.steps = [("step", {"text": "<p>Lift one knee, then lower it.</p>"})]
    republish(exercise)
    text, _ = view(client, routine.url)
    assert "Lift one knee, then lower it." in text
    assert "Lift one knee slowly." not in text


def test_a_draft_exercise_change_waits_for_publishing(client, routine):
    view(client, routine.url)
    exercise = exercise_of(routine)
    exercise.steps = [("step", {"text": "<p>Not ready yet.</p>"})]
    exercise.save_revision()
    text, _ = view(client, routine.url)
    assert "Not ready yet." not in text


def test_editing_a_call_to_action_shows_on_the_routine(client, demo_site):
    from exercises.models import RoutinePage

    routine = RoutinePage.objects.live().first()
    cta = next((b.value for b in routine.body if b.block_type == "call_to_action"), None)
    assert cta is not None, "the demo routine shows a call to action"
    view(client, routine.url)
    cta.heading = "Book your first visit this week"
    cta.save()
    text, _ = view(client, routine.url)
    assert "Book your first visit this week" in text


def test_editors_see_a_published_change_at_once(client, admin_user, routine):
    client.force_login(admin_user)
    view(client, routine.url)
    routine.intro = "Five minutes before breakfast."
    republish(routine)
    text, _ = view(client, routine.url)
    assert "Five minutes before breakfast." in text


def test_preview_shows_the_draft_and_leaves_the_live_fragments_alone(client, routine):
    view(client, routine.url)
    draft = routine.specific_class.objects.get(pk=routine.pk)
    draft.title = "Morning routine, draft"
    preview = draft.make_preview_request()
    assert b"Morning routine, draft" in preview.content
    text, _ = view(client, routine.url)
    assert "Morning routine, draft" not in text
    again = draft.make_preview_request()
    assert b"Morning routine, draft" in again.content


def test_a_host_site_that_gives_no_content_version_gets_no_fragment_caching(
    client, routine, settings
):
    settings.EXERCISES_CONTENT_VERSION = None
    _, first = view(client, routine.url)
    _, second = view(client, routine.url)
    # The menus are still shared; the routine's own queries are all made again.
    assert second >= first - 4
    exercise = exercise_of(routine)
    # A change the plugin cannot hear about (no publish signal) still shows at once.
    type(exercise).objects.filter(pk=exercise.pk).update(title="Seated knee raise")
    text, _ = view(client, routine.url)
    assert "Seated knee raise" in text
