import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exercises.models import Equipment, ExercisePage
from siteops import cache_generation

ROUTINE = "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings, demo_site, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "generation")
    caches["pages"].clear()
    return demo_site


def test_second_anonymous_view_is_served_from_cache_without_queries(client, cached):
    first = client.get(ROUTINE)
    assert first["X-Page-Cache"] == "miss"
    assert "public" in first["Cache-Control"] and "s-maxage" in first["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        second = client.get(ROUTINE)
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["Content-Type"].startswith("text/html")


def test_logged_in_editors_are_never_served_from_cache(admin_client, client, cached):
    client.get(ROUTINE)  # an anonymous reader stores the page
    response = admin_client.get(ROUTINE)
    assert response["X-Page-Cache"] == "bypass"
    assert "private" in response["Cache-Control"]


def test_pages_that_set_cookies_or_forbid_storing_are_not_cached(client, cached):
    client.cookies.clear()
    first = client.get("/new-patient-application/")
    client.cookies.clear()
    second = client.get("/new-patient-application/")
    assert first.status_code == 200
    assert second["X-Page-Cache"] == "bypass"


def test_publishing_an_exercise_refreshes_the_routine_that_shows_it(client, cached):
    client.get(ROUTINE)
    assert client.get(ROUTINE)["X-Page-Cache"] == "hit"
    exercise = ExercisePage.objects.get(slug="seated-lumbar-flexion")
    exercise.summary = "Edited"
    exercise.steps = [("step", {"text": "<p>Sit tall and breathe out slowly.</p>"})]
    exercise.save_revision().publish()
    response = client.get(ROUTINE)
    assert response["X-Page-Cache"] == "miss"
    assert "Sit tall and breathe out slowly." in response.content.decode()


def test_changing_clinic_settings_or_a_snippet_refreshes_every_page(
    client, cached, clinic_settings
):
    client.get("/")
    clinic_settings.phone = "(904) 555-0199"
    clinic_settings.save()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss" and "(904) 555-0199" in response.content.decode()
    client.get(ROUTINE)
    chair = Equipment.objects.get(slug="chair")
    chair.name = "Sturdy chair"
    chair.save()
    response = client.get(ROUTINE)
    assert response["X-Page-Cache"] == "miss" and "Sturdy chair" in response.content.decode()


def test_a_new_generation_is_seen_by_every_worker(settings, tmp_path):
    settings.PAGE_CACHE_SHARED = False
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "generation")
    before = cache_generation.current_generation()
    cache_generation.new_generation()
    middle = cache_generation.current_generation()
    cache_generation.new_generation()
    assert before != middle != cache_generation.current_generation()


def test_admin_and_api_are_never_cached(client, cached):
    assert client.get("/admin/login/")["X-Page-Cache"] == "bypass"
