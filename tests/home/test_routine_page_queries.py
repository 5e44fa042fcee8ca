"""
A routine page of the clinic's site, with its menus, footer and settings, costs the same
number of queries for 5 exercises as for 50: at most 10 on its first view after
something it shows is published, none on every view after that. (The plugin's own suite counts the
routine alone: exercises/tests/test_routine_page.py.)
"""

import pytest
from bs4 import BeautifulSoup

from exercises.tests.factories import (
    exercise_block,
    make_articles,
    make_exercise,
    make_image,
    make_library,
    make_routine,
)
from exercises.tests.queries import count_queries, page_queries

pytestmark = pytest.mark.django_db


def test_query_count_is_the_same_for_5_and_50_exercises(client, demo_site):
    library = make_library(slug="test-library")
    articles = make_articles(slug="test-routines")
    photos = [make_image("Start", size=(64, 48)), make_image("Finish", size=(64, 48))]
    exercises = [
        make_exercise(
            library,
            f"Exercise {n}",
            photos=photos,
            step_photo=photos[0],
            equipment=("Yoga mat", "Resistance band"),
            tags=("balance", f"tag-{n}"),
            reps_min=8,
            sets_min=2,
        )
        for n in range(50)
    ]
    small = make_routine(articles, "Five", [exercise_block(e) for e in exercises[:5]], slug="five")
    large = make_routine(articles, "Fifty", [exercise_block(e) for e in exercises], slug="fifty")
    for routine in (small, large):
        client.get(routine.url)  # renditions are created on the first view
    # Every cache empty (a restart): Wagtail's routing and view restrictions, the clinic
    # settings, the menus and footer lists, then what the routine shows.
    small_count = count_queries(client, small.url)
    large_count = count_queries(client, large.url)
    assert small_count == large_count, (small_count, large_count)
    assert large_count <= 22
    # The first view after an exercise both show is published: their fragments are
    # stale, their routes (siteops/routing_cache.py), the settings and the menus are not.
    # The page itself 1 (its ancestors are kept with its route), then each kind of thing
    # the routine shows (exercises, photos, their renditions, equipment, the share image
    # and its renditions, topics, related articles) 1 whatever the count.
    for routine in (small, large):
        client.get(routine.url)
    exercises[0].title = "Exercise 0, slower"
    exercises[0].save_revision().publish()
    cold = {routine.slug: page_queries(client, routine.url)[1] for routine in (small, large)}
    assert cold["five"] == cold["fifty"], cold
    assert cold["fifty"] <= 10
    # Every view after it: the page, its trail, its fragments, settings and menus all
    # kept.
    warm = {routine.slug: page_queries(client, routine.url)[1] for routine in (small, large)}
    assert warm == {"five": 0, "fifty": 0}
    page = BeautifulSoup(client.get(large.url).content, "html.parser")
    assert len(page.select("article.exercise")) == 50
    assert len(page.select("figure.exercise__photo picture")) == 100
    assert len(page.select("figure.step__photo picture")) == 50
