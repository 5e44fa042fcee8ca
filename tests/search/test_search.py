"""Search: exercises and routines by words in their steps, tips and tags."""

import pytest
from bs4 import BeautifulSoup

from exercises.models import ExerciseIndexPage
from exercises.tests.factories import make_exercise, make_library
from tests.site_factories import make_article

pytestmark = pytest.mark.django_db

# Made-up words, so that only the test's own pages hold them.
IN_A_TAG = "zephyrine"
IN_A_STEP = "quillery"
IN_A_TIP = "bramblewise"
IN_THE_EQUIPMENT = "Wobblestick"


def search(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def result_links(page):
    return [a["href"] for a in page.select(".search-result__title a")]


@pytest.fixture
def article(demo_site):
    """An exercise with the words in its steps, tips, tags and equipment, and its routine."""
    return make_article(
        "search",
        exercises=[
            {
                "title": "Towel slide",
                "steps": ("Sit on a chair.", f"Slide the {IN_A_STEP} towel forward.", "Relax."),
                "tips": (("easier", "", f"Hold a {IN_A_TIP} cushion."),),
                "tags": (IN_A_TAG,),
                "equipment": (IN_THE_EQUIPMENT,),
            }
        ],
        title="Morning mobility",
        extra_body=[("paragraph", "<p>Five minutes every morning.</p>")],
        tags=[IN_A_TAG],
    )


@pytest.mark.parametrize(
    "query, finds_the_routine",
    [(IN_A_TAG, True), (IN_A_TIP, True), (IN_THE_EQUIPMENT.lower(), False)],
    ids=["tag", "tip", "equipment"],
)
def test_search_finds_exercises_and_the_routine(client, article, query, finds_the_routine):
    links = result_links(search(client, query))
    assert article.exercise.url in links, (query, links)
    assert (article.routine.url in links) is finds_the_routine, (query, links)


def test_search_finds_the_routine_by_a_word_only_in_an_exercise_step(client, article):
    assert IN_A_STEP not in str(article.routine.body.raw_data)  # not in the routine's own text
    links = result_links(search(client, IN_A_STEP))
    assert article.routine.url in links
    assert article.exercise.url in links


def test_empty_query_and_no_results_say_so(client, demo_site):
    make_library(slug="search-library")
    empty = search(client, "   ")
    assert "Type a word or two above" in empty.get_text()
    assert not empty.select(".search-result")
    none = search(client, "xylophone")
    status = none.find(role="status")
    assert status.get_text(" ", strip=True).startswith("No results for “xylophone”")
    libraries = {library.url for library in ExerciseIndexPage.objects.live().public()}
    assert {a["href"] for a in status.find_all("a")} & libraries


def test_results_are_paginated(client, demo_site):
    library = make_library(slug="more-exercises")
    for n in range(12):
        make_exercise(library, f"Wibbleton {n}", steps=("Stand on the wibbleton cushion.",))
    first = search(client, "wibbleton")
    assert "12 results for “wibbleton”" in first.find(role="status").get_text()
    assert len(first.select(".search-result")) == 10
    assert first.find("a", rel="next")["href"] == "?q=wibbleton&page=2"
    assert len(search(client, "wibbleton", page=2).select(".search-result")) == 2


def test_drafts_are_not_found(client, demo_site):
    library = make_library(slug="drafts")
    make_exercise(library, "Secret Quokka Stretch", publish=False)
    assert result_links(search(client, "quokka")) == []
