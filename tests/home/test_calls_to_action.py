"""Calls to action: a reusable snippet placed in a routine's body and on the home page."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from exercises.models import CallToAction
from exercises.tests.factories import make_articles, make_image, make_routine
from tests.site_factories import (
    make_article,
    make_call_to_action,
    make_standard_page,
    set_clinic_settings,
    update_home_page,
)

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def routine_showing(call_to_action, slug="cta-routines"):
    return make_routine(
        make_articles(slug=slug),
        "With a call to action",
        [("paragraph", "<p>Text.</p>"), ("call_to_action", call_to_action)],
    )


def test_a_routine_shows_the_call_to_action_placed_in_it(client, demo_site):
    shop = make_standard_page("Our shop", "cta-shop")
    book = make_call_to_action(
        "Stronger Knees",
        text="<p>The book, with 30 exercises.</p>",
        image=make_image("Book cover", size=(120, 160)),
        image_alt_text="The cover of Stronger Knees",
        button_label="Ask us about the book",
        link_page=shop,
    )
    page = soup(client.get(routine_showing(book).url))
    cta = page.find("aside", class_="call-to-action")
    assert cta.find(class_="promotion__heading").get_text() == "Stronger Knees"
    assert cta.find("img")["alt"] == "The cover of Stronger Knees"
    assert cta.find("a", class_="button")["href"] == shop.url


def test_home_page_shows_its_call_to_action_and_every_page_the_announcement(client, demo_site):
    offer = make_standard_page("Free class", "cta-free-class")
    update_home_page(
        call_to_action=make_call_to_action(
            "Free class on Saturday", button_label="Book a place", link_page=offer
        )
    )
    set_clinic_settings(
        announcement_text="Join our free class on Saturday!",
        announcement_page=offer,
        announcement_url="",
    )
    home = soup(client.get("/"))
    cta = home.find("main").find("aside", class_="call-to-action")
    assert "Free class on Saturday" in cta.get_text()
    assert cta.find("a", class_="button")["href"] == offer.url
    article = make_article("cta-announcement")
    for url in ("/", offer.url, article.routine.url, article.library.url, "/search/"):
        announcement = soup(client.get(url)).find("aside", class_="announcement")
        link = announcement.find("a")
        assert link.get_text() == "Join our free class on Saturday!", url
        assert link["href"] == offer.url, url


def test_editing_the_snippet_changes_every_place_it_is_shown(client, demo_site):
    offer = make_call_to_action("Free webinar", link_page=make_standard_page("Webinar", "cta-web"))
    update_home_page(call_to_action=offer)
    routine = routine_showing(offer)
    offer.heading = "Live webinar on Thursday"
    offer.link_page = None
    offer.link_url = "https://example.com/webinar"
    offer.save()
    for url in (routine.url, "/"):
        cta = soup(client.get(url)).find("main").find("aside", class_="call-to-action")
        assert cta.find(class_="promotion__heading").get_text() == "Live webinar on Thursday"
        assert cta.find("a", class_="button")["href"] == "https://example.com/webinar"


def test_a_deleted_call_to_action_disappears_from_the_routine(client, demo_site):
    book = make_call_to_action("Our book")
    routine = routine_showing(book)
    assert soup(client.get(routine.url)).find("aside", class_="call-to-action")
    CallToAction.objects.filter(pk=book.pk).delete()
    page = soup(client.get(routine.url))
    assert not page.find("aside", class_="call-to-action")


def test_the_button_needs_somewhere_to_go():
    with pytest.raises(ValidationError) as error:
        CallToAction(heading="Book", button_label="Buy").full_clean()
    assert "link_url" in error.value.message_dict
