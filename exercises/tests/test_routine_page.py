"""A routine: its exercises numbered in order, each shown in full, with its dose for it."""

from bs4 import BeautifulSoup

from exercises.dose import Dose, Range
from exercises.models import CallToAction

from .factories import (
    exercise_block,
    make_exercise,
    make_image,
    make_routine,
    republish,
)
from .queries import count_queries


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def exercise_titles(page):
    return [h.get_text(" ", strip=True) for h in page.select("article.exercise h3")]


def test_exercises_are_numbered_in_order_with_steps_and_tips(client, library, articles):
    first = make_exercise(library, "Pelvic Tilt", steps=("Lie down.", "Tilt."), reps_min=10)
    second = make_exercise(
        library,
        "Knee Hug",
        tips=(("comfort", "For knee comfort", "Use a towel."), ("harder", "", "Hold longer.")),
        sets_min=2,
        reps_min=8,
    )
    routine = make_routine(
        articles,
        "Morning routine",
        [
            ("heading", {"text": "Warm up", "level": "h2"}),
            exercise_block(first),
            exercise_block(second),
        ],
    )
    assert [(entry.number, entry.exercise.title) for entry in routine.exercises()] == [
        (1, "Pelvic Tilt"),
        (2, "Knee Hug"),
    ]
    page = soup(client.get(routine.url))
    assert exercise_titles(page) == ["1. Pelvic Tilt", "2. Knee Hug"]
    knee_hug = page.select("article.exercise")[1]
    assert (
        knee_hug.find("dl", class_="dose-box")
        .get_text(" ", strip=True)
        .startswith("Dose 2 sets × 8 repetitions")
    )
    assert [
        li.get_text(" ", strip=True)
        for li in page.select("article.exercise")[0].select("ol.steps li")
    ] == [
        "Lie down.",
        "Tilt.",
    ]
    assert knee_hug.find(class_="tips__heading").get_text() == "Modification Tips:"
    assert "For knee comfort:" in knee_hug.get_text() and "Use a towel." in knee_hug.get_text()
    # The contents list jumps to the section and to each exercise.
    contents = page.find("nav", class_="contents")
    assert contents.find("a").get_text() == "Warm up"
    anchors = [a["href"] for a in contents.find_all("a")]
    for article in page.select("article.exercise"):
        assert f"#{article['id']}" in anchors
    assert page.find("h2", id="warm-up")
    # Each exercise links to its own page, which lists this routine.
    assert page.find("a", href=f"{second.url}?from={routine.pk}")
    assert "Morning routine" in soup(client.get(second.url)).find(class_="used-in").get_text()


def test_changing_an_exercise_shows_in_every_routine(client, library, articles):
    exercise = make_exercise(library, "Bridge", steps=("Lift your hips.",))
    routines = [
        make_routine(articles, f"Routine {n}", [exercise_block(exercise)], slug=f"r{n}")
        for n in (1, 2)
    ]
    exercise.steps = [("step", {"text": "<p>Lift your hips slowly, one vertebra at a time.</p>"})]
    republish(exercise)
    for routine in routines:
        assert "one vertebra at a time" in client.get(routine.url).content.decode()


def test_dose_override_applies_in_that_routine_only(client, library, articles):
    exercise = make_exercise(library, "Squat", reps_min=12, sets_min=2)
    plain = make_routine(articles, "Plain", [exercise_block(exercise)], slug="plain")
    harder = make_routine(
        articles,
        "Harder",
        [exercise_block(exercise, dose={"sets_min": 3, "reps_min": 15, "reps_max": None})],
        slug="harder",
    )
    assert harder.exercises()[0].dose == Dose(reps=Range(15), sets=Range(3))
    assert "3 sets × 15 repetitions" in client.get(harder.url).content.decode()
    plain_html = client.get(plain.url).content.decode()
    assert "2 sets × 12 repetitions" in plain_html and "3 sets × 15" not in plain_html
    assert "2 sets × 12 repetitions" in client.get(exercise.url).content.decode()


def test_a_routine_note_is_shown_with_its_exercise(client, library, articles):
    exercise = make_exercise(library, "Squat")
    routine = make_routine(
        articles,
        "Noted",
        [exercise_block(exercise, note="<p>Only to half depth this week.</p>")],
    )
    note = (
        soup(client.get(routine.url))
        .find("article", class_="exercise")
        .find(class_="exercise__note")
    )
    assert note.get_text(strip=True) == "Only to half depth this week."
    assert "Only to half depth" not in client.get(exercise.url).content.decode()


