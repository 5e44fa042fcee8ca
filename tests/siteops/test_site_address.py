"""The site's address: the Site record follows SITE_URL, and the sitemap agrees."""

import gzip
import io
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from wagtail.models import Site

from exercises.models import RoutinePage

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_every_sitemap_address_starts_with_the_base_url_and_answers(client, demo_site):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert len(locations) > 10
    for location in locations:
        assert location.startswith("http://testserver/"), location
        assert client.get(location.removeprefix("http://testserver")).status_code == 200


def test_the_command_points_the_site_at_the_base_url_once(demo_site, settings):
    settings.SITE_URL = "https://clinic.example"
    out = io.StringIO()
    call_command("sync_site_url", stdout=out)
    assert Site.objects.get(is_default_site=True).root_url == "https://clinic.example"
    assert "https://clinic.example" in out.getvalue()
    again = io.StringIO()
    call_command("sync_site_url", stdout=again)
    assert again.getvalue() == ""  # nothing left to change


def test_production_warns_while_the_site_is_still_localhost(demo_site, settings):
    Site.objects.filter(pk=demo_site.pk).update(hostname="localhost", port=80)
    settings.DEBUG = False
    warnings = [m for m in run_checks(databases=["default"]) if m.id == "siteops.W001"]
    assert warnings and "localhost:80" in warnings[0].msg
    call_command("sync_site_url", stdout=io.StringIO())
    assert not [m for m in run_checks(databases=["default"]) if m.id == "siteops.W001"]


def test_a_base_url_the_site_record_cannot_hold_is_refused_plainly(demo_site, settings):
    settings.DEBUG = False
    settings.SITE_URL = "https://clinic.example:8443"
    [error] = [m for m in run_checks(databases=["default"]) if m.id == "siteops.E001"]
    assert "https only on port 443" in error.msg
    before = Site.objects.get(is_default_site=True).root_url
    with pytest.raises(CommandError, match="https only on port 443"):
        call_command("sync_site_url", stdout=io.StringIO())
    assert Site.objects.get(is_default_site=True).root_url == before


def test_reader_pages_are_gzipped_but_never_pages_with_a_csrf_token(client, demo_site):
    routine = "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/"
    plain = client.get(routine)
    zipped = client.get(routine, HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert len(zipped.content) < len(plain.content) / 3
    # The application form carries a CSRF token: compressing it would open it to BREACH.
    form = client.get("/new-patient-application/", HTTP_ACCEPT_ENCODING="gzip")
    assert b"csrfmiddlewaretoken" in form.content
    assert not form.has_header("Content-Encoding")


def test_signed_in_staff_get_no_compressed_pages(admin_client, demo_site):
    response = admin_client.get("/about/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


def test_the_404_page_has_a_title_and_no_canonical_link(client, demo_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Page not found | Physical Therapy Jacksonville</title>" in html
    assert 'rel="canonical"' not in html


def test_sitemap_canonical_link_feed_and_api_agree_on_the_configured_address(
    client, demo_site, settings
):
    settings.SITE_URL = "https://clinic.example"
    call_command("sync_site_url", stdout=io.StringIO())
    path = "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/"
    address = "https://clinic.example" + path
    # Asked for by another host name (a proxy, an IP address): the same addresses.
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)
    assert address in [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    page = BeautifulSoup(client.get(path).content, "html.parser")
    assert page.find("link", rel="canonical")["href"] == address
    assert page.find("meta", property="og:url")["content"] == address
    assert page.find("meta", property="og:image")["content"].startswith("https://clinic.example/")
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://clinic.example/sitemap.xml" in robots
    feed = ET.fromstring(client.get("/articles/feed/").content)
    assert address in [link.text for link in feed.iter("link")]
    routine_id = RoutinePage.objects.get(url_path__endswith=path.split("/")[-2] + "/").pk
    listing = client.get("/api/v2/pages/", {"type": "exercises.RoutinePage"}).json()
    [item] = [item for item in listing["items"] if item["id"] == routine_id]
    assert item["meta"]["detail_url"] == f"https://clinic.example/api/v2/pages/{routine_id}/"
    assert item["meta"]["html_url"] == address
