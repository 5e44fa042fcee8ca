"""JSON-LD: every block parses, and has the types and properties search engines need."""

import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from taggit.models import Tag
from wagtail.images import get_image_model

from exercises.models import ExercisePage, RoutinePage, TopicKind

from .factories import (
    exercise_block,
    make_articles,
    make_exercise,
    make_image,
    make_library,
    make_routine,
)


def json_ld(client, url):
    response = client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    blocks = page.find_all("script", type="application/ld+json")
    assert blocks, url
    # The plugin's pages run nothing in the reader's browser.
    assert not page.find_all("script", type=lambda t: t != "application/ld+json")
    found = [json.loads(block.string) for block in blocks]
    # Every page with breadcrumbs also has them as a BreadcrumbList.
    return [data for data in found if data.get("@type") != "BreadcrumbList"]


@pytest.fixture(scope="module")
def built(module_db):
    """Two exercises and a hero photo, built once for the module's tests."""
    with module_db.unblock():
        library = make_library(slug="exercises")
        flexion = make_exercise(
            library,
            "Seated Lumbar Flexion",
            steps=(
                "Sit comfortably in a chair with your <b>back</b> relaxed.",
                "Bend forward slowly.",
                "Reach towards the floor.",
                "Hold.",
                "Come back up.",
            ),
            summary="Opens the space in your lower back.",
            position="seated",
            equipment=["Chair"],
            photos=[make_image("Flexion", size=(240, 180))],
            reps_min=8,
            sets_min=2,
            hold_min=1,
            hold_max=2,
            exercise_type="flexibility",
        )
        lunge = make_exercise(
            library,
            "Modified Lunge",
            reps_min=12,
            reps_max=15,
            sets_min=2,
            sets_max=3,
            side="each_side",
        )
        hero = make_image("Hero", size=(48, 36))
        TopicKind.objects.create(
            tag=Tag.objects.get_or_create(name="sciatica", slug="sciatica")[0], kind="condition"
        )
        return {"flexion": flexion.pk, "lunge": lunge.pk, "hero": hero.pk}


@pytest.fixture
def flexion(db, built):
    return ExercisePage.objects.get(pk=built["flexion"])


@pytest.fixture
def lunge(db, built):
    return ExercisePage.objects.get(pk=built["lunge"])


@pytest.fixture
def hero(db, built):
    return get_image_model().objects.get(pk=built["hero"])


def stenosis_routine(flexion, lunge, hero, **fields):
    return make_routine(
        make_articles(slug="articles"),
        "5 Exercises for Sciatica from Lumbar Spinal Stenosis",
        [exercise_block(flexion), exercise_block(lunge)],
        tags=["sciatica", "spinal stenosis"],
        intro="Flexion-based exercises create more space in the spine.",
        hero_image=hero,
        hero_alt_text="A therapist and a patient",
        references=[
            ("reference", {"citation": "Diwan et al.", "url": "", "doi": "10.1016/j.x.2019.1"}),
            ("reference", {"citation": "Fiani et al.", "url": "https://example.com/fiani"}),
        ],
        **fields,
    )


