"""The clinic's "Latest articles": in every page's footer and on the home page."""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from exercises.tests.factories import make_articles, make_routine

pytestmark = pytest.mark.django_db

DEMO_ROUTINE = "5 Exercises for Sciatica from Lumbar Spinal Stenosis"  # updated 2025-05-27


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def routine(index, title, date, **fields):
    return make_routine(
        index, title, [("paragraph", f"<p>{title} text.</p>")], last_reviewed=date, **fields
    )


def footer_titles(page):
    footer = page.find("section", class_="site-footer__articles")
    return [a.get_text() for a in footer.find_all("a")]


def test_footer_and_home_page_show_the_newest_three(client, demo_site):
    index = make_articles(slug="more-articles")
    for day in range(1, 5):
        routine(index, f"Article {day}", datetime.date(2025, 1, day))
    page = soup(client.get("/"))
    newest = [DEMO_ROUTINE, "Article 4", "Article 3"]
    assert footer_titles(page) == newest
    latest = page.find(id="latest-articles-heading").find_parent("section")
    assert [h.get_text(strip=True) for h in latest.select(".card__title")] == newest
    # Every page has the footer list.
    assert footer_titles(soup(client.get("/about/"))) == newest


def test_drafts_and_private_routines_are_left_out_of_the_latest_articles(client, demo_site):
    index = make_articles(slug="more-articles")
    current = routine(index, "Current", datetime.date(2025, 6, 1))
    private = routine(index, "Members only", datetime.date(2025, 6, 9))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    routine(index, "Draft", datetime.date(2025, 6, 10)).unpublish()
    page = soup(client.get(current.url))
    assert footer_titles(page)[:2] == ["Current", DEMO_ROUTINE]
    assert "Members only" not in footer_titles(soup(client.get("/")))
