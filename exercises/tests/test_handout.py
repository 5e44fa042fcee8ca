"""
The home-exercise handout at `handout/` below a routine or an exercise: only what a
patient does at home (the exercises with one photo, dose, steps and tips, a 7-day log
and a QR code back to the page), in a page of its own, cached like the page itself.
"""

import pytest
from bs4 import BeautifulSoup

from exercises.models import CallToAction

from . import content_version
from .factories import (
    exercise_block,
    make_exercise,
    make_image,
    make_routine,
    republish,
)
from .queries import count_queries, page_queries


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def handout_url(page):
    return page.url + "handout/"


@pytest.fixture
def routine(library, articles):
    photos = [make_image("Start", size=(64, 48)), make_image("Finish", size=(64, 48))]
    knee_hug = make_exercise(
        library,
        "Knee Hug",
        steps=("Lie on your back.", "Hug one knee."),
        tips=(("comfort", "For knee comfort", "Use a towel."), ("harder", "", "Hold longer.")),
        photos=photos,
        reps_min=8,
        sets_min=2,
    )
    pelvic_tilt = make_exercise(
        library, "Pelvic Tilt", steps=("Tilt your pelvis.",), hold_min=5, equipment=("Mat",)
    )
    cta = CallToAction.objects.create(
        heading="Buy the book", button_label="Buy", link_url="https://example.com/book"
    )
    return make_routine(
        articles,
        "Morning routine",
        [
            ("heading", {"text": "Why move", "level": "h2"}),
            ("paragraph", "<p>Space matters for the nerves.</p>"),
            exercise_block(knee_hug, note="<p>Only to half depth this week.</p>"),
            exercise_block(pelvic_tilt, dose={"reps_min": 12}),
            ("question", {"question": "Is walking good?", "answer": "<p>Most days.</p>"}),
            ("call_to_action", cta),
        ],
        intro="Five minutes before breakfast.",
        summary="<p>Keep moving.</p>",
        references=[("reference", {"citation": "Diwan et al.", "url": ""})],
    )


def test_the_handout_shows_each_exercise_with_its_dose_steps_and_tips(client, routine):
    page = soup(client.get(handout_url(routine)))
    assert page.find("h1").get_text(strip=True) == "Morning routine"
    exercises = page.select(".handout-exercise")
    assert [e.find("h2").get_text(" ", strip=True) for e in exercises] == [
        "1. Knee Hug",
        "2. Pelvic Tilt",
    ]
    knee_hug, pelvic_tilt = exercises
    assert "2 sets × 8 repetitions" in knee_hug.find(class_="dose-box").get_text()
    # The routine's own dose for an exercise, as on the routine page.
    assert "12 repetitions" in pelvic_tilt.find(class_="dose-box").get_text()
    assert "Mat" in pelvic_tilt.find(class_="dose-box").get_text()
    assert [li.get_text(strip=True) for li in knee_hug.select("ol.steps li")] == [
        "Lie on your back.",
        "Hug one knee.",
    ]
    tips = knee_hug.select(".tip")
    assert len(tips) == 2
    assert "For knee comfort" in tips[0].get_text() and "Use a towel." in tips[0].get_text()
    assert "Only to half depth this week." in knee_hug.get_text()
    # One photo per exercise, however many the exercise has.
    assert len(knee_hug.select(".handout-exercise__photo picture")) == 1
    assert not pelvic_tilt.select("picture")


def test_the_handout_has_a_log_and_a_qr_code_back_to_the_page(client, routine):
    page = soup(client.get(handout_url(routine)))
    # The address the reader came by (the test client's host), whatever the Site record says.
    full_url = "http://testserver" + routine.url
    log = page.find("table", class_="handout-log__table")
    days = [th.get_text(" ", strip=True) for th in log.select("thead th")][1:]
    assert days == [f"Day {n}" for n in range(1, 8)]
    rows = log.select("tbody tr")[1:]  # after the row for the dates
    assert [row.find("th").get_text(strip=True) for row in rows] == [
        "1. Knee Hug",
        "2. Pelvic Tilt",
    ]
    assert all(len(row.select(".handout-log__box")) == 7 for row in rows)
    qr = page.select_one(".handout__qr-image svg")
    assert qr is not None and qr.find("path")["d"]
    assert full_url in page.find(class_="handout__qr").get_text()
    assert page.find("link", rel="canonical")["href"] == full_url
    assert page.find("a", href=routine.url), "a way back to the full page on screen"


def test_the_handout_leaves_out_what_only_the_article_says(client, routine):
    html = client.get(handout_url(routine)).content.decode()
    for article_only in (
        "Why move",
        "Space matters for the nerves.",
        "Is walking good?",
        "Buy the book",
        "Keep moving.",
        "Diwan et al.",
        "Five minutes before breakfast.",
    ):
        assert article_only not in html
    page = BeautifulSoup(html, "html.parser")
    # A page of its own: the plugin's handout template, not the host's base.html.
    assert page.find("body")["class"] == ["handout-page"]
    assert not page.select(".contents, .routine__header, .related")


