"""What search engines and link previews see: sitemap, robots.txt and each page's head."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from exercises.tests.factories import make_articles, make_routine

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ROUTINE_URL = "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/"


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("head")


def meta(page_head, **attrs):
    tag = page_head.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def test_sitemap_lists_every_live_page_and_no_draft(client, demo_site):
    draft = make_routine(make_articles(slug="drafts"), "Unfinished draft", [])
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
    # Topic pages of the articles index are listed too.
    assert "http://localhost/articles/tag/sciatica/" in locations


def test_robots_txt_points_to_the_sitemap(client, demo_site):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_routine_head_has_title_description_canonical_and_sharing_card(client, demo_site):
    page_head = head(client, ROUTINE_URL)
    assert (
        page_head.find("title")
        .get_text()
        .startswith("5 Exercises for Sciatica from Lumbar Spinal Stenosis |")
    )
    description = meta(page_head, name="description")
    assert description.startswith("Five flexion-based exercises")
    canonical = page_head.find("link", rel="canonical")["href"]
    assert canonical == f"http://testserver{ROUTINE_URL}"
    assert meta(page_head, property="og:url") == canonical
    assert meta(page_head, property="og:type") == "article"
    assert meta(page_head, property="og:title") == (
        "5 Exercises for Sciatica from Lumbar Spinal Stenosis"
    )
    image = meta(page_head, property="og:image")
    assert image.startswith("http://testserver/") and ".fill-1200x630" in image
    assert meta(page_head, property="og:image:width") == "1200"
    assert meta(page_head, name="twitter:card") == "summary_large_image"
    assert meta(page_head, name="twitter:image") == image


def test_exercise_description_falls_back_to_its_summary(client, demo_site):
    page_head = head(client, "/exercises/seated-lumbar-flexion/")
    assert meta(page_head, name="description").startswith("A gentle seated forward bend")
    assert ".fill-1200x630" in meta(page_head, property="og:image")
    assert meta(page_head, property="og:image:alt") == "Seated Lumbar Flexion"


def test_paginated_pages_keep_their_page_number_in_the_canonical_url(client, demo_site):
    page_head = head(client, "/exercises/?page=1&tag=sciatica")
    assert page_head.find("link", rel="canonical")["href"] == "http://testserver/exercises/"
    page_head = head(client, "/exercises/?page=2")
    assert page_head.find("link", rel="canonical")["href"] == (
        "http://testserver/exercises/?page=2"
    )


def test_pages_without_a_photo_get_a_summary_card(client, demo_site):
    page_head = head(client, "/about/")
    assert meta(page_head, name="description").startswith("One-to-one physical therapy")
    assert meta(page_head, name="twitter:card") == "summary"
    assert meta(page_head, property="og:image") is None
