"""Moderators compare revisions of the demo's exercises and routines in the clinic's admin
(the demo's steps have no photo; one more exercise has one): the view shows the change
instead of a server error."""

import pytest
from django.urls import reverse

from exercises.models import ExerciseIndexPage, ExercisePage, RoutinePage
from exercises.tests.factories import make_exercise, make_image
from tests.application_factories import make_user

pytestmark = pytest.mark.django_db


def compare_url(page, a, b):
    return reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, a, b))


def has_step_photo(exercise):
    return any(step.value.get("photo") for step in exercise.steps)


def test_every_demo_exercise_and_routine_compares(client):
    client.force_login(make_user("moderator", groups=["Moderators"]))
    library = ExerciseIndexPage.objects.live().first()
    make_exercise(library, "Step photo bridge", step_photo=make_image("Bridge step"))
    exercises = list(ExercisePage.objects.live().descendant_of(library))
    assert {has_step_photo(exercise) for exercise in exercises} == {True, False}
    assert RoutinePage.objects.live().exists()

    for exercise in exercises:
        live = exercise.live_revision_id
        exercise.steps = [("step", {"text": "<p>Warm up first.</p>"})] + [
            (step.block_type, step.value) for step in exercise.steps
        ]
        latest = exercise.save_revision()
        response = client.get(compare_url(exercise, live, latest.pk))
        assert response.status_code == 200, exercise.title
        assert "Warm up first." in response.content.decode()

    for routine in RoutinePage.objects.live():
        live = routine.live_revision_id
        routine.body = [(child.block_type, child.value) for child in routine.body][1:]
        latest = routine.save_revision()
        response = client.get(compare_url(routine, live, latest.pk))
        assert response.status_code == 200, routine.title
        assert client.get(compare_url(routine, "earliest", "latest")).status_code == 200
