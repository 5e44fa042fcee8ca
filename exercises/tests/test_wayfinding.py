"""
Finding the way round: breadcrumbs on exercise, routine and library pages, and from an
exercise opened from a routine, a link back to that routine at that exercise.
"""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from .factories import (
    exercise_block,
    make_exercise,
    make_routine,
    republish,
    site_root,
)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def trail(page):
    """The breadcrumbs as (text, href or None) pairs, and the current page's item."""
    nav = page.find("nav", attrs={"aria-label": "Breadcrumb"})
    assert nav is not None, "no breadcrumbs"
    items = nav.find("ol").find_all("li", recursive=False)
    links = [(li.get_text(strip=True), li.a["href"] if li.a else None) for li in items]
    return links, items[-1].find(attrs={"aria-current": "page"})


def back_link(page):
    return page.find(class_="back-to-routine")


def test_breadcrumbs_lead_from_the_home_page_to_an_exercise(client, library):
    exercise = make_exercise(library, "Knee Hug")
    home = site_root()
    links, current = trail(soup(client.get(exercise.url)))
    assert links == [(home.title, home.url), (library.title, library.url), ("Knee Hug", None)]
    assert current.get_text() == "Knee Hug"


def test_breadcrumbs_on_a_routine_and_the_library(client, library, articles):
    routine = make_routine(articles, "Morning routine", [])
    home = site_root()
    links, current = trail(soup(client.get(routine.url)))
    assert links == [
        (home.title, home.url),
        (articles.title, articles.url),
        ("Morning routine", None),
    ]
    assert current is not None
    links, current = trail(soup(client.get(library.url)))
    assert links == [(home.title, home.url), (library.title, None)]
    assert current.get_text() == library.title


def test_an_unpublished_section_is_left_out_of_the_trail(client, library):
    exercise = make_exercise(library, "Knee Hug")
    library.unpublish()
    # The exercise is still live and served, but its section is not.
    links, _ = trail(soup(client.get(exercise.url)))
    assert [text for text, _ in links] == [site_root().title, "Knee Hug"]


def test_a_routine_links_each_exercise_with_itself_as_the_way_back(client, library, articles):
    exercise = make_exercise(library, "Knee Hug")
    routine = make_routine(articles, "Morning routine", [exercise_block(exercise)])
    page = soup(client.get(routine.url))
    more = page.select_one("article.exercise .exercise__more a")
    assert more["href"] == f"{exercise.url}?from={routine.pk}"


def test_the_way_back_leads_to_the_exercise_in_the_routine(client, library, articles):
    first = make_exercise(library, "Pelvic Tilt")
    second = make_exercise(library, "Knee Hug")
    routine = make_routine(
        articles,
        "Morning routine",
        [
            ("heading", {"text": "Warm up", "level": "h2"}),
            exercise_block(first),
            exercise_block(second),
        ],
    )
    anchor = routine.exercises()[1].anchor
    link = back_link(soup(client.get(f"{second.url}?from={routine.pk}"))).find("a")
    assert link["href"] == f"{routine.url}#{anchor}"
    assert link.get_text(" ", strip=True) == "← Back to exercise 2 in “Morning routine”"
    # The routine's page has that anchor.
    assert soup(client.get(routine.url)).find("article", id=anchor)


@pytest.mark.parametrize(
    "query",
    ["", "?from=", "?from=abc", "?from=-1", "?from=1e3", "?from=%00", "?from=٣", "?from=9" * 30],
)
def test_no_way_back_without_a_routine_id(client, library, query):
    exercise = make_exercise(library, "Knee Hug")
    assert back_link(soup(client.get(exercise.url + query))) is None


def test_no_way_back_from_a_routine_that_does_not_show_the_exercise(client, library, articles):
    exercise = make_exercise(library, "Knee Hug")
    other = make_exercise(library, "Pelvic Tilt")
    routine = make_routine(articles, "Other routine", [exercise_block(other)])
    assert back_link(soup(client.get(f"{exercise.url}?from={routine.pk}"))) is None
    # Nor from a page that is not a routine at all.
    assert back_link(soup(client.get(f"{exercise.url}?from={library.pk}"))) is None


def test_no_way_back_from_a_routine_readers_cannot_see(client, library, articles):
    exercise = make_exercise(library, "Knee Hug")
    draft = make_routine(articles, "Draft routine", [exercise_block(exercise)], slug="draft")
    draft.unpublish()
    private = make_routine(articles, "Private routine", [exercise_block(exercise)], slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for routine in (draft, private):
        assert back_link(soup(client.get(f"{exercise.url}?from={routine.pk}"))) is None


def test_no_way_back_once_the_routine_no_longer_shows_the_exercise(client, library, articles):
    exercise = make_exercise(library, "Knee Hug")
    other = make_exercise(library, "Pelvic Tilt")
    routine = make_routine(
        articles, "Morning routine", [exercise_block(other), exercise_block(exercise)]
    )
    url = f"{exercise.url}?from={routine.pk}"
    assert back_link(soup(client.get(url))) is not None
    routine.body = [exercise_block(other)]
    republish(routine)
    assert back_link(soup(client.get(url))) is None
