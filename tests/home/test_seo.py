"""What search engines and link previews see: sitemap, robots.txt and each page's head."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Page

from exercises.tests.factories import make_articles, make_image, make_library, make_routine
from home.models import ClinicSettings
from tests.site_factories import default_site, make_article, make_standard_page

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("head")


def meta(page_head, **attrs):
    tag = page_head.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def test_sitemap_lists_every_live_page_and_no_draft(client, demo_site):
    drafts = make_articles(slug="drafts")
    make_routine(drafts, "Published", [], tags=["hip pain"])
    draft = make_routine(drafts, "Unfinished draft", [], tags=["unfinished topic"])
    draft.unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {
        url.findtext(f"{SITEMAP}loc")
        for url in ET.fromstring(response.content).iter(f"{SITEMAP}url")
    }
    live = Page.objects.live().public().filter(depth__gt=1).specific()
    expected = {page.get_full_url() for page in live}
    assert expected <= locations
    assert draft.get_full_url() not in locations
    # Topic pages of the articles index are listed too, for the topics of live routines.
    assert f"{drafts.get_full_url()}tag/hip-pain/" in locations
    assert f"{drafts.get_full_url()}tag/unfinished-topic/" not in locations


def test_robots_txt_points_to_the_sitemap(client, demo_site):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_routine_head_has_title_description_canonical_and_sharing_card(client, demo_site):
    routine = make_article(
        "seo",
        title="Three exercises for a stiff neck",
        intro="Gentle neck exercises you can do at your desk, with photos.",
        hero_image=make_image("Neck hero", size=(1280, 720)),
        hero_alt_text="A man turning his head slowly",
    ).routine
    page_head = head(client, routine.url)
    clinic_name = ClinicSettings.for_site(default_site()).clinic_name
    assert page_head.find("title").get_text() == f"Three exercises for a stiff neck | {clinic_name}"
    description = meta(page_head, name="description")
    assert description == "Gentle neck exercises you can do at your desk, with photos."
    canonical = page_head.find("link", rel="canonical")["href"]
    assert canonical == f"http://testserver{routine.url}"
    assert meta(page_head, property="og:url") == canonical
    assert meta(page_head, property="og:type") == "article"
    assert meta(page_head, property="og:title") == "Three exercises for a stiff neck"
    image = meta(page_head, property="og:image")
    assert image.startswith("http://testserver/") and ".fill-1200x630" in image
    assert meta(page_head, property="og:image:width") == "1200"
    assert meta(page_head, name="twitter:card") == "summary_large_image"
    assert meta(page_head, name="twitter:image") == image


def test_exercise_description_falls_back_to_its_summary(client, demo_site):
    exercise = make_article(
        "seo",
        exercises=[
            {
                "title": "Chin tuck",
                "summary": "A small nod that strengthens the front of the neck.",
                "photos": [make_image("Chin tuck", size=(160, 120))],
            }
        ],
    ).exercise
    page_head = head(client, exercise.url)
    assert meta(page_head, name="description") == (
        "A small nod that strengthens the front of the neck."
    )
    assert ".fill-1200x630" in meta(page_head, property="og:image")
    assert meta(page_head, property="og:image:alt") == "Chin tuck alt 1"


def test_paginated_pages_keep_their_page_number_in_the_canonical_url(client, demo_site):
    library = make_library(slug="seo-library")
    page_head = head(client, f"{library.url}?page=1&tag=neck-pain")
    assert page_head.find("link", rel="canonical")["href"] == f"http://testserver{library.url}"
    page_head = head(client, f"{library.url}?page=2")
    assert page_head.find("link", rel="canonical")["href"] == (
        f"http://testserver{library.url}?page=2"
    )


def test_pages_without_a_photo_share_the_clinics_default_image(client, demo_site):
    page = make_standard_page("Our team", "seo-team", intro="Four therapists and a front desk.")
    clinic = ClinicSettings.for_site(default_site())
    page_head = head(client, page.url)
    assert meta(page_head, name="description") == "Four therapists and a front desk."
    assert meta(page_head, name="twitter:card") == "summary_large_image"
    assert meta(page_head, property="og:image").startswith("http://")
    assert meta(page_head, property="og:image:alt") == clinic.share_image_alt_text != ""


def test_without_a_default_share_image_a_page_without_a_photo_gets_a_summary_card(
    client, demo_site
):
    clinic = ClinicSettings.for_site(default_site())
    clinic.share_image = None
    clinic.save()
    page = make_standard_page("Our rooms", "seo-rooms", intro="Two treatment rooms.")
    page_head = head(client, page.url)
    assert meta(page_head, name="twitter:card") == "summary"
    assert meta(page_head, property="og:image") is None


def test_a_default_share_image_needs_its_alt_text(demo_site):
    clinic = ClinicSettings.for_site(default_site())
    clinic.share_image_alt_text = " "
    with pytest.raises(ValidationError) as error:
        clinic.full_clean()
    assert "share_image_alt_text" in error.value.message_dict
