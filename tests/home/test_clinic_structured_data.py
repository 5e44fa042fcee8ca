"""
The clinic's JSON-LD: the home page describes the clinic (from its settings), and the
demo's routine and exercise pages carry the plugin's blocks, the only scripts on them.
"""

import json

import pytest
from bs4 import BeautifulSoup

from home.structured_data import opening_hours, postal_address

pytestmark = pytest.mark.django_db

ROUTINE_URL = "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/"


def json_ld(client, url):
    response = client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    blocks = page.find_all("script", type="application/ld+json")
    assert blocks, url
    # Nothing else runs on reader pages.
    assert not page.find_all("script", type=lambda t: t != "application/ld+json")
    return [json.loads(block.string) for block in blocks]


def test_home_page_describes_the_clinic(client, demo_site):
    [data] = json_ld(client, "/")
    assert data["@type"] == "MedicalClinic"
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
    [data] = json_ld(client, ROUTINE_URL)
    assert data["@type"] == "MedicalWebPage"
    for prop in ("headline", "dateModified", "author", "image", "citation", "about", "url"):
        assert data[prop], prop
    assert data["headline"] == "5 Exercises for Sciatica from Lumbar Spinal Stenosis"
    assert data["dateModified"] == "2025-05-27"
    assert data["author"]["@type"] in ("Person", "Organization") and data["author"]["name"]
    assert data["image"]["url"].startswith("http://testserver/media/images/")
    assert [c["name"] for c in data["citation"]] == ["Diwan et al.", "Fiani et al."]
    assert {"@type": "MedicalCondition", "name": "sciatica"} in data["about"]
    plans = data["hasPart"]
    assert [plan["@type"] for plan in plans] == ["ExercisePlan"] * 5
    first, lunge = plans[0], plans[4]
    assert first["name"] == "Seated Lumbar Flexion"
    assert first["repetitions"]["value"] == 8
    assert first["workload"] == {"@type": "QuantitativeValue", "value": 2, "unitText": "sets"}
    assert (first["activityDuration"]["minValue"], first["activityDuration"]["maxValue"]) == (1, 2)
    assert first["activityDuration"]["unitCode"] == "SEC"
    assert first["exerciseType"] == "Seated"
    assert (lunge["repetitions"]["minValue"], lunge["repetitions"]["maxValue"]) == (12, 15)
    assert "activityDuration" not in lunge


def test_demo_exercise_page_is_a_how_to_with_its_five_steps(client, demo_site):
    [data] = json_ld(client, "/exercises/seated-lumbar-flexion/")
    assert data["@type"] == "HowTo"
    assert data["name"] == "Seated Lumbar Flexion"
    steps = data["step"]
    assert [step["position"] for step in steps] == [1, 2, 3, 4, 5]
    assert steps[0]["text"].startswith("Sit comfortably in a chair")
    assert "<" not in steps[0]["text"]
    [plan] = data["hasPart"]
    assert plan["@type"] == "ExercisePlan" and plan["repetitions"]["value"] == 8
    assert data["tool"] == [{"@type": "HowToTool", "name": "Chair"}]
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
