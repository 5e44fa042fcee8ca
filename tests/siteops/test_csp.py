"""Content Security Policy: strict for readers, looser in the admin, kept by the page cache."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from wagtail.models import Page

from home.models import HomePage
from tests.application_factories import build_application_site
from tests.site_factories import make_article, make_standard_page

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TOPIC = "csp-topic"


def directives(response):
    """The response's policy as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


@pytest.fixture
def article(demo_site):
    """A library, an exercise, an articles index and a routine on the topic TOPIC."""
    return make_article(
        "csp",
        exercises=[{"title": "Standing calf raise", "position": "standing", "tags": (TOPIC,)}],
        tags=[TOPIC],
    )


def reader_urls(article):
    """Every live page, and reader pages that are not pages in the tree: views, filters,
    topic pages and the not-found page."""
    urls = [page.url for page in Page.objects.live().specific() if page.depth > 1]
    return [
        *urls,
        "/search/?q=calf",
        f"{article.library.url}?tag={TOPIC}&position=standing",
        f"{article.articles.url}tag/{TOPIC}/",
        "/no-such-page/",
    ]


def inline_code(response):
    """Scripts and styles written into the page rather than loaded from the site's files."""
    html = BeautifulSoup(response.content, "html.parser")
    # JSON-LD is data the browser never runs; every other script must come from a file.
    scripts = [
        script
        for script in html.find_all("script")
        if not script.get("src") and script.get("type") != "application/ld+json"
    ]
    handlers = [tag for tag in html.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
    return scripts + handlers + html.find_all("style") + html.find_all(style=True)


def test_reader_pages_hold_nothing_inline_and_their_policy_forbids_it(client, article):
    pages = [
        build_application_site(),
        make_standard_page("Our team", "csp-team"),
        article.library,
        article.exercise,
        article.articles,
        article.routine,
    ]
    urls = reader_urls(article)
    # Every kind of page the site has is walked, the home page among them.
    assert {"/", *(page.url for page in pages)} <= set(urls)
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert inline_code(response) == [], url
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'self'"], url
        assert "unsafe" not in response["Content-Security-Policy"], url


def test_the_admin_has_its_own_looser_policy(client, admin_client, demo_site):
    reader = directives(client.get("/"))
    for url in ("/admin/", "/admin/pages/"):
        admin = directives(admin_client.get(url))
        assert "'unsafe-inline'" in admin["script-src"], url
        assert "'unsafe-inline'" in admin["style-src"], url
        assert "'unsafe-eval'" not in admin["script-src"], url
        # Everything that does not need loosening stays as strict as the readers' policy.
        for name in ("default-src", "object-src", "base-uri", "form-action", "frame-ancestors"):
            assert admin[name] == reader[name], (url, name)
    # Before logging in, and on the admin's own not-found page.
    assert "'unsafe-inline'" in directives(client.get("/admin/login/"))["script-src"]
    missing = admin_client.get("/admin/no-such-screen/")
    assert missing.status_code == 404
    assert "'unsafe-inline'" in directives(missing)["script-src"]


def test_staff_avatars_send_nothing_to_gravatar(admin_client, demo_site):
    """The admin shows Wagtail's default avatar, not one fetched with a hash of the
    staff member's email address, and its policy allows no such host."""
    response = admin_client.get("/admin/")
    assert "gravatar" not in response.content.decode()
    assert not [source for source in directives(response)["img-src"] if "gravatar" in source]


def test_a_draft_is_previewed_under_the_readers_policy(client, admin_client, article):
    """Wagtail renders a preview as a request for the page's own URL: the editor sees the
    page as readers will, scripts and styles included."""
    routine = article.routine
    response = admin_client.get(f"/admin/pages/{routine.pk}/view_draft/")
    assert response.status_code == 200
    readers = client.get(routine.url)["Content-Security-Policy"]
    assert response["Content-Security-Policy"] == readers


def test_the_application_form_has_the_readers_policy_and_loads_nothing_from_elsewhere(
    client, article
):
    response = client.get(build_application_site().url)
    readers = client.get(article.routine.url)["Content-Security-Policy"]
    assert response["Content-Security-Policy"] == readers
    policy = directives(response)
    for directive in ("default-src", "script-src", "style-src", "form-action"):
        assert policy[directive] == ["'self'"], directive
    assert policy["frame-ancestors"] == ["'self'"] and policy["object-src"] == ["'none'"]


@pytest.fixture
def cached(settings, demo_site, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_VERSIONS_DIR = str(tmp_path / "versions")
    caches["pages"].clear()
    return demo_site


def test_a_page_from_the_page_cache_carries_the_current_policy(client, cached, settings, article):
    first = client.get(article.routine.url)
    assert first["X-Page-Cache"] == "miss"
    assert directives(first)["script-src"] == ["'self'"]

    # A new policy applies at once, even to pages stored under the old one.
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": ["'self'"]}
    }
    second = client.get(article.routine.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert directives(second)["img-src"] == ["'self'"]
    assert directives(second)["script-src"] == ["'self'"]


def test_the_server_error_page_is_styled_from_a_file(client, demo_site, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("the home page could not be built")

    monkeypatch.setattr(HomePage, "get_context", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert directives(response)["style-src"] == ["'self'"]
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find("h1").get_text() == "Something went wrong on our side"
    assert html.find_all(style=True) == [] and html.find_all("style") == []
    stylesheet = html.find("link", rel="stylesheet")["href"]
    assert client.get(stylesheet).status_code == 200


def production_policies(**env):
    """The readers' and the admin's directives as production.py builds them from `env`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "SECURE_"))}
    clean.update(
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="clinic.example",
        APPLICATION_ENCRYPTION_KEY="yBDeHnAs-PV86MjdfQ1UHKLz9aHqJgg81yOL23pn6ZM",
        **env,
    )
    # The settings module alone: the S3 storage backend need not be installed to read it.
    code = (
        "import json; from clinic_site.settings import production as s; "
        "print(json.dumps([s.CONTENT_SECURITY_POLICY, s.ADMIN_CONTENT_SECURITY_POLICY]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return [policy["DIRECTIVES"] for policy in json.loads(result.stdout)]


def test_production_shows_images_from_the_media_domain_and_upgrades_to_https():
    reader, admin = production_policies(
        AWS_STORAGE_BUCKET_NAME="clinic-media", AWS_S3_CUSTOM_DOMAIN="media.clinic.example"
    )
    for policy in (reader, admin):
        assert "https://media.clinic.example" in policy["img-src"]
        assert policy["upgrade-insecure-requests"] is True
    assert reader["script-src"] == ["'self'"]


def test_production_shows_images_from_the_buckets_own_host_without_a_custom_domain():
    reader, _ = production_policies(
        AWS_STORAGE_BUCKET_NAME="clinic-media", AWS_S3_REGION_NAME="us-east-2"
    )
    assert reader["img-src"] == [
        "'self'",
        "data:",
        "https://clinic-media.s3.amazonaws.com",
        "https://clinic-media.s3.us-east-2.amazonaws.com",
    ]


def test_production_over_plain_http_on_loopback_does_not_upgrade_requests():
    reader, _ = production_policies(SECURE_SSL_REDIRECT="0")
    assert reader["upgrade-insecure-requests"] is False
    assert reader["img-src"] == ["'self'", "data:"]


@pytest.fixture
def video_article(cached):
    """A routine whose second exercise has a YouTube video; the first has none."""
    return make_article(
        "video",
        exercises=[
            {"title": "Heel slide"},
            {"title": "Bridge", "video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
        ],
    )


def test_only_pages_that_place_a_video_player_may_frame_it(client, video_article):
    nocookie = "https://www.youtube-nocookie.com"
    plain, with_video = video_article.exercises
    for url in (
        video_article.routine.url,
        video_article.routine.url + "guide/",
        video_article.routine.url + "guide/1/",  # every screen holds every exercise
        with_video.url,
    ):
        for expected_cache in ("miss", "hit"):
            response = client.get(url)
            assert response["X-Page-Cache"] == expected_cache, url
            # The player's origin replaces 'none': browsers ignore 'none' beside a source.
            assert directives(response)["frame-src"] == [nocookie], (url, expected_cache)
            assert directives(response)["script-src"] == ["'self'"]
    for url in (plain.url, plain.url + "guide/", video_article.routine.url + "handout/"):
        assert directives(client.get(url))["frame-src"] == ["'none'"], url
