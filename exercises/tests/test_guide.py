"""
The guided mode at `guide/` below a routine or an exercise: a start screen, a screen per
exercise and an end screen, joined by links that work without JavaScript, and the plan
the script counts from (the doses that apply on that page, in the page's order).
"""

import gzip
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from exercises.dose import Dose
from exercises.guide import counting_plan

from . import content_version
from .factories import exercise_block, make_exercise, make_image, make_routine, republish
from .queries import count_queries, page_queries


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def shown_screen(page_soup):
    """The one screen a reader without JavaScript sees."""
    shown = [s for s in page_soup.select("[data-guide-screen]") if not s.has_attr("hidden")]
    assert len(shown) == 1, [s["data-guide-screen"] for s in shown]
    return shown[0]


def plan_of(page_soup):
    return json.loads(page_soup.find("script", id="guide-plan").string)


@pytest.fixture
def routine(library, articles):
    photo = make_image("Knee hug", size=(64, 48))
    knee_hug = make_exercise(
        library,
        "Knee Hug",
        steps=("Lie on your back.", "Hug one knee to your chest."),
        tips=(("easier", "", "Use a towel behind the knee."),),
        photos=[photo],
        reps_min=8,
        sets_min=2,
        hold_min=1,
        hold_max=2,
    )
    lunge = make_exercise(
        library, "Supported Lunge", steps=("Hold a chair.",), reps_min=15, side="each_leg"
    )
    bridge = make_exercise(library, "Bridge", steps=("Lift your hips.",), reps_min=10)
    return make_routine(
        articles,
        "Morning routine",
        [
            ("paragraph", "<p>Why moving helps.</p>"),
            exercise_block(bridge),
            exercise_block(knee_hug, dose={"reps_min": 5, "sets_min": 3, "rest": 30}),
            exercise_block(lunge),
        ],
    )


def guide_url(page, screen=""):
    return page.url + "guide/" + (f"{screen}/" if screen != "" else "")


def test_the_plan_gives_each_exercise_in_order_with_the_routines_overrides(client, routine):
    plan = plan_of(soup(client.get(guide_url(routine))))
    assert [e["title"] for e in plan["exercises"]] == ["Bridge", "Knee Hug", "Supported Lunge"]
    assert [e["number"] for e in plan["exercises"]] == [1, 2, 3]
    bridge, knee_hug, lunge = (e["count"] for e in plan["exercises"])
    assert bridge == {"sets": 1, "reps": 10, "hold": 0, "rest": 0, "sides": 1, "side": ""}
    # The routine's 3 × 5 with 30 s rest replaces the exercise's 2 × 8; its hold stays.
    assert knee_hug == {"sets": 3, "reps": 5, "hold": 2, "rest": 30, "sides": 1, "side": ""}
    assert lunge["sides"] == 2 and lunge["side"] == "on each leg"
    assert plan_of(soup(client.get(guide_url(routine, 2))))["exercises"][1]["count"] == knee_hug


def test_the_exercise_pages_own_guide_has_its_own_dose(client, routine, library):
    knee_hug = routine.exercises()[1].exercise
    plan = plan_of(soup(client.get(guide_url(knee_hug))))
    assert [e["count"] for e in plan["exercises"]] == [
        {"sets": 2, "reps": 8, "hold": 2, "rest": 0, "sides": 1, "side": ""}
    ]


def test_counting_follows_the_least_a_range_asks_and_the_longest_hold():
    dose = Dose.from_values(
        {
            "reps_min": 12,
            "reps_max": 15,
            "sets_min": 2,
            "sets_max": 3,
            "hold_min": 20,
            "hold_max": 30,
        }
    )
    assert counting_plan(dose) == {
        "sets": 2,
        "reps": 12,
        "hold": 30,
        "rest": 0,
        "sides": 1,
        "side": "",
    }
    # A hold alone is one timed repetition; a frequency alone gives nothing to count.
    assert counting_plan(Dose.from_values({"hold_min": 30}))["reps"] == 1
    assert counting_plan(Dose.from_values({"frequency": "daily"})) is None
    # Rest is timed only between two sets.
    assert counting_plan(Dose.from_values({"reps_min": 5, "sets_min": 1, "rest": 30}))["rest"] == 0


def test_each_screen_shows_one_exercise_and_links_to_the_next(client, routine):
    start = soup(client.get(guide_url(routine)))
    screen = shown_screen(start)
    assert screen["data-guide-screen"] == "start"
    assert screen.h1.get_text(strip=True) == "Morning routine"
    first = screen.find("a", string="Start exercise 1: Bridge")
    assert first["href"] == guide_url(routine, 1)

    titles, url = [], first["href"]
    while url != guide_url(routine, "done"):
        page_soup = soup(client.get(url))
        screen = shown_screen(page_soup)
        titles.append(screen.h1.get_text(strip=True))
        url = screen.select_one(".guide-nav__next")["href"]
    assert titles == ["Bridge", "Knee Hug", "Supported Lunge"]

    second = shown_screen(soup(client.get(guide_url(routine, 2))))
    assert "Exercise 2 of 3" in second.get_text()
    # The dose that applies on this page, in large type and in the dose step's place.
    assert (
        second.select_one(".guide-exercise__dose")
        .get_text(strip=True)
        .endswith("3 sets × 5 repetitions, hold 1–2 seconds, rest 30 seconds between sets")
    )
    assert [li.get_text(" ", strip=True) for li in second.select(".steps > li")] == [
        "Lie on your back.",
        "Hug one knee to your chest.",
    ]
    assert second.select_one("details.guide-tips summary")
    assert "Use a towel behind the knee." in second.select_one("details.guide-tips").get_text()
    assert second.select_one(".guide-nav__next").get_text(strip=True) == (
        "Next exercise: Supported Lunge"
    )
    last = shown_screen(soup(client.get(guide_url(routine, 3))))
    assert last.select_one(".guide-nav__next").get_text(strip=True) == "Finish"


