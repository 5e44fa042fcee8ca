"""
The clinic's home-exercise handouts: the plugin's handout with the clinic's name, phone
number and address from the Clinic settings (templates/exercises/includes/
handout_contact.html), served from the page cache like any page and renewed when
anything it shows is published.
"""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches

from exercises.tests.factories import republish
from tests.site_factories import TEST_CLINIC, make_article, set_clinic_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(demo_site):
    set_clinic_settings(**TEST_CLINIC)
    return make_article(
        "handout",
        exercises=[
            {"title": "Chair squat", "steps": ("Stand up slowly.",), "reps_min": 10},
            {"title": "Heel raise", "steps": ("Rise onto your toes.",), "sets_min": 2},
        ],
    )


def handout(client, page):
    response = client.get(page.url + "handout/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_handout_names_the_clinic_with_its_phone_and_address(client, article):
    for page in (article.routine, article.exercise):
        contact = handout(client, page).find(class_="handout-contact")
        text = contact.get_text(" ", strip=True)
        assert TEST_CLINIC["clinic_name"] in text
        assert TEST_CLINIC["phone"] in text
        phone = contact.find("a", href=True)
        assert phone["href"] == "tel:+13055550188"
        assert [line.get_text() for line in contact.select(".handout-contact__line")] == [
            "12 Quay Street",
            "Suite 3",
            "Miami, FL 33101",
        ]


def test_the_handout_has_none_of_the_site_around_it(client, article):
    page = handout(client, article.routine)
    assert not page.select(".site-header, .site-footer, .announcement, nav")
    assert [h.get_text(" ", strip=True) for h in page.select(".handout-exercise h2")] == [
        "1. Chair squat",
        "2. Heel raise",
    ]


def test_a_changed_phone_number_shows_on_the_next_handout(client, article):
    handout(client, article.routine)
    set_clinic_settings(phone="(305) 555-0199")
    assert "(305) 555-0199" in handout(client, article.routine).get_text()


@pytest.fixture
def page_cache(settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_VERSIONS_DIR = str(tmp_path / "versions")
    caches["pages"].clear()


def test_the_handout_is_served_from_the_page_cache_and_renewed_on_publish(
    client, article, page_cache
):
    url = article.routine.url + "handout/"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    exercise = article.exercise
    exercise.steps = [("step", {"text": "<p>Stand up slowly, arms crossed.</p>"})]
    republish(exercise)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Stand up slowly, arms crossed." in response.content.decode()


def test_a_way_back_link_is_stored_only_under_its_own_address(client, article, page_cache):
    exercise_url = article.exercise.url
    back = client.get(f"{exercise_url}?from={article.routine.pk}")
    assert "Back to exercise 1 in" in back.content.decode()
    # The page cache keys on the whole address: the plain page never gets the link.
    plain = client.get(exercise_url)
    assert plain["X-Page-Cache"] == "miss"
    assert "Back to exercise" not in plain.content.decode()
    assert client.get(exercise_url)["X-Page-Cache"] == "hit"
