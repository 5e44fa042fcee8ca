"""The demo routine publishes every sentence of the clinic's article body, once."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from exercises.models import ExercisePage, RoutinePage

pytestmark = pytest.mark.django_db

# A copy of the clinic's article as captured from its current site (shared/content/).
SOURCE = Path(__file__).resolve().parents[1] / "data" / "source-article.txt"
ROUTINE_URL = "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/"

# The body appears twice in the copy (lines 11-127, then again); lines 1-10 are the
# banner, title and byline. Photo captions sit directly under exercise headings.
BODY_LINES = slice(10, 127)


def normalise(text):
    text = text.replace("¹", "").replace("²", "")
    text = re.sub(r"^\s*(\d+\.|•)\s+", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    # Markup between words and punctuation (a removed citation marker) leaves a space.
    return re.sub(r" ([).,;:!?])", r"\1", text)


def source_sentences():
    lines = SOURCE.read_text(encoding="utf-8").split("\n")[BODY_LINES]
    return [normalise(line) for line in lines if normalise(line)]


def page_text(html):
    page = BeautifulSoup(html, "html.parser")
    for marker in page.select("sup.citation"):
        marker.decompose()
    main = page.find("main")
    # Photo lines of the copy are alt texts: they are on the page for screen readers.
    alt_texts = " ".join(img["alt"] for img in main.find_all("img"))
    return normalise(main.get_text(" ") + " " + alt_texts)


def test_every_sentence_of_the_source_body_is_on_the_routine_page(client, demo_site):
    text = page_text(client.get(ROUTINE_URL).content)
    missing = [line for line in source_sentences() if line not in text]
    assert missing == []
    assert len(source_sentences()) == 77  # non-empty lines of the body, labels included
    # Published once, not twice like the copy.
    assert text.count("When the spinal canal narrows") == 1


def test_the_routine_holds_the_five_exercises_in_source_order(client, demo_site):
    routine = RoutinePage.objects.get()
    assert [(e.number, e.exercise.title, e.dose.summary) for e in routine.exercises()] == [
        (1, "Seated Lumbar Flexion", "2 sets × 8 repetitions, hold 1–2 seconds"),
        (2, "Standing Hip Extension Stretch", "15 repetitions on each leg, hold 1–2 seconds"),
        (3, "Squat with an Incline Board", "2 sets × 12 repetitions"),
        (
            4,
            "Forward Bend with Nerve Glides",
            "2 sets × 5 repetitions on each side, hold 1–2 seconds",
        ),
        (5, "Modified Lunge (with Chair Support)", "2–3 sets × 12–15 repetitions on each side"),
    ]
    assert routine.last_reviewed.isoformat() == "2025-05-27"


def test_demo_exercises_have_their_photos_tips_and_tags(demo_site):
    exercises = {e.title: e for e in ExercisePage.objects.all()}
    assert len(exercises) == 5
    assert sum(len(e.modifications) for e in exercises.values()) == 6
    lunge = exercises["Modified Lunge (with Chair Support)"]
    assert [tip.value["title"] for tip in lunge.modifications] == [
        "For knee comfort",
        "To reduce intensity",
    ]
    assert [(p.caption, p.alt_text) for p in lunge.photos.all()] == [
        (
            "Starting Position to Lunge with a Chair",
            "Women Showing Starting Position to Lunge with a Chair",
        ),
        ("Lunge with Chair", "Women Showing Lunge with Chair"),
    ]
    for exercise in exercises.values():
        assert {"spinal stenosis", "sciatica"} <= set(exercise.tags.names())
        assert len(exercise.steps) == 5
        assert exercise.photos.exists()


def test_routine_page_shows_photos_with_captions_and_alt_text(client, demo_site):
    page = BeautifulSoup(client.get(ROUTINE_URL).content, "html.parser")
    figures = page.select("article.exercise figure.exercise__photo")
    assert len(figures) == 7
    first = figures[0]
    assert first.find("figcaption").get_text() == "Seated Lumbar Flexion"
    img = first.find("img")
    assert img["alt"] == "Seated Lumbar Flexion" and img["loading"] == "lazy"
    assert {s["type"] for s in first.find_all("source")} == {"image/avif", "image/webp"}
    assert page.find(id="reference-1").get_text(" ", strip=True).startswith("Diwan et al.")
    assert page.find("sup", class_="citation").find("a")["href"] == "#reference-1"


def test_home_page_links_to_the_routine_and_the_library(client, demo_site):
    page = BeautifulSoup(client.get("/").content, "html.parser")
    hrefs = {a["href"] for a in page.find("main").find_all("a")}
    assert ROUTINE_URL in hrefs and "/exercises/" in hrefs


# One dose per exercise on a page: each exercise's last step states its dose, in the
# article's words while the exercise's own dose applies, as the dose that applies under
# a routine's override.

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3}


def numbers_in(text):
    words = re.findall(r"\d+|[a-z]+", text.lower())
    return {
        int(w) if w.isdigit() else NUMBER_WORDS[w]
        for w in words
        if w.isdigit() or w in NUMBER_WORDS
    }


def doses_shown(html):
    """Each exercise's (dose box, dose step, other steps) as the page shows them."""
    page = BeautifulSoup(html, "html.parser")
    shown = []
    for article in page.select("article.exercise, li.handout-exercise"):
        box = article.find("dl", class_="dose-box").find("dd").get_text(strip=True)
        [dose_step] = article.select("li.step--dose")
        others = [
            li.get_text(" ", strip=True)
            for li in article.select("li.step")
            if "step--dose" not in li["class"]
        ]
        shown.append((box, normalise(dose_step.get_text(" ")), others))
    return shown


def test_every_demo_exercise_states_its_dose_once_in_its_last_step(client, demo_site):
    routine = RoutinePage.objects.get()
    sources = set(source_sentences())
    for url in (ROUTINE_URL, ROUTINE_URL + "handout/"):
        shown = doses_shown(client.get(url).content)
        assert len(shown) == 5
        for entry, (box, dose_step, _) in zip(routine.exercises(), shown, strict=True):
            assert entry.exercise.steps[-1].value.states_dose
            assert box == entry.dose.summary
            # The article's own words, whose numbers are those of the dose box.
            assert dose_step in sources
            assert numbers_in(dose_step) <= numbers_in(box)
    for exercise in ExercisePage.objects.all():
        [(box, dose_step, _)] = doses_shown(client.get(exercise.url).content)
        assert box == exercise.dose.summary and dose_step in sources


def test_under_an_override_every_demo_exercise_shows_the_routines_dose_only(client, demo_site):
    routine = RoutinePage.objects.get()
    body = []
    for child in routine.body.raw_data:
        if child["type"] == "exercise":
            child["value"]["dose"] = {"reps_min": 10, "sets_min": 3}
        body.append(child)
    routine.body = body
    routine.save_revision().publish()
    for url in (ROUTINE_URL, ROUTINE_URL + "handout/"):
        shown = doses_shown(client.get(url).content)
        assert len(shown) == 5
        for entry, (box, dose_step, others) in zip(
            RoutinePage.objects.get().exercises(), shown, strict=True
        ):
            assert box == entry.dose.summary
            assert box.startswith("3 sets × 10 repetitions")
            assert dose_step == entry.dose.sentence
            assert dose_step.startswith("Do 3 sets of 10 repetitions")
            assert not any(re.search(r"\brep|\bsets?\b|times", step) for step in others)
