import pytest
from bs4 import BeautifulSoup
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_home_page_shows_clinic_details_in_footer(client, clinic_settings):
    response = client.get("/")
    assert response.status_code == 200
    footer = soup(response).find("footer")
    text = footer.get_text(" ", strip=True)
    assert clinic_settings.clinic_name in text
    assert clinic_settings.phone in text
    assert "Jacksonville, FL 32204" in text
    assert "Monday–Friday" in text
    assert footer.find("a", href="tel:9045550142")


def test_home_page_has_landmarks_skip_link_and_language(client, demo_site):
    page = soup(client.get("/"))
    assert page.html["lang"] == "en"
    skip = page.find("a", class_="skip-link")
    assert skip["href"] == "#main"
    assert page.find("main", id="main")
    assert page.find("header") and page.find("footer") and page.find("nav")
    assert len(page.find_all("h1")) == 1


def test_announcement_shows_only_when_set(client, clinic_settings):
    clinic_settings.announcement_text = "Free webinar on hip vs. lower back pain"
    clinic_settings.announcement_page = None  # the demo links the webinar page
    clinic_settings.announcement_url = "https://example.com/webinar"
    clinic_settings.save()
    banner = soup(client.get("/about/")).find("aside", class_="announcement")
    assert banner is not None
    assert banner.find("a", href="https://example.com/webinar").get_text() == (
        "Free webinar on hip vs. lower back pain"
    )

    clinic_settings.announcement_text = ""
    clinic_settings.save()
    assert soup(client.get("/about/")).find("aside", class_="announcement") is None


def test_navigation_lists_menu_pages_and_marks_the_current_one(client, demo_site):
    nav = soup(client.get("/about/")).find("nav", attrs={"aria-label": "Main"})
    links = {a.get_text(strip=True): a for a in nav.find_all("a")}
    assert "About the clinic" in links and "Contact" in links
    assert "Privacy notice" not in links  # not marked "show in menus"
    assert links["About the clinic"]["aria-current"] == "page"


def test_hero_image_is_a_responsive_picture_with_alt_text(client, demo_site):
    picture = soup(client.get("/")).find("section", class_="hero").find("picture")
    types = {source["type"] for source in picture.find_all("source")}
    assert types == {"image/avif", "image/webp"}
    img = picture.find("img")
    assert img["alt"].startswith("A physical therapist")
    assert img["width"] and img["height"]


def test_standard_page_renders_its_body(client, demo_site):
    response = client.get("/privacy/")
    assert response.status_code == 200
    assert "Only the clinic's intake staff can read applications" in response.content.decode()


def test_unknown_page_is_a_friendly_404(client, demo_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "can't find that page" in response.content.decode()


class TestPageTypes(WagtailPageTestCase):
    def test_page_type_rules(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, HomePage)
