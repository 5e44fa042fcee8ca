import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from exercises.models import RoutinePage
from exercises.tests.factories import make_image
from home.models import HomePage, HomePageFeaturedPage, StandardPage
from tests.site_factories import (
    TEST_CLINIC,
    home_page,
    make_standard_page,
    republish,
    set_clinic_settings,
    update_home_page,
)

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_home_page_shows_clinic_details_in_footer(client, demo_site):
    set_clinic_settings(**TEST_CLINIC)
    response = client.get("/")
    assert response.status_code == 200
    footer = soup(response).find("footer")
    text = footer.get_text(" ", strip=True)
    assert TEST_CLINIC["clinic_name"] in text
    assert TEST_CLINIC["phone"] in text
    assert [line.strip() for line in footer.find("address").stripped_strings] == [
        "12 Quay Street",
        "Suite 3",
        "Miami, FL 33101",
    ]
    assert "Tue–Thu: 8:30 am – 5 pm" in text and "Sunday: closed" in text
    assert footer.find("a", href="tel:+13055550188")
    assert footer.find("a", href=f"mailto:{TEST_CLINIC['email']}")


def test_home_page_has_landmarks_skip_link_and_language(client, demo_site):
    page = soup(client.get("/"))
    assert page.html["lang"] == "en"
    skip = page.find("a", class_="skip-link")
    assert skip["href"] == "#main"
    assert page.find("main", id="main")
    assert page.find("header") and page.find("footer") and page.find("nav")
    assert len(page.find_all("h1")) == 1


def test_announcement_shows_only_when_set(client, clinic_settings):
    page = make_standard_page("Opening times", "home-opening-times")
    clinic_settings.announcement_text = "Free webinar on hip vs. lower back pain"
    clinic_settings.announcement_page = None  # a page, when set, wins over the URL
    clinic_settings.announcement_url = "https://example.com/webinar"
    clinic_settings.save()
    banner = soup(client.get(page.url)).find("aside", class_="announcement")
    assert banner is not None
    assert banner.find("a", href="https://example.com/webinar").get_text() == (
        "Free webinar on hip vs. lower back pain"
    )

    clinic_settings.announcement_text = ""
    clinic_settings.save()
    assert soup(client.get(page.url)).find("aside", class_="announcement") is None


def test_navigation_lists_menu_pages_and_marks_the_current_one(client, demo_site):
    team = make_standard_page("Our team", "home-our-team", show_in_menus=True)
    make_standard_page("Our prices", "home-our-prices", show_in_menus=True)
    make_standard_page("Cookie notice", "home-cookie-notice")
    nav = soup(client.get(team.url)).find("nav", attrs={"aria-label": "Main"})
    links = {a.get_text(strip=True): a for a in nav.find_all("a")}
    assert "Our team" in links and "Our prices" in links
    assert "Cookie notice" not in links  # not marked "show in menus"
    assert links["Our team"]["aria-current"] == "page"
    assert not links["Our prices"].has_attr("aria-current")


def test_a_private_page_is_left_out_of_the_menu(client, demo_site):
    make_standard_page("Our team", "home-our-team", show_in_menus=True)
    rota = make_standard_page("Staff rota", "home-staff-rota", show_in_menus=True)
    PageViewRestriction.objects.create(page=rota, restriction_type=PageViewRestriction.LOGIN)
    nav = soup(client.get("/")).find("nav", attrs={"aria-label": "Main"})
    names = [a.get_text(strip=True) for a in nav.find_all("a")]
    assert "Our team" in names
    assert "Staff rota" not in names


def test_hero_image_is_a_responsive_picture_with_alt_text(client, demo_site):
    hero = make_image("Hero", size=(320, 240))
    hero.description = "A therapist stretching a patient's hamstring"
    hero.save()
    update_home_page(hero_image=hero)
    picture = soup(client.get("/")).find("section", class_="hero").find("picture")
    types = {source["type"] for source in picture.find_all("source")}
    assert types == {"image/avif", "image/webp"}
    img = picture.find("img")
    assert img["alt"] == "A therapist stretching a patient's hamstring"
    assert img["width"] and img["height"]


def test_standard_page_renders_its_body(client, demo_site):
    page = make_standard_page(
        "Parking",
        "home-parking",
        intro="Where to leave your car.",
        body=[
            ("heading", {"text": "On the street", "level": "h2"}),
            ("paragraph", "<p>Free parking behind the building after 5 pm.</p>"),
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = soup(response)
    assert html.find("h1").get_text() == "Parking"
    assert html.find("h2", string="On the street")
    assert "Free parking behind the building after 5 pm." in html.find("main").get_text()


def test_unknown_page_is_a_friendly_404(client, demo_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "can't find that page" in response.content.decode()


class TestPageTypes(WagtailPageTestCase):
    def test_page_type_rules(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, HomePage)


def featured_with_queries(home):
    with CaptureQueriesContext(connection) as captured:
        featured = home.featured()
    return featured, len(captured)


def test_featured_pages_show_in_the_editors_order_without_drafts_or_private_ones(client, demo_site):
    home = home_page()
    shown = [make_standard_page(f"Featured {n}", f"featured-{n}", intro=f"Why {n}.") for n in "ab"]
    draft = make_standard_page("Not yet", "not-yet")
    draft.unpublish()
    private = make_standard_page("Staff only", "staff-only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    home.featured_pages.clear()
    for page in (shown[1], draft, private, shown[0]):
        home.featured_pages.add(HomePageFeaturedPage(page=page, blurb=f"Go to {page.title}."))
    republish(home)

    cards = soup(client.get("/")).find("section", attrs={"aria-labelledby": "featured-heading"})
    links = cards.select(".card__title a")
    assert [link.get_text() for link in links] == ["Featured b", "Featured a"]
    assert links[0]["href"] == shown[1].url
    assert "Go to Featured b." in cards.get_text()

    # Twice as many featured pages, of two kinds, in as few queries.
    two, two_queries = featured_with_queries(home_page())
    home = home_page()
    for page in (make_standard_page("Featured c", "featured-c"), RoutinePage.objects.first()):
        home.featured_pages.add(HomePageFeaturedPage(page=page))
    republish(home)
    four, four_queries = featured_with_queries(home_page())
    assert (len(two), len(four)) == (2, 4)
    assert four_queries == two_queries <= 3
