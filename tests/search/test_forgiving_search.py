"""
Search forgives: plurals, a word cut short, a typo; exercises and articles before
general pages; results with a kind, a thumbnail and the matched words marked. The same
first result on SQLite and PostgreSQL (CI runs the suite on both: DATABASE_URL).
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

ROUTINE = "5 Exercises for Sciatica from Lumbar Spinal Stenosis"
EXPECTED_FIRST = {
    "lunges": "Modified Lunge (with Chair Support)",  # a plural of a title's word
    "stenosys": ROUTINE,  # a typo
    "sciatic": ROUTINE,  # the start of "sciatica"
    "knee": "Modified Lunge (with Chair Support)",  # tagged knee, above About
    "chair": "Modified Lunge (with Chair Support)",  # in its title
}


def results(client, query):
    page = BeautifulSoup(client.get("/search/", {"q": query}).content, "html.parser")
    return [
        {
            "kind": item.select_one(".search-result__kind").get_text(strip=True),
            "title": item.select_one(".search-result__title").get_text(strip=True),
            "thumbnail": item.select_one("img.search-result__thumbnail"),
            "snippet": item.select_one(".search-result__snippet"),
        }
        for item in page.select(".search-result")
    ]


@pytest.mark.parametrize("query", EXPECTED_FIRST)
def test_the_expected_page_comes_first(client, demo_site, query):
    found = results(client, query)
    assert found, query
    assert found[0]["title"] == EXPECTED_FIRST[query], [item["title"] for item in found[:3]]


def test_exercises_and_articles_rank_above_general_pages(client, demo_site):
    kinds = [item["kind"] for item in results(client, "knee")]
    assert "Page" in kinds  # About mentions knees
    first_page = kinds.index("Page")
    assert all(kind == "Page" for kind in kinds[first_page:])
    assert first_page >= 2


def test_results_show_a_thumbnail_and_the_matched_words(client, demo_site):
    first = results(client, "lunges")[0]
    assert first["kind"] == "Exercise"
    assert first["thumbnail"] is not None and first["thumbnail"]["alt"] == ""
    assert [mark.get_text() for mark in first["snippet"].find_all("mark")] == ["lunge"]


def test_a_typo_finds_the_word_it_was_meant_to_be(client, demo_site):
    found = results(client, "stenosys")
    marks = {mark.get_text().lower() for item in found for mark in item["snippet"].find_all("mark")}
    assert marks == {"stenosis"}


def test_the_header_has_a_search_form_that_needs_no_script(client, demo_site):
    page = BeautifulSoup(client.get("/about/").content, "html.parser")
    form = page.select_one("header form[role=search]")
    assert form["action"] == "/search/" and form["method"] == "get"
    field = form.find("input", attrs={"name": "q"})
    assert page.find("label", attrs={"for": field["id"]}).get_text(strip=True)
    assert form.find("button", type="submit")


def test_the_results_page_costs_the_same_queries_for_2_or_6_results(client, demo_site):
    def queries(query):
        client.get("/search/", {"q": query})  # renditions and the vocabulary made once
        with CaptureQueriesContext(connection) as captured:
            count = len(results(client, query))
        return count, len(captured)

    (few, few_queries), (many, many_queries) = queries("lunges"), queries("stenosys")
    assert (few, many) == (2, 6)
    assert few_queries == many_queries, (few_queries, many_queries)
