import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exercises.models import Equipment
from tests.application_factories import build_application_site
from tests.site_factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(demo_site):
    """A routine showing one exercise, which needs a piece of equipment."""
    return make_article(
        "cache",
        exercises=[
            {"title": "Step-up", "steps": ("Step up onto the box.",), "equipment": ("Plyo box",)}
        ],
    )


@pytest.fixture
def routine_url(article):
    return article.routine.url


@pytest.fixture
def cached(settings, demo_site, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_VERSIONS_DIR = str(tmp_path / "versions")
    caches["pages"].clear()
    return demo_site


def test_second_anonymous_view_is_served_from_cache_without_queries(client, cached, routine_url):
    first = client.get(routine_url)
    assert first["X-Page-Cache"] == "miss"
    assert "public" in first["Cache-Control"] and "s-maxage" in first["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        second = client.get(routine_url)
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["Content-Type"].startswith("text/html")


def test_logged_in_editors_are_never_served_from_cache(admin_client, client, cached, routine_url):
    client.get(routine_url)  # an anonymous reader stores the page
    response = admin_client.get(routine_url)
    assert response["X-Page-Cache"] == "bypass"
    assert "private" in response["Cache-Control"]


def test_pages_that_set_cookies_or_forbid_storing_are_not_cached(client, cached):
    form_url = build_application_site().url
    client.cookies.clear()
    first = client.get(form_url)
    client.cookies.clear()
    second = client.get(form_url)
    assert first.status_code == 200
    assert second["X-Page-Cache"] == "bypass"


def test_publishing_an_exercise_refreshes_the_routine_that_shows_it(client, cached, article):
    routine_url = article.routine.url
    client.get(routine_url)
    assert client.get(routine_url)["X-Page-Cache"] == "hit"
    exercise = article.exercise
    exercise.summary = "Edited"
    exercise.steps = [("step", {"text": "<p>Sit tall and breathe out slowly.</p>"})]
    exercise.save_revision().publish()
    response = client.get(routine_url)
    assert response["X-Page-Cache"] == "miss"
    assert "Sit tall and breathe out slowly." in response.content.decode()
    assert "Step up onto the box." not in response.content.decode()


def test_changing_clinic_settings_or_a_snippet_refreshes_every_page(
    client, cached, clinic_settings, routine_url
):
    client.get("/")
    clinic_settings.phone = "(904) 555-0199"
    clinic_settings.save()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss" and "(904) 555-0199" in response.content.decode()
    assert "Plyo box" in client.get(routine_url).content.decode()
    box = Equipment.objects.get(name="Plyo box")
    box.name = "Sturdy box"
    box.save()
    response = client.get(routine_url)
    assert response["X-Page-Cache"] == "miss" and "Sturdy box" in response.content.decode()


def test_admin_and_api_are_never_cached(client, cached):
    assert client.get("/admin/login/")["X-Page-Cache"] == "bypass"
