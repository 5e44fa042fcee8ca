"""Search: exercises and routines by words in their steps, tips and tags."""

import pytest
from bs4 import BeautifulSoup

from exercises.tests.factories import make_exercise, make_library

pytestmark = pytest.mark.django_db

ROUTINE_URL = "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/"


def search(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def result_links(page):
    return [a["href"] for a in page.select(".search-result__title a")]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("stenosis", ["/exercises/seated-lumbar-flexion/", ROUTINE_URL]),
        ("chair", ["/exercises/modified-lunge-with-chair-support/", ROUTINE_URL]),
        ("knee", ["/exercises/modified-lunge-with-chair-support/", ROUTINE_URL]),
    ],
)
def test_search_finds_exercises_and_the_routine(client, demo_site, query, expected):
    links = result_links(search(client, query))
    for url in expected:
        assert url in links, (query, links)


def test_search_finds_the_routine_by_a_word_only_in_an_exercise_step(client, demo_site):
    # "Exhale" is only in a step of Seated Lumbar Flexion, not in the routine's own text.
    links = result_links(search(client, "exhale"))
    assert ROUTINE_URL in links
    assert "/exercises/seated-lumbar-flexion/" in links


def test_empty_query_and_no_results_say_so(client, demo_site):
    empty = search(client, "   ")
    assert "Type a word or two above" in empty.get_text()
    assert not empty.select(".search-result")
    none = search(client, "xylophone")
    status = none.find(role="status").get_text(" ", strip=True)
    assert status.startswith("No results for “xylophone”")
    assert none.find("a", href="/exercises/")


def test_results_are_paginated(client, demo_site):
    library = make_library(slug="more-exercises")
    for n in range(12):
        make_exercise(library, f"Wobble {n}", steps=("Stand on the wobble cushion.",))
    first = search(client, "wobble")
    assert "12 results for “wobble”" in first.find(role="status").get_text()
    assert len(first.select(".search-result")) == 10
    assert first.find("a", rel="next")["href"] == "?q=wobble&page=2"
    assert len(search(client, "wobble", page=2).select(".search-result")) == 2


def test_drafts_are_not_found(client, demo_site):
    library = make_library(slug="drafts")
    make_exercise(library, "Secret Quokka Stretch", publish=False)
    assert result_links(search(client, "quokka")) == []
