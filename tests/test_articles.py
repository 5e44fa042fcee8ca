"""Latest articles: the index, tag pages, feeds, related articles and the footer."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .exercise_factories import make_articles, make_image, make_routine

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def card_titles(page):
    return [h.get_text(strip=True) for h in page.select("main .card__title")]


def routine(index, title, day, tags=(), **fields):
    page = make_routine(
        index,
        title,
        [("paragraph", f"<p>{title} text.</p>")],
        last_reviewed=datetime.date(2025, 1, day),
        intro=f"About {title}.",
        **fields,
    )
    if tags:
        page.tags.add(*tags)
        page.save_revision().publish()
    return page


@pytest.fixture
def articles(db):
    return make_articles(slug="articles")


def test_index_lists_newest_first_with_photo_summary_and_date_paginated(client, articles, settings):
    settings.EXERCISES_ROUTINES_PAGE_SIZE = 2
    photo = make_image("Hero")
    for day, title in [(3, "Middle"), (9, "Newest"), (1, "Oldest")]:
        routine(articles, title, day, hero_image=photo, hero_alt_text="A hero")
    first = soup(client.get(articles.url))
    assert card_titles(first) == ["Newest", "Middle"]
    card = first.select("main .card")[0]
    assert card.find("img") and card.find("time")["datetime"] == "2025-01-09"
    assert "About Newest." in card.get_text()
    assert first.find("nav", class_="pagination").find("a", rel="next")
    assert card_titles(soup(client.get(articles.url + "?page=2"))) == ["Oldest"]
    # A page number past the end shows the last page rather than an error.
    assert card_titles(soup(client.get(articles.url + "?page=9"))) == ["Oldest"]


def test_tag_pages_have_clean_urls_and_list_only_that_topic(client, articles):
    routine(articles, "Stenosis routine", 2, tags=["sciatica", "spinal stenosis"])
    routine(articles, "Knee routine", 3, tags=["knee"])
    page = soup(client.get("/articles/tag/sciatica/"))
    assert page.find("h1").get_text() == "Articles about sciatica"
    assert card_titles(page) == ["Stenosis routine"]
    assert card_titles(soup(client.get("/articles/tag/spinal-stenosis/"))) == ["Stenosis routine"]
    assert client.get("/articles/tag/no-such-topic/").status_code == 404
    # The routine links to its topics' pages.
    stenosis = soup(client.get("/articles/stenosis-routine/"))
    links = {a.get_text(): a["href"] for a in stenosis.select(".tag-list a")}
    assert links == {
        "sciatica": "/articles/tag/sciatica/",
        "spinal stenosis": "/articles/tag/spinal-stenosis/",
    }


def test_rss_feed_is_xml_with_the_newest_articles(client, articles):
    routine(articles, "Older", 1, tags=["hip"])
    routine(articles, "Newer", 5, byline="Dr. Ana")
    response = client.get("/articles/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "Routines"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Newer", "Older"]
    assert items[0].findtext("link") == "http://testserver/articles/newer/"
    assert items[0].findtext("description") == "About Newer."
    assert [c.text for c in items[1].findall("category")] == ["hip"]
    # The index page points feed readers to it.
    page = soup(client.get(articles.url))
    assert page.find("link", rel="alternate", type="application/rss+xml")["href"] == (
        "/articles/feed/"
    )


def test_atom_feed_is_valid_xml(client, articles):
    routine(articles, "Only", 1)
    response = client.get("/articles/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == ["Only"]


def test_each_routine_ends_with_up_to_three_related_articles_shared_tags_first(client, articles):
    current = routine(articles, "Current", 1, tags=["sciatica", "stenosis"])
    routine(articles, "Both tags", 2, tags=["sciatica", "stenosis"])
    routine(articles, "One tag", 3, tags=["stenosis"])
    routine(articles, "No tags, newest", 9)
    routine(articles, "No tags, older", 4)
    related = soup(client.get(current.url)).find("section", class_="related")
    assert [h.get_text(strip=True) for h in related.select(".card__title")] == [
        "Both tags",
        "One tag",
        "No tags, newest",
    ]


def test_draft_routines_are_nowhere(client, articles):
    routine(articles, "Published", 1, tags=["hip"])
    draft = routine(articles, "Draft", 2, tags=["hip"])
    draft.unpublish()
    assert card_titles(soup(client.get(articles.url))) == ["Published"]
    assert card_titles(soup(client.get("/articles/tag/hip/"))) == ["Published"]
    assert b"Draft" not in client.get("/articles/feed/").content


def test_footer_and_home_page_show_the_newest_three(client, demo_site):
    index = make_articles(slug="more-articles")
    for day in range(1, 5):
        routine(index, f"Article {day}", day)
    page = soup(client.get("/"))
    footer = page.find("section", class_="site-footer__articles")
    newest = [
        "5 Exercises for Sciatica from Lumbar Spinal Stenosis",  # updated 2025-05-27
        "Article 4",
        "Article 3",
    ]
    assert [a.get_text() for a in footer.find_all("a")] == newest
    latest = page.find(id="latest-articles-heading").find_parent("section")
    assert [h.get_text(strip=True) for h in latest.select(".card__title")] == newest
    # Every page has the footer list.
    assert soup(client.get("/about/")).find("section", class_="site-footer__articles")


def count_queries(client, url):
    # Measure a warm view: the view before it rebuilt whatever publishing had cleared
    # (site root paths, renditions), so only the page's own queries are counted.
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_index_query_count_does_not_grow_with_the_number_of_articles(client, articles, settings):
    settings.EXERCISES_ROUTINES_PAGE_SIZE = 50
    photo = make_image("Hero")
    for day in range(1, 4):
        routine(articles, f"A{day}", day, hero_image=photo, hero_alt_text="x", tags=["hip"])
    client.get(articles.url)  # renditions are made on the first view
    few = count_queries(client, articles.url)
    few_tagged = count_queries(client, "/articles/tag/hip/")
    for day in range(4, 31):
        routine(
            articles,
            f"A{day}",
            day % 28 + 1,
            hero_image=make_image(f"H{day}"),
            hero_alt_text="x",
            tags=["hip"],
        )
    client.get(articles.url)
    many = count_queries(client, articles.url)
    assert len(soup(client.get(articles.url)).select("main .card")) == 30
    assert (few, count_queries(client, "/articles/tag/hip/")) == (many, few_tagged)


def test_private_routines_are_left_out_of_related_and_latest_lists(client, articles):
    from wagtail.models import PageViewRestriction

    current = routine(articles, "Current", 1, tags=["hip"])
    private = routine(articles, "Members only", 9, tags=["hip"])
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    page = soup(client.get(current.url))
    assert not page.find("section", class_="related")
    footer = page.find("section", class_="site-footer__articles")
    assert [a.get_text() for a in footer.find_all("a")] == ["Current"]
