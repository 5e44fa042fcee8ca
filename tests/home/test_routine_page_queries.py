"""
A routine page of the clinic's site, with its menus, footer and settings, costs the same
number of queries for 5 exercises as for 50. (The plugin's own suite counts the
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
from exercises.tests.queries import count_queries

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
    small_count = count_queries(client, small.url)
    large_count = count_queries(client, large.url)
    assert small_count == large_count, (small_count, large_count)
    # Cold caches: Wagtail's routing and view restrictions are 8 of these, the clinic
    # settings 1, the clinic's share image (this routine has no photo of its own) 1,
    # and each kind of thing the routine shows (exercises, photos, their
    # renditions, equipment, calls to action, topics, related articles) 1 whatever
    # the count.
    assert large_count <= 22
    # Warm fragments: routing and the clinic settings only.
    small_warm = count_queries(client, small.url, warm=True)
    large_warm = count_queries(client, large.url, warm=True)
    assert small_warm == large_warm, (small_warm, large_warm)
    assert large_warm <= 10
    page = BeautifulSoup(client.get(large.url).content, "html.parser")
    assert len(page.select("article.exercise")) == 50
    assert len(page.select("figure.exercise__photo picture")) == 100
    assert len(page.select("figure.step__photo picture")) == 50
