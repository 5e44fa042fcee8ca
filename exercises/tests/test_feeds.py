"""The RSS and Atom feeds, read by feedparser as feed readers read them."""

import datetime

import feedparser
import pytest
from bs4 import BeautifulSoup

from .factories import make_articles, make_library, make_routine

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(site):
    site.site_name = "Riverside Physical Therapy"
    site.save()
    index = make_articles(slug="articles")
    make_routine(
        index,
        "Knee routine",
        [],
        intro="Knees first & 5 < 6 > 4",
        last_reviewed=datetime.date(2025, 5, 27),
        originally_published=datetime.date(2024, 3, 1),
        author_name="Sam Rivera",
    )
    return index


@pytest.mark.parametrize("path", ["feed/", "feed/atom/"])
def test_both_feeds_are_well_formed_with_the_clinic_dates_and_escaped_text(client, articles, path):
    response = client.get(articles.url + path)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.title == "Riverside Physical Therapy: Routines"
    [entry] = parsed.entries
    assert entry.link == "http://testserver/articles/knee-routine/"
    assert entry.author == "Sam Rivera"
    assert entry.published_parsed[:3] == (2024, 3, 1)
    if path == "feed/atom/":
        assert entry.updated_parsed[:3] == (2025, 5, 27)
        assert parsed.feed.author == "Riverside Physical Therapy"
    # The summary is HTML in both formats: the text typed is escaped for it, so a
    # reader shows "<" and "&" as typed and can never meet a tag someone typed.
    assert entry.summary == "Knees first &amp; 5 &lt; 6 &gt; 4"
    assert b"5 &amp;lt; 6" in response.content


def test_every_page_links_to_both_feeds(client, articles):
    library = make_library(slug="exercises")
    for url in (library.url, articles.url, "/articles/knee-routine/"):
        page = BeautifulSoup(client.get(url).content, "html.parser")
        types = {link["type"]: link["href"] for link in page.find_all("link", rel="alternate")}
        assert types == {
            "application/rss+xml": "/articles/feed/",
            "application/atom+xml": "/articles/feed/atom/",
        }, url
