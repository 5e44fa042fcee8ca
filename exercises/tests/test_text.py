"""How a page describes itself (exercises/text.py describe()), in feeds and structured data."""

import json
import types
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from exercises.models import ExerciseIndexPage, ExercisePage, RoutinePage
from exercises.text import describe, plain_text

from .factories import make_articles, make_routine

# Building a page, even unsaved, looks up its content type.
pytestmark = pytest.mark.django_db


def test_the_search_description_comes_first():
    routine = RoutinePage(
        title="Back routine",
        search_description="Five gentle exercises for a stiff back.",
        intro="A standfirst.",
        summary="<p>In short.</p>",
    )
    assert describe(routine) == "Five gentle exercises for a stiff back."


def test_then_the_intro_then_the_summary():
    routine = RoutinePage(title="Back routine", intro="A standfirst.", summary="<p>In short.</p>")
    assert describe(routine) == "A standfirst."
    routine.intro = ""
    assert describe(routine) == "In short."
    exercise = ExercisePage(title="Bridge", summary="Strengthens your hips.")
    assert describe(exercise) == "Strengthens your hips."


def test_rich_text_becomes_one_line_of_plain_text():
    library = ExerciseIndexPage(
        title="Library",
        intro="<p>Exercises our <b>therapists</b>\n   recommend.</p>\n<p>Try them.</p>",
    )
    assert describe(library) == "Exercises our therapists recommend. Try them."
    assert plain_text("<p>One</p>\n<p>two  three</p>") == "One two three"


# Rich text as the editor saves it: one block right after the other.
EDITOR_SAVED = (
    '<p data-block-key="a1">In short: move daily.</p><p data-block-key="b2">Then a walk.</p>'
)


def test_characters_saved_as_html_entities_read_as_themselves():
    assert plain_text("<p>Fish &amp; chips &mdash; twice.</p>") == "Fish & chips — twice."


def test_paragraphs_as_the_editor_saves_them_stay_apart(site):
    routine = RoutinePage(title="Food", summary=EDITOR_SAVED)
    assert describe(routine) == "In short: move daily. Then a walk."


def test_a_long_text_is_cut_to_200_characters():
    routine = RoutinePage(title="Long", intro="Move gently. " * 40)
    text = describe(routine)
    assert len(text) == 200
    assert text.endswith("…")
    assert text.startswith("Move gently. Move gently.")


def test_a_page_type_may_name_its_own_description_fields():
    page = types.SimpleNamespace(
        search_description="",
        description_fields=("lead", "intro"),
        lead="<p>The lead.</p>",
        intro="Not this.",
    )
    assert describe(page) == "The lead."
    page.lead = ""
    assert describe(page) == "Not this."


def test_nothing_to_say_is_an_empty_description():
    assert describe(RoutinePage(title="Bare")) == ""
    assert describe(types.SimpleNamespace()) == ""


def test_feeds_and_structured_data_describe_a_routine_the_same_way(client, site):
    articles = make_articles(slug="articles")
    routine = make_routine(
        articles,
        "Summary only",
        [],
        summary="<p>Move <i>every</i> day, gently." + " Then rest." * 30 + "</p>",
    )
    expected = describe(routine)
    assert expected.startswith("Move every day, gently. Then rest.") and len(expected) == 200
    item = ET.fromstring(client.get("/articles/feed/").content).find("channel/item")
    assert item.findtext("description") == expected
    page = BeautifulSoup(client.get(routine.url).content, "html.parser")
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["description"] == expected
    routine.search_description = "Chosen for search engines."
    routine.save_revision().publish()
    item = ET.fromstring(client.get("/articles/feed/").content).find("channel/item")
    assert item.findtext("description") == "Chosen for search engines."
