"""
The clinic's JSON-LD: the home page describes the clinic (from its settings), and the
clinic's routine and exercise pages carry the plugin's blocks, the only scripts on them.
(What the demo's own pages say is checked in test_demo_content.py.)
"""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from taggit.models import Tag

from exercises.models import TopicKind
from exercises.tests.factories import make_image
from home.structured_data import opening_hours, postal_address
from tests.site_factories import TEST_CLINIC, make_article, set_clinic_settings

pytestmark = pytest.mark.django_db


def json_ld(client, url):
    response = client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    blocks = page.find_all("script", type="application/ld+json")
    assert blocks, url
    # Nothing else runs on reader pages.
    assert not page.find_all("script", type=lambda t: t != "application/ld+json")
    return [json.loads(block.string) for block in blocks]


def block_of(client, url, schema_type):
    """The page's one block of `schema_type` (every page also has the site's @graph)."""
    [data] = [block for block in json_ld(client, url) if block.get("@type") == schema_type]
    return data


def test_home_page_describes_the_clinic(client, demo_site):
    set_clinic_settings(**TEST_CLINIC)
    data = block_of(client, "/", "MedicalClinic")
    assert data["@id"] == "http://testserver/#organization"
    assert data["medicalSpecialty"] == "https://schema.org/Physiotherapy"
    assert data["name"] == TEST_CLINIC["clinic_name"]
    assert data["description"] == TEST_CLINIC["tagline"]
    assert data["telephone"] == TEST_CLINIC["phone"]
    assert data["email"] == TEST_CLINIC["email"]
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "US",
        "streetAddress": "12 Quay Street, Suite 3",
        "addressLocality": "Miami",
        "addressRegion": "FL",
        "postalCode": "33101",
    }
    # "Sunday: closed" is no opening hours, and is left out.
    weekdays, saturday = data["openingHoursSpecification"]
    assert weekdays["dayOfWeek"] == [
        "https://schema.org/Tuesday",
        "https://schema.org/Wednesday",
        "https://schema.org/Thursday",
    ]
    assert (weekdays["opens"], weekdays["closes"]) == ("08:30", "17:00")
    assert saturday["dayOfWeek"] == ["https://schema.org/Saturday"]
    assert (saturday["opens"], saturday["closes"]) == ("09:00", "13:00")


@pytest.fixture
def article(demo_site):
    """A routine of two exercises, with a byline, a hero photo, references and a topic."""
    condition, _ = Tag.objects.get_or_create(name="knee pain", slug="knee-pain")
    TopicKind.objects.create(tag=condition, kind="condition")
    return make_article(
        "structured",
        exercises=[
            {
                "title": "Seated Knee Lift",
                "steps": ("Sit tall on a <b>firm</b> chair.", "Lift one knee.", "Lower it."),
                "summary": "Wakes up the hip flexors.",
                "position": "seated",
                "equipment": ("Balance pad",),
                "photos": [make_image("Knee lift", size=(160, 120))],
                "reps_min": 8,
                "sets_min": 2,
                "hold_min": 1,
                "hold_max": 2,
                "exercise_type": "strengthening",
            },
            {"title": "Wall Lunge", "reps_min": 12, "reps_max": 15, "sets_min": 2},
        ],
        title="Two exercises for knee pain",
        byline="Dana Reyes, PT",
        last_reviewed=datetime.date(2024, 11, 3),
        originally_published=datetime.date(2024, 10, 1),
        hero_image=make_image("Knee hero", size=(160, 120)),
        hero_alt_text="A woman lifting her knee beside a chair",
        references=[
            ("reference", {"citation": "Smith et al.", "url": ""}),
            ("reference", {"citation": "Jones et al.", "url": "https://example.com/jones"}),
        ],
        tags=["knee pain"],
    )


def test_a_routine_is_a_medical_web_page_with_its_exercise_plans(client, article):
    data = block_of(client, article.routine.url, "MedicalWebPage")
    for prop in ("headline", "dateModified", "author", "image", "citation", "about", "url"):
        assert data[prop], prop
    assert data["headline"] == "Two exercises for knee pain"
    assert data["dateModified"] == "2024-11-03"
    assert data["datePublished"] == "2024-10-01"
    assert data["author"] == {
        "@type": "Person",
        "name": "Dana Reyes, PT",
        "worksFor": {"@id": "http://testserver/#organization"},
    }
    assert data["image"]["url"].startswith("http://testserver/media/images/")
    assert [c["name"] for c in data["citation"]] == ["Smith et al.", "Jones et al."]
    assert data["citation"][1]["url"] == "https://example.com/jones"
    assert data["about"] == [{"@type": "MedicalCondition", "name": "knee pain"}]
    plans = data["hasPart"]
    assert [plan["@type"] for plan in plans] == ["ExercisePlan"] * 2
    first, lunge = plans
    assert first["name"] == "Seated Knee Lift"
    assert first["url"] == f"http://testserver{article.exercise.url}"
    assert first["repetitions"]["value"] == 8
    # Sets and holds are said in the dose's words; no property means them.
    assert "workload" not in first and "activityDuration" not in first
    assert first["additionalVariable"] == "2 sets × 8 repetitions, hold 1–2 seconds"
    assert first["exerciseType"] == "Strengthening"
    assert (lunge["repetitions"]["minValue"], lunge["repetitions"]["maxValue"]) == (12, 15)
    assert "exerciseType" not in lunge


def test_an_exercise_page_is_a_how_to_with_its_steps(client, article):
    data = block_of(client, article.exercise.url, "HowTo")
    assert data["name"] == "Seated Knee Lift"
    steps = data["step"]
    assert [step["position"] for step in steps] == [1, 2, 3]
    assert steps[0]["text"] == "Sit tall on a firm chair."
    assert "<" not in steps[0]["text"]
    [plan] = data["hasPart"]
    assert plan["@type"] == "ExercisePlan" and plan["repetitions"]["value"] == 8
    assert data["tool"] == [{"@type": "HowToTool", "name": "Balance pad"}]
    assert data["image"]["url"].startswith("http://testserver/media/images/")


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Mon–Fri 7:00 am – 6:00 pm", (5, "07:00", "18:00")),
        ("Sunday: 10 am - 2 pm", (1, "10:00", "14:00")),
        ("Saturday: 12:30 pm – 12:00 am", (1, "12:30", "00:00")),
        ("Sunday: closed", None),
        ("By appointment", None),
    ],
)
def test_opening_hours_lines_are_read_or_left_out(line, expected):
    found = opening_hours([line])
    if expected is None:
        assert found == []
    else:
        [spec] = found
        assert (len(spec["dayOfWeek"]), spec["opens"], spec["closes"]) == expected


def test_an_address_without_a_city_line_is_kept_whole():
    assert postal_address(["Clinic Building", "Room 4"])["streetAddress"] == (
        "Clinic Building, Room 4"
    )