def test_the_end_screen_says_the_log_stays_in_the_browser_and_works_without_it(client, routine):
    done = shown_screen(soup(client.get(guide_url(routine, "done"))))
    text = done.get_text(" ", strip=True)
    assert "never sent to us" in text
    assert done.find("button", string="Done today")
    assert done.find("button", string="Clear my log")
    # Without the script the log cannot be kept: the reader is told and sent to the handout.
    no_script = done.select_one("[data-guide-no-script]")
    assert not no_script.has_attr("hidden")
    assert no_script.a["href"] == routine.url + "handout/"
    assert done.select_one("[data-guide-done]").has_attr("hidden")


def test_screens_beyond_the_routine_are_not_found(client, routine):
    assert client.get(guide_url(routine, 4)).status_code == 404
    assert client.get(guide_url(routine, 0)).status_code == 404


def test_routine_and_exercise_pages_link_to_their_guide(client, routine):
    page = soup(client.get(routine.url))
    assert page.find("a", string="Start this routine")["href"] == guide_url(routine)
    exercise = routine.exercises()[0].exercise
    page = soup(client.get(exercise.url))
    assert page.find("a", string="Start")["href"] == guide_url(exercise)


def test_the_guide_runs_only_its_own_script_and_no_inline_code(client, routine):
    page = soup(client.get(guide_url(routine, 2)))
    scripts = page.find_all("script")
    assert [s.get("src") for s in scripts if s.get("src")] == ["/static/exercises/js/guide.js"]
    assert [s.get("type") for s in scripts if not s.get("src")] == ["application/json"]
    assert not page.select("[style]") and not page.select("[onclick]")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_a_guide_costs_the_same_queries_for_1_and_5_exercises(client, library, articles):
    photos = [make_image("Start", size=(48, 36))]
    exercises = [
        make_exercise(library, f"Exercise {n}", photos=photos, step_photo=photos[0], reps_min=8)
        for n in range(5)
    ]
    one = make_routine(articles, "One", [exercise_block(exercises[0])], slug="one")
    five = make_routine(articles, "Five", [exercise_block(e) for e in exercises], slug="five")
    for routine in (one, five):
        client.get(guide_url(routine, 1))  # renditions are created on the first view
    assert count_queries(client, guide_url(one, 1)) == count_queries(client, guide_url(five, 1))
    assert count_queries(client, guide_url(one)) == count_queries(client, guide_url(five))
    warm_one = count_queries(client, guide_url(one, "done"), warm=True)
    warm_five = count_queries(client, guide_url(five, "done"), warm=True)
    assert warm_one == warm_five <= 8, (warm_one, warm_five)


def test_each_screen_is_cached_on_its_own_until_the_content_changes(client, library, articles):
    exercise = make_exercise(library, "Seated knee lift", steps=("Lift one knee slowly.",))
    other = make_exercise(library, "Ankle circles", steps=("Circle your ankle.",))
    routine = make_routine(articles, "Cached", [exercise_block(exercise), exercise_block(other)])
    first, cold = page_queries(client, guide_url(routine, 1))
    again, warm = page_queries(client, guide_url(routine, 1))
    assert again == first and warm < cold
    # The next screen is not the cached first one.
    second = soup(client.get(guide_url(routine, 2)))
    assert shown_screen(second).h1.get_text(strip=True) == "Ankle circles"
    exercise.steps = [("step", {"text": "<p>Lift one knee, then lower it.</p>"})]
    republish(exercise)
    content_version.bump()
    text, _ = page_queries(client, guide_url(routine, 1))
    assert "Lift one knee, then lower it." in text


def test_the_guides_scripts_stay_small():
    """At most 15 KB gzipped for the guide and its video facade together."""
    folder = Path(__file__).resolve().parents[1] / "static" / "exercises" / "js"
    size = sum(
        len(gzip.compress((folder / name).read_bytes(), 9)) for name in ("guide.js", "video.js")
    )
    assert size <= 15 * 1024, size


def test_a_frontend_cache_is_given_every_address_of_a_routine_and_of_an_index(
    client, routine, articles
):
    """What Wagtail's frontend cache purges with a page (`get_cached_paths`): every one
    of these answers, so none is left stale in a CDN."""
    routine_paths = routine.get_cached_paths()
    assert routine_paths == [
        "/",
        "handout/",
        "guide/",
        "guide/1/",
        "guide/2/",
        "guide/3/",
        "guide/done/",
    ]
    routine.tags.add("knee pain")
    republish(routine)
    index_paths = articles.get_cached_paths()
    assert index_paths == ["/", "feed/", "feed/atom/", "tag/knee-pain/"]
    for page, paths in ((routine, routine_paths), (articles, index_paths)):
        for path in paths:
            assert client.get(page.url + path.lstrip("/")).status_code == 200, path
