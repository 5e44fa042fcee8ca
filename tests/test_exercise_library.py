import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from .exercise_factories import make_exercise, make_library

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(demo_site):
    library = make_library(slug="test-library")
    make_exercise(library, "Chair Squat", position="standing", equipment=["Chair"], tags=["knee"])
    make_exercise(library, "Seated Bend", position="seated", equipment=["Chair"], tags=["sciatica"])
    make_exercise(
        library, "Board Stretch", position="standing", equipment=["Board"], tags=["sciatica"]
    )
    make_exercise(library, "Hidden Draft", position="standing", publish=False)
    return library


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in page.select(".card__title a")]


def test_library_lists_live_exercises_only(client, library):
    assert titles(client, library.url) == ["Board Stretch", "Chair Squat", "Seated Bend"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("tag=sciatica", ["Board Stretch", "Seated Bend"]),
        ("equipment=chair", ["Chair Squat", "Seated Bend"]),
        ("position=standing", ["Board Stretch", "Chair Squat"]),
        ("tag=sciatica&position=standing", ["Board Stretch"]),
        ("tag=sciatica&equipment=chair&position=standing", []),
        ("position=upside-down", ["Board Stretch", "Chair Squat", "Seated Bend"]),
    ],
)
def test_library_filters_with_plain_get_parameters(client, library, query, expected):
    assert titles(client, f"{library.url}?{query}") == expected


def test_filter_form_keeps_the_choice_and_offers_only_used_values(client, library):
    page = BeautifulSoup(client.get(f"{library.url}?tag=knee").content, "html.parser")
    tag_select = page.find("select", id="filter-tag")
    assert tag_select.find("option", selected=True)["value"] == "knee"
    assert {o["value"] for o in tag_select.find_all("option")} == {"", "knee", "sciatica"}
    assert page.find("label", attrs={"for": "filter-tag"})
    assert "1 exercise match your choice" in page.get_text(" ", strip=True)


def test_no_match_says_so_and_offers_a_way_back(client, library):
    page = BeautifulSoup(
        client.get(f"{library.url}?tag=knee&equipment=board").content, "html.parser"
    )
    assert "No exercise matches all of these" in page.get_text()


@override_settings(EXERCISES_LIBRARY_PAGE_SIZE=2)
def test_library_is_paginated_and_keeps_filters_across_pages(client, library):
    assert titles(client, library.url) == ["Board Stretch", "Chair Squat"]
    assert titles(client, f"{library.url}?page=2") == ["Seated Bend"]
    assert titles(client, f"{library.url}?page=99") == ["Seated Bend"]
    assert titles(client, f"{library.url}?page=abc") == ["Board Stretch", "Chair Squat"]
    page = BeautifulSoup(client.get(f"{library.url}?position=standing").content, "html.parser")
    assert page.find("nav", class_="pagination") is None
    page = BeautifulSoup(client.get(f"{library.url}?equipment=chair&page=1").content, "html.parser")
    assert page.find("nav", class_="pagination") is None


def test_exercise_page_shows_dose_steps_tips_and_topics(client, library):
    exercise = make_exercise(
        library,
        "Lunge",
        steps=("Kneel.", "Rise halfway."),
        tips=(("comfort", "For knee comfort", "Use a cushion."),),
        reps_min=12,
        reps_max=15,
        sets_min=2,
        sets_max=3,
        side="each_side",
        tags=["knee"],
    )
    page = BeautifulSoup(client.get(exercise.url).content, "html.parser")
    assert page.find("h1").get_text() == "Lunge"
    assert (
        "2–3 sets × 12–15 repetitions on each side" in page.find("dl", class_="dose-box").get_text()
    )
    assert [li.get_text(strip=True) for li in page.select("ol.steps li")] == [
        "Kneel.",
        "Rise halfway.",
    ]
    assert "Use a cushion." in page.find(class_="tips").get_text()
    assert page.find("a", class_="tag", href=f"{library.url}?tag=knee")
