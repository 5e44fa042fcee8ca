"""The exercise library: live exercises only, filters, pagination, and an exercise's page."""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from exercises.models import ExerciseIndexPage

from .factories import make_exercise, make_library


@pytest.fixture(scope="module")
def library_pk(module_db):
    with module_db.unblock():
        library = make_library()
        make_exercise(
            library, "Chair Squat", position="standing", equipment=["Chair"], tags=["knee"]
        )
        make_exercise(
            library, "Seated Bend", position="seated", equipment=["Chair"], tags=["sciatica"]
        )
        make_exercise(
            library, "Board Stretch", position="standing", equipment=["Board"], tags=["sciatica"]
        )
        make_exercise(library, "Hidden Draft", position="standing", publish=False)
        return library.pk


@pytest.fixture
def library(db, library_pk):
    return ExerciseIndexPage.objects.get(pk=library_pk)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(client, url):
    return [a.get_text(strip=True) for a in soup(client.get(url)).select(".card__title a")]


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
    page = soup(client.get(f"{library.url}?tag=knee"))
    tag_select = page.find("select", id="filter-tag")
    assert tag_select.find("option", selected=True)["value"] == "knee"
    assert {o["value"] for o in tag_select.find_all("option")} == {"", "knee", "sciatica"}
    assert page.find("label", attrs={"for": "filter-tag"})
    assert "1 exercise match your choice" in page.get_text(" ", strip=True)


def test_no_match_says_so_and_offers_a_way_back(client, library):
    page = soup(client.get(f"{library.url}?tag=knee&equipment=board"))
    assert "No exercise matches all of these" in page.get_text()
    assert page.find("a", string="see every exercise")["href"] == library.url


@override_settings(EXERCISES_LIBRARY_PAGE_SIZE=2)
def test_library_is_paginated_and_keeps_filters_across_pages(client, library):
    assert titles(client, library.url) == ["Board Stretch", "Chair Squat"]
    assert titles(client, f"{library.url}?page=2") == ["Seated Bend"]
    assert titles(client, f"{library.url}?page=99") == ["Seated Bend"]
    assert titles(client, f"{library.url}?page=abc") == ["Board Stretch", "Chair Squat"]
    page = soup(client.get(f"{library.url}?position=standing"))
    assert page.find("nav", class_="pagination") is None
    page = soup(client.get(f"{library.url}?equipment=chair&page=1"))
    assert page.find("nav", class_="pagination") is None


@override_settings(EXERCISES_LIBRARY_PAGE_SIZE=1)
def test_next_page_link_keeps_the_filters(client, library):
    page = soup(client.get(f"{library.url}?tag=sciatica"))
    assert "Page 1 of 2" in page.find("nav", class_="pagination").get_text()
    next_link = page.find("a", rel="next")["href"]
    assert next_link == "?tag=sciatica&page=2"
    assert titles(client, library.url + next_link) == ["Seated Bend"]


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
    page = soup(client.get(exercise.url))
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
