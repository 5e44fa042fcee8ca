"""The booking button says what it does, and is not offered where it would mislead."""

import pytest
from bs4 import BeautifulSoup

from tests.application_factories import WARNING_SIGNS, build_application_site, post_data
from tests.site_factories import make_standard_page, set_clinic_settings

pytestmark = pytest.mark.django_db

BOOKING_URL = "https://booking.example.com/clinic"


@pytest.fixture
def application(db):
    return build_application_site()


def booking_buttons(response):
    """(label, href) of every booking button: in the header's menu and the footer."""
    page = BeautifulSoup(response.content, "html.parser")
    return [
        (a.get_text(strip=True), a["href"])
        for a in page.select(".site-menu__panel a.button, .site-footer__cta a.button")
    ]


def test_without_a_booking_link_the_button_requests_an_appointment(client, application):
    page = make_standard_page("Our team", "team")
    buttons = booking_buttons(client.get(page.url))
    assert buttons == [("Request an appointment", application.url)] * 2


def test_with_a_booking_link_the_button_books_online_with_the_clinics_words(client, application):
    set_clinic_settings(booking_url=BOOKING_URL, booking_label="Book online")
    page = make_standard_page("Our team", "team")
    assert booking_buttons(client.get(page.url)) == [("Book online", BOOKING_URL)] * 2


def test_the_application_page_does_not_offer_itself(client, application):
    assert booking_buttons(client.get(application.url)) == []


def test_no_button_without_a_booking_link_or_a_live_application(client, application):
    application.unpublish()
    page = make_standard_page("Our team", "team")
    assert booking_buttons(client.get(page.url)) == []


def test_the_urgent_care_answer_offers_no_appointment(client, application):
    set_clinic_settings(booking_url=BOOKING_URL, booking_label="Book online")
    sent = client.post(application.url, post_data(application, **{WARNING_SIGNS: ["Fever"]}))
    urgent = client.get(sent["Location"])
    assert "Get urgent medical care now" in urgent.content.decode()
    assert booking_buttons(urgent) == []


def test_the_ordinary_thank_you_page_keeps_the_online_booking_link(client, application):
    set_clinic_settings(booking_url=BOOKING_URL, booking_label="Book online")
    sent = client.post(application.url, post_data(application))
    thank_you = client.get(sent["Location"])
    assert "Application sent" in thank_you.content.decode()
    assert booking_buttons(thank_you) == [("Book online", BOOKING_URL)] * 2
