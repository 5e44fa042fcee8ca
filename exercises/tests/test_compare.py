"""Comparing two revisions of any of the plugin's pages in the admin shows their differences."""

import pytest
from django.urls import reverse
from wagtail.images.blocks import ImageBlock

from exercises.compare import OptionalImageBlockComparison, fix_optional_image_comparison

from .factories import (
    exercise_block,
    make_articles,
    make_exercise,
    make_image,
    make_library,
    make_routine,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model, site):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.com", "pw"))
    return client


def compare(client, page, a, b):
    url = reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, a, b))
    return client.get(url)


def changed_steps(exercise):
    return [("step", {"text": "<p>Warm up first.</p>"})] + [
        (child.block_type, child.value) for child in exercise.steps
    ]


@pytest.mark.parametrize("with_photo", [False, True], ids=["no step photo", "step photo"])
def test_exercise_revisions_compare(admin_client, with_photo):
    library = make_library()
    photo = make_image("Bridge step") if with_photo else None
    exercise = make_exercise(library, "Bridge", step_photo=photo)
    first = exercise.latest_revision
    exercise.steps = changed_steps(exercise)
    exercise.title = "Glute bridge"
    second = exercise.save_revision()

    response = compare(admin_client, exercise, first.pk, second.pk)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Warm up first." in html
    assert compare(admin_client, exercise, "earliest", "latest").status_code == 200
    assert compare(admin_client, exercise, first.pk, "live").status_code == 200


def test_a_step_photo_added_and_removed_compares(admin_client):
    library = make_library()
    exercise = make_exercise(library, "Bridge")
    first = exercise.latest_revision
    raw = list(exercise.steps.raw_data)
    raw[0]["value"]["photo"] = {
        "image": make_image("Bridge step").pk,
        "decorative": False,
        "alt_text": "Lying on the back, knees bent",
    }
    exercise.steps = raw
    second = exercise.save_revision()

    assert compare(admin_client, exercise, first.pk, second.pk).status_code == 200
    assert compare(admin_client, exercise, second.pk, first.pk).status_code == 200


def test_routine_revisions_compare(admin_client):
    library = make_library()
    bridge = make_exercise(library, "Bridge")
    squat = make_exercise(library, "Squat")
    routine = make_routine(
        make_articles(),
        "Back routine",
        [
            ("heading", {"text": "Start here", "level": "h2"}),
            exercise_block(bridge),
            ("promotion", {"heading": "Our book", "text": "<p>Read it.</p>", "image": None}),
        ],
    )
    first = routine.latest_revision
    routine.body = [(child.block_type, child.value) for child in routine.body] + [
        exercise_block(squat, note="<p>Slowly.</p>")
    ]
    second = routine.save_revision()

    response = compare(admin_client, routine, first.pk, second.pk)

    assert response.status_code == 200
    assert "Squat" in response.content.decode()
    assert compare(admin_client, routine, "earliest", "latest").status_code == 200


def test_the_fix_is_in_place_and_idempotent():
    fix_optional_image_comparison()
    fix_optional_image_comparison()
    block = ImageBlock(required=False)
    block.set_name("photo")
    comparison_class = block.get_comparison_class()
    assert issubclass(comparison_class, OptionalImageBlockComparison) or (
        comparison_class(block, True, True, None, None).htmlvalue(None) is not None
    )
    assert OptionalImageBlockComparison(block, True, True, None, None).htmlvalue(None)
