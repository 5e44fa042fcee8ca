"""The read-only headless API (Wagtail API v2) for a future patient app."""

import pytest

pytestmark = pytest.mark.django_db


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response.json()


def test_api_lists_exercises_with_their_dose(client, demo_site):
    data = get(client, "/api/v2/pages/?type=exercises.ExercisePage&fields=dose,summary&order=title")
    assert data["meta"]["total_count"] == 5
    lunge = next(i for i in data["items"] if i["title"] == "Modified Lunge (with Chair Support)")
    assert lunge["dose"] == {
        "repetitions": {"min": 12, "max": 15},
        "sets": {"min": 2, "max": 3},
        "hold_seconds": None,
        "side": "each_side",
        "frequency": "",
        "summary": "2–3 sets × 12–15 repetitions on each side",
    }


def test_exercise_detail_has_steps_tips_and_photo_renditions(client, demo_site):
    listing = get(client, "/api/v2/pages/?type=exercises.ExercisePage&slug=seated-lumbar-flexion")
    detail = get(client, f"/api/v2/pages/{listing['items'][0]['id']}/")
    assert detail["meta"]["type"] == "exercises.ExercisePage"
    assert [step["number"] for step in detail["steps"]] == [1, 2, 3, 4, 5]
    assert detail["steps"][0]["text"].startswith("<p>Sit comfortably in a chair")
    assert detail["dose"]["hold_seconds"] == {"min": 1, "max": 2}
    assert detail["modifications"][0]["kind"] == "comfort"
    photo = detail["photos"][0]
    assert photo["alt"] == "Seated Lumbar Flexion"
    assert photo["url"].startswith("/media/images/") and ".max-1200x1200" in photo["url"]
    assert detail["equipment"] == [{"name": "Chair", "slug": "chair"}]
    assert "sciatica" in detail["tags"]


def test_routine_detail_lists_its_exercises_in_order_with_doses(client, demo_site):
    listing = get(client, "/api/v2/pages/?type=exercises.RoutinePage")
    routine = get(client, f"/api/v2/pages/{listing['items'][0]['id']}/")
    assert [e["title"] for e in routine["exercises"]][:2] == [
        "Seated Lumbar Flexion",
        "Standing Hip Extension Stretch",
    ]
    assert routine["exercises"][0]["dose"]["summary"] == "2 sets × 8 repetitions, hold 1–2 seconds"
    assert routine["hero_image"]["url"].startswith("/media/images/")
    assert routine["last_reviewed"] == "2025-05-27"


def test_api_shows_only_exercises_and_routines_and_is_read_only(client, demo_site):
    data = get(client, "/api/v2/pages/?limit=20")
    types = {item["meta"]["type"] for item in data["items"]}
    assert types == {"exercises.ExercisePage", "exercises.RoutinePage"}
    assert client.post("/api/v2/pages/", {}).status_code == 405
    assert client.delete(f"/api/v2/pages/{data['items'][0]['id']}/").status_code == 405
