"""The clinic's "Latest articles": in every page's footer and on the home page."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db.models import Max
from wagtail.models import PageViewRestriction

from exercises.models import RoutinePage
from exercises.tests.factories import make_articles, make_routine
from tests.site_factories import make_standard_page

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def routine(index, title, date, **fields):
    return make_routine(
        index, title, [("paragraph", f"<p>{title} text.</p>")], last_reviewed=date, **fields
    )


def review_dates():
    """Review dates after that of every routine already on the site: day 1, day 2..."""
    newest = RoutinePage.objects.aggregate(newest=Max("last_reviewed"))["newest"]
    newest = newest or datetime.date(2025, 1, 1)
    return lambda day: newest + datetime.timedelta(days=day)


def footer_titles(page):
    footer = page.find("section", class_="site-footer__articles")
    return [a.get_text() for a in footer.find_all("a")]


def test_footer_and_home_page_show_the_newest_three(client, demo_site):
    index = make_articles(slug="more-articles")
    day = review_dates()
    for n in range(1, 5):
        routine(index, f"Article {n}", day(n))
    page = soup(client.get("/"))
    newest = ["Article 4", "Article 3", "Article 2"]
    assert footer_titles(page) == newest
    latest = page.find(id="latest-articles-heading").find_parent("section")
    assert [h.get_text(strip=True) for h in latest.select(".card__title")] == newest
    # Every page has the footer list.
    assert footer_titles(soup(client.get(make_standard_page("Team", "latest-team").url))) == newest


def test_drafts_and_private_routines_are_left_out_of_the_latest_articles(client, demo_site):
    index = make_articles(slug="more-articles")
    day = review_dates()
    routine(index, "Older", day(1))
    current = routine(index, "Current", day(2))
    private = routine(index, "Members only", day(3))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    routine(index, "Draft", day(4)).unpublish()
    page = soup(client.get(current.url))
    assert footer_titles(page)[:2] == ["Current", "Older"]
    assert "Members only" not in footer_titles(soup(client.get("/")))
