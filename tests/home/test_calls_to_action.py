"""Calls to action: a reusable snippet placed in a routine's body and on the home page."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from exercises.models import CallToAction
from exercises.tests.factories import make_articles, make_routine

pytestmark = pytest.mark.django_db

ROUTINE_URL = "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/"


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_demo_routine_shows_the_book_call_to_action(client, demo_site):
    page = soup(client.get(ROUTINE_URL))
    cta = page.find("aside", class_="call-to-action")
    assert cta.find(class_="promotion__heading").get_text() == "Revision Sciatica"
    assert cta.find("img")["alt"] == "Revision Sciatica Book"
    assert cta.find("a", class_="button")["href"] == "/contact/"


def test_home_page_shows_the_webinar_and_every_page_the_announcement(client, demo_site):
    home = soup(client.get("/"))
    cta = home.find("main").find("aside", class_="call-to-action")
    assert "Free webinar" in cta.get_text()
    assert cta.find("a", class_="button")["href"] == "/webinar/"
    for url in ("/", "/about/", ROUTINE_URL, "/exercises/", "/search/"):
        announcement = soup(client.get(url)).find("aside", class_="announcement")
        link = announcement.find("a")
        assert link.get_text().startswith("Click here for a free recording of my webinar")
        assert link["href"] == "/webinar/"


def test_editing_the_snippet_changes_every_place_it_is_shown(client, demo_site):
    webinar = CallToAction.objects.get(heading__startswith="Free webinar")
    articles = make_articles(slug="more")
    routine = make_routine(
        articles,
        "With webinar",
        [("paragraph", "<p>Text.</p>"), ("call_to_action", webinar)],
    )
    webinar.heading = "Live webinar on Thursday"
    webinar.link_page = None
    webinar.link_url = "https://example.com/webinar"
    webinar.save()
    for url in (routine.url, "/"):
        cta = soup(client.get(url)).find("main").find("aside", class_="call-to-action")
        assert cta.find(class_="promotion__heading").get_text() == "Live webinar on Thursday"
        assert cta.find("a", class_="button")["href"] == "https://example.com/webinar"


def test_a_deleted_call_to_action_disappears_from_the_routine(client, demo_site):
    CallToAction.objects.filter(heading="Revision Sciatica").delete()
    page = soup(client.get(ROUTINE_URL))
    assert not page.find("aside", class_="call-to-action")


def test_the_button_needs_somewhere_to_go():
    with pytest.raises(ValidationError) as error:
        CallToAction(heading="Book", button_label="Buy").full_clean()
    assert "link_url" in error.value.message_dict
