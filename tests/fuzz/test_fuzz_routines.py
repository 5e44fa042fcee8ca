"""The articles index, its topic pages and its feeds take any topic and page number."""

import pytest
from django.test import override_settings
from django.utils.text import slugify
from hypothesis import example
from hypothesis import strategies as st

from home.demo.sciatica_article import EXERCISES

from .strategies import page_numbers, query_params, quoted
from .support import fetch, fuzz

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

INDEX_URL = "/articles/"
TAGS = sorted({slugify(tag) for exercise in EXERCISES for tag in exercise["tags"]})

topics = st.one_of(
    st.sampled_from(TAGS),
    st.from_regex(r"[-a-zA-Z0-9_]{1,40}", fullmatch=True),
    st.text(max_size=20).map(quoted),
)
routes = st.one_of(
    st.sampled_from(["", "feed/", "feed/atom/", "tag/", "feed/rss/"]),
    st.builds("tag/{}/".format, topics),
    st.builds("tag/{}/feed/".format, topics),
)


# One routine a page, so the demo's article has a page 1 and an empty page 2.
@override_settings(EXERCISES_ROUTINES_PAGE_SIZE=1)
@example(route="tag/sciatica/", params={"page": "2"})
@example(route="", params={"page": "9" * 5000})
@fuzz(route=routes, params=query_params({"page": page_numbers}))
def test_articles_topics_and_feeds_take_any_topic_and_page(client, demo_content, route, params):
    response = fetch(client, "get", INDEX_URL + route, params)
    assert response.status_code in (200, 404)
    if route in ("", "feed/", "feed/atom/") or route.removeprefix("tag/").rstrip("/") in TAGS:
        assert response.status_code == 200