def test_the_handout_runs_no_inline_script_or_style(client, routine):
    page = soup(client.get(handout_url(routine)))
    assert not page.select("[style], style")
    assert all(script.get("src") for script in page.find_all("script"))
    assert page.find("button", attrs={"data-handout-print": True}).has_attr("hidden")


def test_the_contact_include_names_the_site_by_default(client, site, routine):
    site.site_name = "Riverside Physio"
    site.save()
    page = soup(client.get(handout_url(routine)))
    assert page.find(class_="handout-contact").get_text(strip=True) == "Riverside Physio"


def test_routine_and_exercise_pages_link_to_their_handouts(client, routine):
    page = soup(client.get(routine.url))
    assert page.find("a", href=handout_url(routine)).get_text(strip=True) == "Print handout"
    exercise = routine.exercises()[0].exercise
    page = soup(client.get(exercise.url))
    assert page.find("a", href=handout_url(exercise)).get_text(strip=True) == "Print handout"


def test_an_exercise_handout_is_the_same_with_one_exercise(client, library):
    exercise = make_exercise(
        library,
        "Bridge",
        steps=("Lift your hips.",),
        photos=[make_image("Bridge", size=(64, 48))],
        reps_min=10,
        precautions="<p>Stop if your back hurts.</p>",
    )
    page = soup(client.get(handout_url(exercise)))
    assert page.find("h1").get_text(strip=True) == "Bridge"
    (item,) = page.select(".handout-exercise")
    assert "10 repetitions" in item.find(class_="dose-box").get_text()
    assert item.select_one("ol.steps li").get_text(strip=True) == "Lift your hips."
    assert "Stop if your back hurts." in item.get_text()
    # Nothing to number when there is one exercise.
    assert not page.select(".handout-exercise__number")
    assert [th.get_text(strip=True) for th in page.select(".handout-log__table tbody th")] == [
        "Date",
        "Bridge",
    ]
    assert "http://testserver" + exercise.url in page.find(class_="handout__qr").get_text()


def test_a_draft_has_no_handout(client, library, articles):
    exercise = make_exercise(library, "Draft exercise", publish=False)
    assert client.get(handout_url(exercise)).status_code == 404
    routine = make_routine(articles, "Soon", [])
    routine.unpublish()
    assert client.get(handout_url(routine)).status_code == 404


def test_the_handout_costs_the_same_queries_for_1_and_5_exercises(client, library, articles):
    photos = [make_image("Start", size=(48, 36)), make_image("Finish", size=(48, 36))]
    exercises = [
        make_exercise(
            library,
            f"Exercise {n}",
            photos=photos,
            step_photo=photos[0],
            equipment=("Chair", "Cushion"),
            reps_min=8,
        )
        for n in range(5)
    ]
    one = make_routine(articles, "One", [exercise_block(exercises[0])], slug="one")
    five = make_routine(articles, "Five", [exercise_block(e) for e in exercises], slug="five")
    for routine in (one, five):
        client.get(handout_url(routine))  # renditions are created on the first view
    one_count = count_queries(client, handout_url(one))
    five_count = count_queries(client, handout_url(five))
    assert one_count == five_count, (one_count, five_count)
    # Cold caches: Wagtail's routing, view restrictions and the site's root paths are 8,
    # then the exercises, their photos, renditions, equipment and step photos with
    # theirs, 1 each.
    assert five_count <= 14
    # Warm fragments: routing and the view restrictions only.
    one_warm = count_queries(client, handout_url(one), warm=True)
    five_warm = count_queries(client, handout_url(five), warm=True)
    assert one_warm == five_warm <= 8, (one_warm, five_warm)
    # An exercise's own handout too.
    assert count_queries(client, handout_url(exercises[0])) <= five_count


def test_the_handout_is_cached_until_the_content_changes(client, library, articles):
    exercise = make_exercise(library, "Seated knee lift", steps=("Lift one knee slowly.",))
    routine = make_routine(articles, "Cached routine", [exercise_block(exercise)])
    url = handout_url(routine)
    first, cold = page_queries(client, url)
    second, warm = page_queries(client, url)
    assert second == first and warm < cold
    exercise.steps = [("step", {"text": "<p>Lift one knee, then lower it.</p>"})]
    republish(exercise)
    # The host says its content changed (a real host does on every publish).
    content_version.bump()
    text, _ = page_queries(client, url)
    assert "Lift one knee, then lower it." in text
    # Publishing the routine itself changes the fragments' key at once.
    routine.title = "Cached routine, reviewed"
    republish(routine)
    text, _ = page_queries(client, url)
    assert "Cached routine, reviewed" in text