def test_routine_is_a_medical_web_page_with_exercise_plans(client, flexion, lunge, hero):
    routine = stenosis_routine(flexion, lunge, hero, byline="Dr. Ana Reyes")
    [data] = json_ld(client, routine.url)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    for prop in ("headline", "dateModified", "author", "image", "citation", "about", "url"):
        assert data[prop], prop
    assert data["headline"] == "5 Exercises for Sciatica from Lumbar Spinal Stenosis"
    assert data["url"] == data["@id"] == "http://testserver" + routine.url
    assert data["publisher"] == {"@type": "Organization", "@id": "http://testserver/#organization"}
    assert data["description"] == "Flexion-based exercises create more space in the spine."
    assert data["lastReviewed"] == "2025-05-27"
    published = RoutinePage.objects.get(pk=routine.pk).first_published_at
    # The day in the site's time zone, and never after the "Updated" date.
    assert data["datePublished"] == timezone.localdate(published).isoformat()
    assert data["dateModified"] == max("2025-05-27", data["datePublished"])
    assert data["author"] == {
        "@type": "Person",
        "name": "Dr. Ana Reyes",
        "worksFor": {"@id": "http://testserver/#organization"},
    }
    assert data["image"]["url"].startswith("http://testserver/media/images/")
    assert data["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "Diwan et al.",
            "url": "https://doi.org/10.1016/j.x.2019.1",
            "identifier": {
                "@type": "PropertyValue",
                "propertyID": "DOI",
                "value": "10.1016/j.x.2019.1",
            },
        },
        {"@type": "CreativeWork", "name": "Fiani et al.", "url": "https://example.com/fiani"},
    ]
    # Only tags marked as conditions are MedicalConditions ("sciatica" is; "spinal
    # stenosis" has no kind yet).
    assert data["about"] == [{"@type": "MedicalCondition", "name": "sciatica"}]
    assert data["keywords"] == "sciatica, spinal stenosis"
    plans = data["hasPart"]
    assert [plan["@type"] for plan in plans] == ["ExercisePlan"] * 2
    first, second = plans
    assert first["name"] == "Seated Lumbar Flexion"
    assert first["url"] == "http://testserver" + flexion.url
    assert first["description"] == "Opens the space in your lower back."
    assert first["repetitions"]["value"] == 8
    # Sets and holds have no property that means them: the dose's words carry them.
    assert "workload" not in first and "activityDuration" not in first
    assert first["exerciseType"] == "Flexibility"
    assert first["additionalVariable"] == "2 sets × 8 repetitions, hold 1–2 seconds"
    assert (second["repetitions"]["minValue"], second["repetitions"]["maxValue"]) == (12, 15)
    assert "exerciseType" not in second  # no kind chosen


def test_a_routines_plans_carry_its_dose_override(client, flexion):
    routine = make_routine(
        make_articles(slug="articles"),
        "Harder",
        [exercise_block(flexion, dose={"reps_min": 10, "reps_max": 12})],
    )
    [data] = json_ld(client, routine.url)
    [plan] = data["hasPart"]
    assert (plan["repetitions"]["minValue"], plan["repetitions"]["maxValue"]) == (10, 12)
    assert plan["additionalVariable"].startswith("2 sets × 10–12 repetitions")


def test_without_a_byline_the_site_is_author_and_publisher(client, site, flexion, lunge, hero):
    site.site_name = "Riverside Physical Therapy"
    site.save()
    routine = stenosis_routine(flexion, lunge, hero)
    [data] = json_ld(client, routine.url)
    clinic = {
        "@type": "Organization",
        "@id": "http://testserver/#organization",
        "name": "Riverside Physical Therapy",
    }
    assert data["author"] == clinic
    assert data["publisher"] == clinic


def test_exercise_page_is_a_how_to_with_steps_and_its_plan(client, flexion):
    [data] = json_ld(client, flexion.url)
    assert data["@type"] == "HowTo"
    assert data["name"] == "Seated Lumbar Flexion"
    assert data["description"] == "Opens the space in your lower back."
    steps = data["step"]
    assert [step["@type"] for step in steps] == ["HowToStep"] * 5
    assert [step["position"] for step in steps] == [1, 2, 3, 4, 5]
    assert steps[0]["text"] == "Sit comfortably in a chair with your back relaxed."
    assert "<" not in steps[0]["text"]
    [plan] = data["hasPart"]
    assert plan["@type"] == "ExercisePlan" and plan["repetitions"]["value"] == 8
    assert data["tool"] == [{"@type": "HowToTool", "name": "Chair"}]
    assert data["image"]["url"].startswith("http://testserver/media/images/")
    # Cropped to the shape of a sharing card (1200 × 630), never enlarged.
    assert (data["image"]["width"], data["image"]["height"]) == (240, 126)


def test_an_exercise_with_nothing_more_to_say_is_described_by_its_title(client, lunge):
    [data] = json_ld(client, lunge.url)
    assert data["description"] == "Modified Lunge"
    assert "image" not in data and "tool" not in data


def test_text_from_editors_cannot_break_out_of_the_json_block(client, site):
    routine = make_routine(
        make_articles(slug="tricky"),
        "Stretch </script><script>alert(1)</script> & more",
        [],
        intro="Fish & chips <b>",
    )
    [data] = json_ld(client, routine.url)
    assert data["headline"].startswith("Stretch </script><script>alert(1)</script> & more")
    html = client.get(routine.url).content.decode()
    assert "<script>alert(1)" not in html
