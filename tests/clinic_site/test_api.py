"""The read-only headless API (Wagtail API v2) for a future patient app."""

import datetime

import pytest

from exercises.models import ExercisePage, RoutinePage
from exercises.tests.factories import make_exercise, make_image
from tests.site_factories import make_article, make_standard_page

pytestmark = pytest.mark.django_db

# The topic of the test's own pages, to list only them (the API lists the demo's too).
TOPIC = "api-topic"


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response.json()


@pytest.fixture
def article(demo_site):
    """A library of two exercises (and a draft), and a routine that shows both."""
    photo = make_image("Chair flexion", size=(160, 120))
    article = make_article(
        "api",
        exercises=[
            {
                "title": "Chair Flexion",
                "steps": (
                    "Sit on the front of a chair.",
                    "Bend forward.",
                    "Reach for the floor.",
                    "Hold.",
                    "Come back up.",
                ),
                "tips": (("comfort", "", "Lean a little to one side."),),
                "photos": [photo],
                "equipment": ("Kitchen chair",),
                "tags": ("back pain", TOPIC),
                "reps_min": 8,
                "sets_min": 2,
                "hold_min": 1,
                "hold_max": 2,
            },
            {
                "title": "Supported Lunge",
                "reps_min": 12,
                "reps_max": 15,
                "sets_min": 2,
                "sets_max": 3,
                "side": "each_side",
                "tags": (TOPIC,),
            },
        ],
        title="Two exercises for the lower back",
        hero_image=make_image("Lower back hero", size=(160, 120)),
        hero_alt_text="A man bending forward on a chair",
        last_reviewed=datetime.date(2024, 9, 14),
        tags=[TOPIC],
    )
    make_exercise(article.library, "Unfinished Bridge", tags=(TOPIC,), publish=False)
    return article


def test_api_lists_exercises_with_their_dose(client, article):
    data = get(
        client,
        f"/api/v2/pages/?type=exercises.ExercisePage&fields=dose,summary&order=title&tags={TOPIC}",
    )
    assert data["meta"]["total_count"] == 2  # the draft is left out
    assert [i["title"] for i in data["items"]] == ["Chair Flexion", "Supported Lunge"]
    lunge = data["items"][1]
    assert lunge["dose"] == {
        "repetitions": {"min": 12, "max": 15},
        "sets": {"min": 2, "max": 3},
        "hold_seconds": None,
        "rest_seconds": None,
        "side": "each_side",
        "frequency": "",
        "summary": "2–3 sets × 12–15 repetitions on each side",
    }


def test_exercise_detail_has_steps_tips_and_photo_renditions(client, article):
    slug = article.exercise.slug
    listing = get(client, f"/api/v2/pages/?type=exercises.ExercisePage&slug={slug}")
    assert [item["id"] for item in listing["items"]] == [article.exercise.pk]
    detail = get(client, f"/api/v2/pages/{listing['items'][0]['id']}/")
    assert detail["meta"]["type"] == "exercises.ExercisePage"
    assert [step["number"] for step in detail["steps"]] == [1, 2, 3, 4, 5]
    assert detail["steps"][0]["text"] == "<p>Sit on the front of a chair.</p>"
    assert detail["dose"]["hold_seconds"] == {"min": 1, "max": 2}
    assert detail["modifications"][0]["kind"] == "comfort"
    photo = detail["photos"][0]
    assert photo["alt"] == "Chair Flexion alt 1"
    assert photo["url"].startswith("/media/images/") and ".max-1200x1200" in photo["url"]
    assert detail["equipment"] == [{"name": "Kitchen chair", "slug": "kitchen-chair"}]
    assert "back pain" in detail["tags"]


def test_routine_detail_lists_its_exercises_in_order_with_doses(client, article):
    listing = get(client, f"/api/v2/pages/?type=exercises.RoutinePage&tags={TOPIC}")
    assert [item["id"] for item in listing["items"]] == [article.routine.pk]
    routine = get(client, f"/api/v2/pages/{listing['items'][0]['id']}/")
    assert [e["title"] for e in routine["exercises"]] == ["Chair Flexion", "Supported Lunge"]
    assert routine["exercises"][0]["dose"]["summary"] == "2 sets × 8 repetitions, hold 1–2 seconds"
    assert routine["hero_image"]["url"].startswith("/media/images/")
    assert routine["last_reviewed"] == "2024-09-14"


def test_api_shows_only_exercises_and_routines_and_is_read_only(client, article):
    team = make_standard_page("Our team", "api-team")
    data = get(client, "/api/v2/pages/?limit=20")
    types = {item["meta"]["type"] for item in data["items"]}
    assert types == {"exercises.ExercisePage", "exercises.RoutinePage"}
    live = (
        ExercisePage.objects.live().public().count() + RoutinePage.objects.live().public().count()
    )
    assert data["meta"]["total_count"] == live
    # The site's other pages, even asked for by their id, are not there.
    for page in (team, article.library, article.articles):
        get(client, f"/api/v2/pages/{page.pk}/", status=404)
    assert client.post("/api/v2/pages/", {}).status_code == 405
    assert client.delete(f"/api/v2/pages/{data['items'][0]['id']}/").status_code == 405
