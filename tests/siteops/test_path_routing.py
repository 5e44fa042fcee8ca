"""
A view with no stored route is routed by siteops/path_routing.py, with the pages on
its path read in one query: readers get exactly what Wagtail's own routing gives them
(the same page, sub-view, 404, redirect or sign-in), for fewer queries.
"""

import re

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from exercises.models import RoutineIndexPage
from tests.site_factories import make_article, make_standard_page

pytestmark = pytest.mark.django_db

ROUTING_MIDDLEWARE = "siteops.routing_cache.RoutingCacheMiddleware"
# Wagtail's walk down the tree: a query for the child with each slug on the path.
CHILD_LOOKUP = re.compile(
    r'"wagtailcore_page"\."depth" = \d+ AND "wagtailcore_page"\."path" BETWEEN'
)


@pytest.fixture
def article(demo_site):
    return make_article("walked", tags=["sciatica"])


def first_view(client, url):
    """A view with nothing kept from before: the response and its SQL."""
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [query["sql"] for query in queries.captured_queries]


def by_wagtail(url):
    """The same first view routed by Wagtail alone (a client of its own: a client keeps
    the middleware it started with)."""
    middleware = [name for name in settings.MIDDLEWARE if name != ROUTING_MIDDLEWARE]
    with override_settings(MIDDLEWARE=middleware):
        return first_view(Client(), url)


def shown(response):
    """What the reader gets, without what differs on every response (nonces, tokens)."""
    if response.status_code != 200:
        return response.status_code, response.get("Location")
    text = response.content.decode()
    return 200, re.sub(r'(nonce|value)="[^"]*"', "", text)


def addresses(article):
    routine, articles = article.routine.url, article.articles.url
    rss, _ = RoutineIndexPage.feed_paths()
    return [
        "/",
        "/about/",
        articles,
        articles + rss,
        articles + RoutineIndexPage.tag_path("sciatica"),
        routine,
        routine + "guide/",
        routine + "guide/1/",
        routine + "handout/",
        article.exercise.url,
        article.library.url,
        "/no-such-page/",
        routine + "no-such-view/",
        articles + "no-such-routine/",
    ]


def test_every_address_gives_what_wagtails_routing_gives(client, article):
    for url in addresses(article):
        ours, _ = first_view(client, url)
        wagtails, _ = by_wagtail(url)
        assert shown(ours) == shown(wagtails), url


def test_the_path_is_read_in_one_query_not_one_per_segment(client, article):
    url = article.routine.url
    response, sql = first_view(client, url)
    wagtail_response, wagtail_sql = by_wagtail(url)
    assert response.status_code == wagtail_response.status_code == 200
    assert len([s for s in wagtail_sql if CHILD_LOOKUP.search(s)]) == 2  # two segments
    assert not [s for s in sql if CHILD_LOOKUP.search(s)]
    # Nor Wagtail's two view-restriction queries: the path's query says there are none.
    assert len(sql) <= len(wagtail_sql) - 4, (len(sql), len(wagtail_sql))


@pytest.mark.parametrize("restricted", ["page", "parent", "home"])
def test_a_restriction_on_the_way_sends_the_reader_to_sign_in(client, article, restricted):
    page = {
        "page": article.routine,
        "parent": article.articles,
        "home": article.articles.get_parent(),
    }[restricted]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response, _ = first_view(client, article.routine.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_unpublished_page_is_not_found(client, article):
    article.routine.unpublish()
    response, _ = first_view(client, article.routine.url)
    assert response.status_code == 404


def test_a_live_page_below_a_draft_is_served_as_wagtail_serves_it(client, article):
    draft = make_standard_page("Draft section", "draft-section")
    child = make_standard_page("Below a draft", "below-a-draft", parent=draft)
    draft.unpublish()
    url = "/draft-section/below-a-draft/"
    assert child.live
    assert shown(first_view(client, url)[0]) == shown(by_wagtail(url)[0])
    assert first_view(client, "/draft-section/")[0].status_code == 404
