"""The lists every page needs (exercises/querysets.py): what readers may see, newest first."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageViewRestriction

from exercises.models import ExercisePage, RoutinePage

from .factories import exercise_block, make_articles, make_exercise, make_library, make_routine


def titles(pages):
    return [page.title for page in pages]


def make_private(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="members"
    )


@pytest.fixture
def articles(site):
    return make_articles(slug="articles")


def test_visible_leaves_out_drafts_and_private_routines(articles):
    make_routine(articles, "Public", [])
    make_routine(articles, "Draft", []).unpublish()
    make_private(make_routine(articles, "Members only", []))
    members = make_articles(slug="members")
    make_routine(members, "In a private section", [])
    make_private(members)
    assert titles(RoutinePage.objects.visible()) == ["Public"]
    # All four are pages all the same: only readers are kept from them.
    assert RoutinePage.objects.count() == 4


def test_visible_leaves_out_exercises_of_a_private_library(site):
    public = make_library(slug="library")
    make_exercise(public, "Bridge")
    make_exercise(public, "Clam", publish=False)
    private = make_library(slug="members-library")
    make_exercise(private, "Secret stretch")
    make_private(private)
    assert titles(ExercisePage.objects.visible()) == ["Bridge"]


def test_an_exercise_page_lists_only_the_routines_a_reader_may_open(client, site, articles):
    exercise = make_exercise(make_library(), "Bridge")
    make_routine(articles, "Morning routine", [exercise_block(exercise)])
    make_routine(articles, "Draft routine", [exercise_block(exercise)]).unpublish()
    make_private(make_routine(articles, "Members routine", [exercise_block(exercise)]))
    page = BeautifulSoup(client.get(exercise.url).content, "html.parser")
    used_in = page.find("section", class_="used-in")
    assert [a.get_text() for a in used_in.find_all("a")] == ["Morning routine"]


def published_at(routine, day):
    moment = timezone.make_aware(datetime.datetime(2025, 1, day, 9, 0))
    RoutinePage.objects.filter(pk=routine.pk).update(first_published_at=moment)


def test_newest_orders_by_last_reviewed_then_first_published(articles):
    march = datetime.date(2025, 3, 1)
    jan = datetime.date(2025, 1, 5)
    older = make_routine(articles, "Reviewed in January, published first", [], last_reviewed=jan)
    later = make_routine(articles, "Reviewed in January, published later", [], last_reviewed=jan)
    make_routine(articles, "Reviewed in March", [], last_reviewed=march)
    published_at(older, 2)
    published_at(later, 4)
    assert titles(RoutinePage.objects.visible().newest()) == [
        "Reviewed in March",
        "Reviewed in January, published later",
        "Reviewed in January, published first",
    ]
    # The order does not follow the order pages were created in.
    published_at(older, 6)
    assert titles(RoutinePage.objects.newest())[1:] == [
        "Reviewed in January, published first",
        "Reviewed in January, published later",
    ]