def test_unpublished_exercise_is_left_out_and_numbering_closes_up(client, library, articles):
    first = make_exercise(library, "First")
    second = make_exercise(library, "Second")
    third = make_exercise(library, "Third")
    routine = make_routine(
        articles, "Three", [exercise_block(first), exercise_block(second), exercise_block(third)]
    )
    second.unpublish()
    page = soup(client.get(routine.url))
    assert exercise_titles(page) == ["1. First", "2. Third"]


def test_citation_markers_link_to_references_and_back(client, library, articles):
    routine = make_routine(
        articles,
        "Cited",
        [("paragraph", "<p>Space matters (Diwan et al.[1]). See also [2]. Not a ref [9].</p>")],
        references=[
            ("reference", {"citation": "Diwan et al.", "url": ""}),
            ("reference", {"citation": "Fiani et al.", "url": "https://example.com/fiani"}),
        ],
    )
    page = soup(client.get(routine.url))
    marker = page.find("sup", class_="citation").find("a")
    assert marker["href"] == "#reference-1" and marker["id"] == "cite-1"
    reference = page.find(id="reference-1")
    assert "Diwan et al." in reference.get_text()
    assert reference.find("a", href="#cite-1")
    assert page.find(id="reference-2").find("a", href="https://example.com/fiani")
    assert "[9]" in page.get_text()


def test_updated_date_and_byline_are_shown(client, library, articles):
    routine = make_routine(articles, "Dated", [], byline="The clinic's therapists")
    meta = soup(client.get(routine.url)).find(class_="routine__meta")
    assert "By The clinic's therapists" in meta.get_text(" ", strip=True)
    assert meta.find("time")["datetime"] == "2025-05-27"
    assert "May 27, 2025" in meta.get_text()


def test_body_blocks_render_in_reading_order(client, library, articles):
    cta = CallToAction.objects.create(
        heading="Book a visit", button_label="Book", link_url="https://example.com/book"
    )
    routine = make_routine(
        articles,
        "Mixed",
        [
            ("question", {"question": "Is walking good?", "answer": "<p>Yes, most days.</p>"}),
            ("callout", {"kind": "caution", "title": "", "text": "<p>Stop if it hurts.</p>"}),
            ("bulleted_list", {"intro": "Also try:", "items": ["Swimming", "Cycling"]}),
            ("call_to_action", cta),
        ],
        summary="<p>Keep moving.</p>",
    )
    body = soup(client.get(routine.url)).find(class_="routine__body")
    assert body.find("section", class_="question").find("h2").get_text() == "Is walking good?"
    caution = body.find("aside", class_="callout--caution")
    assert caution["aria-label"] == "Caution" and "Stop if it hurts." in caution.get_text()
    assert [li.get_text() for li in body.select("ul.bulleted-list li")] == ["Swimming", "Cycling"]
    assert body.find("aside", class_="call-to-action").find("a")["href"] == (
        "https://example.com/book"
    )
    assert body.find("section", class_="summary").get_text(" ", strip=True) == (
        "Summary Keep moving."
    )


def test_query_count_is_the_same_for_5_and_15_exercises(client, library, articles):
    photos = [make_image("Start", size=(48, 36)), make_image("Finish", size=(48, 36))]
    exercises = [
        make_exercise(
            library,
            f"Exercise {n}",
            photos=photos,
            step_photo=photos[0],
            equipment=("Chair", "Cushion"),
            tags=("sciatica", f"tag-{n}"),
            reps_min=8,
            sets_min=2,
        )
        for n in range(15)
    ]
    small = make_routine(articles, "Five", [exercise_block(e) for e in exercises[:5]], slug="five")
    large = make_routine(
        articles, "Fifteen", [exercise_block(e) for e in exercises], slug="fifteen"
    )
    for routine in (small, large):
        client.get(routine.url)  # renditions are created on the first view
    small_count = count_queries(client, small.url)
    large_count = count_queries(client, large.url)
    assert small_count == large_count, (small_count, large_count)
    # Cold cache: Wagtail's routing and view restrictions are 7 of these, and each kind
    # of thing the routine shows (its topics, exercises, photos, their renditions,
    # equipment, step photos and theirs, related articles and the private sections
    # they leave out) 1 whatever the count.
    assert large_count <= 17
    # Warm fragments: Wagtail's routing and view restrictions only.
    small_warm = count_queries(client, small.url, warm=True)
    large_warm = count_queries(client, large.url, warm=True)
    assert small_warm == large_warm, (small_warm, large_warm)
    assert large_warm <= 7
    page = soup(client.get(large.url))
    assert len(page.select("article.exercise")) == 15
    assert len(page.select("figure.exercise__photo picture")) == 30
    assert len(page.select("figure.step__photo picture")) == 15
