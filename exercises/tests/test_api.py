"""
The plugin's `api_fields` through Wagtail's own API v2 endpoints (exercises.tests.urls):
what a patient app reads of an exercise and a routine.
"""

import pytest

from exercises.models import ExerciseIndexPage, ExercisePage

from .factories import (
    exercise_block,
    make_articles,
    make_exercise,
    make_image,
    make_library,
    make_routine,
)


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response.json()


@pytest.fixture(scope="module")
def built(module_db):
    """A library with one exercise that has every field filled in, built once."""
    with module_db.unblock():
        library = make_library()
        photo = make_image("Lunge", size=(48, 36))
        lunge = make_exercise(
            library,
            "Modified Lunge",
            summary="A lunge with a chair for support.",
            steps=("Stand beside a chair.", "Step back."),
            step_photo=photo,
            tips=(("comfort", "For knee comfort", "Put a cushion under your knee."),),
            photos=[photo],
            equipment=["Chair"],
            tags=["knee", "sciatica"],
            position="standing",
            reps_min=12,
            reps_max=15,
            sets_min=2,
            sets_max=3,
            side="each_side",
            video_url="https://example.com/lunge",
        )
        return library.pk, lunge.pk


@pytest.fixture
def library(db, built):
    return ExerciseIndexPage.objects.get(pk=built[0])


@pytest.fixture
def lunge(db, built):
    return ExercisePage.objects.get(pk=built[1])


def test_an_exercise_reads_with_its_dose_as_numbers(client, lunge):
    data = get(client, "/api/v2/pages/?type=exercises.ExercisePage&fields=dose,summary")
    [item] = data["items"]
    assert item["title"] == "Modified Lunge"
    assert item["summary"] == "A lunge with a chair for support."
    assert item["dose"] == {
        "repetitions": {"min": 12, "max": 15},
        "sets": {"min": 2, "max": 3},
        "hold_seconds": None,
        "rest_seconds": None,
        "side": "each_side",
        "frequency": "",
        "summary": "2–3 sets × 12–15 repetitions on each side",
    }


def test_exercise_detail_has_steps_tips_and_photo_renditions(client, lunge):
    detail = get(client, f"/api/v2/pages/{lunge.pk}/")
    assert detail["meta"]["type"] == "exercises.ExercisePage"
    assert [(step["number"], step["text"]) for step in detail["steps"]] == [
        (1, "<p>Stand beside a chair.</p>"),
        (2, "<p>Step back.</p>"),
    ]
    # Neither step states the dose, so a client shows the dose fields beside them.
    assert [step["states_dose"] for step in detail["steps"]] == [False, False]
    step_photo = detail["steps"][0]["photo"]
    assert step_photo["alt"] == "Modified Lunge, first step"
    assert step_photo["url"].startswith("/media/images/") and ".max-1200x1200" in step_photo["url"]
    assert detail["steps"][1]["photo"] is None
    assert detail["modifications"] == [
        {
            "kind": "comfort",
            "kind_label": "For comfort",
            "title": "For knee comfort",
            "text": "<p>Put a cushion under your knee.</p>",
        }
    ]
    [photo] = detail["photos"]
    assert (photo["alt"], photo["caption"]) == ("Modified Lunge alt 1", "Modified Lunge caption 1")
    assert (photo["width"], photo["height"]) == (48, 36)
    assert detail["equipment"] == [{"name": "Chair", "slug": "chair"}]
    assert sorted(detail["tags"]) == ["knee", "sciatica"]
    assert detail["position"] == "standing"
    assert detail["video_url"] == "https://example.com/lunge"


def test_routine_detail_lists_its_exercises_in_order_with_the_routines_doses(
    client, library, lunge
):
    bridge = make_exercise(library, "Bridge", reps_min=10, sets_min=2)
    draft = make_exercise(library, "Unfinished", publish=False)
    routine = make_routine(
        make_articles(),
        "Knee routine",
        [
            exercise_block(bridge, dose={"sets_min": 3}),
            exercise_block(draft),
            exercise_block(lunge),
        ],
        tags=["knee"],
        byline="Dr. Ana",
        intro="Ten minutes a day.",
        hero_image=make_image("Hero", size=(48, 36)),
        hero_alt_text="A patient lunging",
    )
    draft.unpublish()
    detail = get(client, f"/api/v2/pages/{routine.pk}/")
    assert [(e["number"], e["title"]) for e in detail["exercises"]] == [
        (1, "Bridge"),
        (2, "Modified Lunge"),
    ]
    first, second = detail["exercises"]
    assert first["id"] == bridge.pk
    assert first["dose"]["summary"] == "3 sets × 10 repetitions"
    assert first["dose"]["sets"] == {"min": 3, "max": 3}
    assert first["dose_is_overridden"] is True
    assert second["dose_is_overridden"] is False
    assert second["dose"]["summary"] == "2–3 sets × 12–15 repetitions on each side"
    assert detail["hero_image"]["url"].startswith("/media/images/")
    assert detail["hero_alt_text"] == "A patient lunging"
    assert (detail["last_reviewed"], detail["byline"], detail["tags"]) == (
        "2025-05-27",
        "Dr. Ana",
        ["knee"],
    )


def test_drafts_are_not_in_the_api(client, library, lunge):
    make_exercise(library, "Unfinished", publish=False)
    data = get(client, "/api/v2/pages/?type=exercises.ExercisePage")
    assert [item["title"] for item in data["items"]] == ["Modified Lunge"]
