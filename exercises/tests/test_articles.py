"""Routines as articles: the index, tag pages, feeds and related articles."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from exercises.models import RoutineIndexPage

from .factories import make_articles, make_image, make_routine
from .queries import count_queries

ATOM = "{http://www.w3.org/2005/Atom}"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def card_titles(page):
    return [h.get_text(strip=True) for h in page.select("main .card__title")]


def routine(index, title, day, tags=(), **fields):
    return make_routine(
        index,
        title,
        [("paragraph", f"<p>{title} text.</p>")],
        tags=tags,
        last_reviewed=datetime.date(2025, 1, day),
        intro=f"About {title}.",
        **fields,
    )


def small_image(title):
    return make_image(title, size=(48, 36))


@pytest.fixture(scope="module")
def articles_pk(module_db):
    with module_db.unblock():
        return make_articles(slug="articles").pk


@pytest.fixture
def articles(db, articles_pk):
    return RoutineIndexPage.objects.get(pk=articles_pk)


def test_index_lists_newest_first_with_photo_summary_and_date_paginated(client, articles, settings):
    settings.EXERCISES_ROUTINES_PAGE_SIZE = 2
    photo = small_image("Hero")
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


def test_an_empty_index_says_nothing_is_published_yet(client, articles):
    page = soup(client.get(articles.url))
    assert "No articles have been published here yet." in page.get_text()


def test_tag_pages_have_clean_urls_and_list_only_that_topic(client, articles):
    routine(articles, "Stenosis routine", 2, tags=["sciatica", "spinal stenosis"])
    routine(articles, "Knee routine", 3, tags=["knee"])
    page = soup(client.get("/articles/tag/sciatica/"))
    assert page.find("h1").get_text() == "Articles about sciatica"
    assert page.find("title").get_text() == "Articles about sciatica"
    assert page.find(class_="routine__kicker").find("a")["href"] == "/articles/"
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
    assert channel.findtext("description") == "The newest articles from Routines."
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Newer", "Older"]
    assert items[0].findtext("link") == "http://testserver/articles/newer/"
    assert items[0].findtext("description") == "About Newer."
    assert [c.text for c in items[1].findall("category")] == ["hip"]
    # The index page points feed readers to it, in its head and in its text.
    page = soup(client.get(articles.url))
    assert page.find("link", rel="alternate", type="application/rss+xml")["href"] == (
        "/articles/feed/"
    )
    assert page.find("a", string="Follow new articles by RSS")["href"] == "/articles/feed/"


def test_atom_feed_is_valid_xml(client, articles):
    articles.intro = "<p>Exercises our <b>therapists</b> recommend.</p>"
    articles.save_revision().publish()
    routine(articles, "Only", 1, byline="Dr. Ana")
    response = client.get("/articles/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}subtitle") == "Exercises our therapists recommend."
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Only"
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Dr. Ana"


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
    published = routine(articles, "Published", 1, tags=["hip"])
    draft = routine(articles, "Draft", 2, tags=["hip"])
    draft.unpublish()
    assert card_titles(soup(client.get(articles.url))) == ["Published"]
    assert card_titles(soup(client.get("/articles/tag/hip/"))) == ["Published"]
    assert b"Draft" not in client.get("/articles/feed/").content
    assert not soup(client.get(published.url)).find("section", class_="related")


def test_private_routines_are_left_out_of_related_and_listed_articles(client, articles):
    current = routine(articles, "Current", 1, tags=["hip"])
    private = routine(articles, "Members only", 9, tags=["hip"])
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    page = soup(client.get(current.url))
    assert not page.find("section", class_="related")
    assert card_titles(soup(client.get(articles.url))) == ["Current"]
    assert card_titles(soup(client.get("/articles/tag/hip/"))) == ["Current"]
    assert b"Members only" not in client.get("/articles/feed/").content


def test_sitemap_lists_the_index_and_a_page_per_topic_of_its_live_routines(articles):
    routine(articles, "Stenosis routine", 2, tags=["sciatica", "spinal stenosis"])
    draft = routine(articles, "Draft", 3, tags=["knee"])
    draft.unpublish()
    request = RequestFactory().get("/")
    locations = [entry["location"] for entry in articles.get_sitemap_urls(request)]
    assert locations == [
        "http://testserver/articles/",
        "http://testserver/articles/tag/sciatica/",
        "http://testserver/articles/tag/spinal-stenosis/",
    ]


def test_index_query_count_does_not_grow_with_the_number_of_articles(client, articles, settings):
    settings.EXERCISES_ROUTINES_PAGE_SIZE = 50
    photo = small_image("Hero")
    for day in range(1, 4):
        routine(articles, f"A{day}", day, hero_image=photo, hero_alt_text="x", tags=["hip"])
    client.get(articles.url)  # renditions are made on the first view
    few = count_queries(client, articles.url, warm=True)
    few_tagged = count_queries(client, "/articles/tag/hip/", warm=True)
    for day in range(4, 13):
        routine(
            articles,
            f"A{day}",
            day,
            hero_image=small_image(f"H{day}"),
            hero_alt_text="x",
            tags=["hip"],
        )
    client.get(articles.url)
    many = count_queries(client, articles.url, warm=True)
    assert len(soup(client.get(articles.url)).select("main .card")) == 12
    assert (few, count_queries(client, "/articles/tag/hip/", warm=True)) == (many, few_tagged)
