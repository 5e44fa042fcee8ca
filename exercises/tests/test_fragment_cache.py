"""
A routine's rendered fragments are reused until something it shows changes: readers
who are not served a whole cached page (editors, visitors with a session) get them
fast, and never stale once the host site says its content changed.

The test host's content version is exercises.tests.content_version: `bump()` stands
for the host hearing that something was published or saved.
"""

import pytest

from exercises.models import CallToAction, RoutinePage

from . import content_version
from .factories import (
    exercise_block,
    make_articles,
    make_exercise,
    make_library,
    make_routine,
    republish,
)
from .queries import page_queries as view


@pytest.fixture(scope="module")
def routine_pk(module_db):
    with module_db.unblock():
        exercise = make_exercise(
            make_library(), "Seated knee lift", steps=("Lift one knee slowly.",)
        )
        return make_routine(make_articles(), "Morning routine", [exercise_block(exercise)]).pk


@pytest.fixture
def routine(db, routine_pk):
    return RoutinePage.objects.get(pk=routine_pk)


def exercise_of(routine):
    return routine.exercises()[0].exercise


def test_second_view_reuses_the_fragments_and_shows_the_same_page(client, routine):
    first, cold = view(client, routine.url)
    second, warm = view(client, routine.url)
    assert second == first
    assert "Lift one knee slowly." in second
    assert warm < cold


def test_an_exercise_change_shows_once_the_host_says_content_changed(client, routine):
    view(client, routine.url)
    exercise = exercise_of(routine)
    exercise.steps = [("step", {"text": "<p>Lift one knee, then lower it.</p>"})]
    republish(exercise)
    # Until the host's content version changes, the fragment stands.
    text, _ = view(client, routine.url)
    assert "Lift one knee slowly." in text
    content_version.bump()
    text, _ = view(client, routine.url)
    assert "Lift one knee, then lower it." in text
    assert "Lift one knee slowly." not in text


def test_a_draft_exercise_change_waits_for_publishing(client, routine):
    view(client, routine.url)
    exercise = exercise_of(routine)
    exercise.steps = [("step", {"text": "<p>Not ready yet.</p>"})]
    exercise.save_revision()
    content_version.bump()
    text, _ = view(client, routine.url)
    assert "Not ready yet." not in text
    assert "Lift one knee slowly." in text


def test_editing_a_call_to_action_shows_on_the_routine(client, routine):
    cta = CallToAction.objects.create(
        heading="Book a visit", button_label="Book", link_url="https://example.com/book"
    )
    routine.body.append(("call_to_action", cta))
    routine = republish(routine)
    text, _ = view(client, routine.url)
    assert "Book a visit" in text
    cta.heading = "Book your first visit this week"
    cta.save()
    content_version.bump()
    text, _ = view(client, routine.url)
    assert "Book your first visit this week" in text


def test_publishing_the_routine_itself_shows_at_once(client, admin_user, routine):
    # The routine's own publish changes its cache key: no word from the host is needed.
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
    # Nothing is cached: the routine's own queries are all made again.
    assert second == first
    exercise = exercise_of(routine)
    # A change the plugin cannot hear about (no publish signal) still shows at once.
    type(exercise).objects.filter(pk=exercise.pk).update(title="Seated knee raise")
    text, _ = view(client, routine.url)
    assert "Seated knee raise" in text
