"""
The demo content `make run` loads, and the one place that checks its wording: what the
clinic's article, its calls to action, the home page and the clinic's settings say.
Every other test builds what it checks (tests/site_factories.py), so new wording,
photos or layout in the demo change only this module (and test_routine_fidelity.py,
which checks the clinic's article against its source).
"""

import io
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from home.models import HomePage
from intake.models import ApplicationFormPage

pytestmark = pytest.mark.django_db

ROUTINE_URL = "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/"


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def json_ld(client, url):
    blocks = soup(client.get(url)).find_all("script", type="application/ld+json")
    assert blocks, url
    return [json.loads(block.string) for block in blocks]


def block_of(client, url, schema_type):
    """The page's one block of `schema_type` (every page also has the site's @graph)."""
    [data] = [block for block in json_ld(client, url) if block.get("@type") == schema_type]
    return data


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", "live", "content_type__model")),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "sites": list(Site.objects.values_list("hostname", "root_page__url_path")),
    }


def test_demo_content_is_idempotent():
    call_command("load_demo_content", verbosity=0, stdout=io.StringIO())
    first = snapshot()
    call_command("load_demo_content", verbosity=0, stdout=io.StringIO())
    assert snapshot() == first
    assert ("/home/", True, "homepage") in first["pages"]


def test_demo_content_replaces_the_wagtail_welcome_page():
    call_command("load_demo_content", stdout=io.StringIO())
    assert not Page.objects.filter(title__icontains="Welcome to your new Wagtail site").exists()
    assert Site.objects.get(is_default_site=True).root_page.specific_class.__name__ == "HomePage"


def test_ensure_admin_generates_a_password_and_never_a_fixed_one(tmp_path, monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    passwords = []
    for name in ("first", "second"):
        password_file = tmp_path / f"{name}-password"
        call_command(
            "ensure_admin",
            username=name,
            password_file=str(password_file),
            stdout=io.StringIO(),
        )
        password = password_file.read_text().strip()
        assert get_user_model().objects.get(username=name).check_password(password)
        assert oct(password_file.stat().st_mode & 0o777) == "0o600"
        passwords.append(password)
    assert passwords[0] != passwords[1] and len(passwords[0]) >= 12


def test_ensure_admin_uses_admin_password_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-chosen-passphrase")
    call_command("ensure_admin", password_file=str(tmp_path / "unused"), stdout=io.StringIO())
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password("a-long-chosen-passphrase")
    assert not (tmp_path / "unused").exists()
    # Running again changes nothing and creates no second account.
    call_command("ensure_admin", password_file=str(tmp_path / "unused"), stdout=io.StringIO())
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


# What the demo says -----------------------------------------------------------------------


def test_demo_routine_shows_the_book_call_to_action(client, demo_site):
    page = soup(client.get(ROUTINE_URL))
    cta = page.find("aside", class_="call-to-action")
    assert cta.find(class_="promotion__heading").get_text() == "Revision Sciatica"
    assert cta.find("img")["alt"] == "Revision Sciatica Book"
    assert cta.find("a", class_="button")["href"] == "/contact/"


def test_home_page_shows_the_webinar_and_every_page_the_announcement(client, demo_site):
    home = soup(client.get("/"))
    cta = home.find("main").find("aside", class_="call-to-action")
    assert "Free webinar" in cta.get_text()
    assert cta.find("a", class_="button")["href"] == "/webinar/"
    for url in ("/", "/about/", ROUTINE_URL, "/exercises/", "/search/"):
        announcement = soup(client.get(url)).find("aside", class_="announcement")
        link = announcement.find("a")
        assert link.get_text().startswith("Click here for a free recording of my webinar")
        assert link["href"] == "/webinar/"


def test_demo_application_form_is_linked_from_the_booking_button_and_the_home_page(
    client, demo_site
):
    page = ApplicationFormPage.objects.get()
    assert page.url == "/new-patient-application/"
    links = [a["href"] for a in soup(client.get("/")).find_all("a", href=True)]
    assert links.count(page.url) >= 3  # header and footer "Request an appointment", the hero
    assert HomePage.objects.get().hero_cta_page_id == page.pk


def test_the_footer_shows_the_demo_clinics_address_hours_and_phone(client, clinic_settings):
    footer = soup(client.get("/")).find("footer")
    text = footer.get_text(" ", strip=True)
    assert "Physical Therapy Jacksonville" in text and "(904) 555-0142" in text
    assert "Jacksonville, FL 32204" in text
    assert "Monday–Friday" in text
    assert footer.find("a", href="tel:9045550142")


def test_home_page_describes_the_demo_clinic(client, demo_site):
    data = block_of(client, "/", "MedicalClinic")
    assert data["name"] == "Physical Therapy Jacksonville"
    assert data["telephone"] == "(904) 555-0142"
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "US",
        "streetAddress": "1000 Riverside Avenue, Suite 200",
        "addressLocality": "Jacksonville",
        "addressRegion": "FL",
        "postalCode": "32204",
    }
    weekdays, saturday = data["openingHoursSpecification"]
    assert weekdays["dayOfWeek"][0] == "https://schema.org/Monday"
    assert len(weekdays["dayOfWeek"]) == 5
    assert (weekdays["opens"], weekdays["closes"]) == ("07:00", "18:00")
    assert (saturday["opens"], saturday["closes"]) == ("08:00", "12:00")


def test_demo_routine_is_a_medical_web_page_with_its_five_exercise_plans(client, demo_site):
    data = block_of(client, ROUTINE_URL, "MedicalWebPage")
    for prop in ("headline", "dateModified", "author", "image", "citation", "about", "url"):
        assert data[prop], prop
    assert data["headline"] == "5 Exercises for Sciatica from Lumbar Spinal Stenosis"
    assert data["dateModified"] == data["datePublished"] == "2025-05-27"
    assert data["author"]["@type"] in ("Person", "Organization") and data["author"]["name"]
    assert data["image"]["url"].startswith("http://testserver/media/images/")
    assert [c["name"] for c in data["citation"]] == ["Diwan et al.", "Fiani et al."]
    # Its tags: two conditions and a movement, which is no condition.
    assert sorted(item["name"] for item in data["about"]) == ["sciatica", "spinal stenosis"]
    plans = data["hasPart"]
    assert [plan["@type"] for plan in plans] == ["ExercisePlan"] * 5
    first, lunge = plans[0], plans[4]
    assert first["name"] == "Seated Lumbar Flexion"
    assert first["repetitions"]["value"] == 8
    assert "workload" not in first
    assert first["additionalVariable"] == "2 sets × 8 repetitions, hold 1–2 seconds"
    assert first["exerciseType"] == "Flexibility"
    assert (lunge["repetitions"]["minValue"], lunge["repetitions"]["maxValue"]) == (12, 15)
    assert lunge["exerciseType"] == "Strengthening"


def test_demo_exercise_page_is_a_how_to_with_its_five_steps(client, demo_site):
    data = block_of(client, "/exercises/seated-lumbar-flexion/", "HowTo")
    assert data["name"] == "Seated Lumbar Flexion"
    steps = data["step"]
    assert [step["position"] for step in steps] == [1, 2, 3, 4, 5]
    assert steps[0]["text"].startswith("Sit comfortably in a chair")
    assert "<" not in steps[0]["text"]
    [plan] = data["hasPart"]
    assert plan["@type"] == "ExercisePlan" and plan["repetitions"]["value"] == 8
    assert data["tool"] == [{"@type": "HowToTool", "name": "Chair"}]
    assert data["image"]["url"].startswith("http://testserver/media/images/")
