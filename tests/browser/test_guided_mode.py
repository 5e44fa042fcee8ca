"""The guided mode of the demo routine on a phone (375 px): a reader follows it at home.

With the script: start, count a set to its end, time a hold (the clock is Playwright's),
go through all five exercises, log the day and find the log after a reload. Without
JavaScript the same addresses show each exercise and its "Next" link. axe is run in
every state, and the page's Content Security Policy must block nothing.
Screenshots: test-artifacts/screenshots/guide-start-375.png, guide-mid-hold-375.png,
guide-done-375.png.
"""

import re

import pytest
from playwright.sync_api import expect

from .checks import horizontal_overflow, split_heading_words
from .conftest import describe_violations
from .test_editor_paths import ADMIN_TIMEOUT_MS, publish, run_on_site

ROUTINE_PATH = "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/"
GUIDE_PATH = ROUTINE_PATH + "guide/"
PHONE = (375, 812)


@pytest.fixture
def phone(new_page):
    page = new_page(*PHONE)
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    page.context.close()


def screen(page):
    """The screen the reader sees now."""
    return page.locator("[data-guide-screen]:visible")


def assert_accessible(page, axe_check, state):
    violations = axe_check(page)
    assert violations == [], f"{state}:\n{describe_violations(violations)}"


def assert_clean(page):
    assert page.csp_violations == []
    assert page.console_errors == []
    assert page.failed_responses == []


def test_a_reader_follows_the_routine_counts_times_and_logs_the_day(phone, axe_check, screenshot):
    page = phone
    page.clock.install()
    page.goto(ROUTINE_PATH)
    page.get_by_role("link", name="Start this routine").click()
    page.wait_for_url(re.compile(r"/guide/$"))
    titles = page.locator(".guide-start__name").all_inner_texts()
    assert len(titles) == 5
    expect(page.get_by_role("checkbox", name="Beep when a hold or a rest ends")).not_to_be_checked()
    expect(page.get_by_role("checkbox", name="Say the count aloud")).not_to_be_checked()
    assert_accessible(page, axe_check, "start")
    screenshot(page, "guide-start")

    # Screens change without loading a page: the marker set here survives.
    page.evaluate("() => { window.stillTheSamePage = true; }")
    page.get_by_role("link", name=f"Start exercise 1: {titles[0]}").click()
    expect(page).to_have_url(re.compile(r"/guide/1/$"))
    expect(screen(page).get_by_role("heading", level=1)).to_have_text(titles[0])
    expect(page.get_by_role("heading", level=1)).to_be_focused()

    # Exercise 1: 2 sets × 8 repetitions, each held 1–2 seconds (the timer runs 2).
    page.clock.pause_at(page.evaluate("() => Date.now()") + 1000)
    start_hold = screen(page).get_by_role("button", name="Start the hold (2 seconds): repetition 1")
    assert start_hold.bounding_box()["height"] >= 48
    start_hold.click()
    digits = screen(page).locator(".guide-timer__digits")
    expect(digits).to_have_text("2")
    page.clock.run_for(1100)
    expect(digits).to_have_text("1")
    expect(page.locator("[data-guide-live]")).to_have_text("Hold for 2 seconds.")
    assert digits.bounding_box()["height"] >= 60  # large digits
    screenshot(page, "guide-mid-hold")
    # axe waits on the page's own timers: time flows again from here, and the scan starts
    # with the hold still running.
    page.clock.resume()
    assert_accessible(page, axe_check, "mid-hold")
    expect(digits).to_have_count(0)
    status = screen(page).locator(".guide-counter__status")
    expect(status).to_contain_text("Set 1 of 2: 1 of 8 repetitions done")

    # The current step stands out and moves on with its button.
    steps = screen(page).locator(".steps > li")
    expect(steps.first).to_have_attribute("aria-current", "step")
    back = screen(page).get_by_role("button", name="Previous step")
    expect(back).to_have_attribute("aria-disabled", "true")
    screen(page).get_by_role("button", name="Next step").click()
    expect(steps.nth(1)).to_have_attribute("aria-current", "step")
    # Back to the first step by keyboard: the inactive button keeps the focus.
    back.focus()
    page.keyboard.press("Enter")
    expect(steps.first).to_have_attribute("aria-current", "step")
    expect(back).to_have_attribute("aria-disabled", "true")
    expect(back).to_be_focused()
    page.keyboard.press("Enter")
    expect(steps.first).to_have_attribute("aria-current", "step")

    page.get_by_role("link", name=f"Next exercise: {titles[1]}").click()
    expect(page).to_have_url(re.compile(r"/guide/2/$"))
    page.get_by_role("link", name=f"Next exercise: {titles[2]}").click()

    # Exercise 3: 2 sets × 12 repetitions, no hold: a set counted to its end, by keyboard.
    expect(screen(page).get_by_role("heading", level=1)).to_have_text(titles[2])
    count = screen(page).get_by_role("button", name=re.compile(r"^Done repetition \d+ of 12$"))
    assert count.bounding_box()["height"] >= 48
    count.focus()
    for _ in range(12):
        page.keyboard.press("Enter")
    live = page.locator("[data-guide-live]")
    expect(live).to_have_text(re.compile(r"^Set 1 of 2 done\. Rest as long as you need"))
    expect(screen(page).locator(".guide-counter__status")).to_contain_text(
        "Set 2 of 2: 0 of 12 repetitions done"
    )
    assert_accessible(page, axe_check, "a set counted")
    undo = screen(page).get_by_role("button", name="Undo last repetition")
    assert undo.bounding_box()["height"] >= 48

    page.get_by_role("link", name=f"Next exercise: {titles[3]}").click()
    page.get_by_role("link", name=f"Next exercise: {titles[4]}").click()
    expect(screen(page).get_by_role("heading", level=1)).to_have_text(titles[4])
    page.get_by_role("link", name="Finish").click()
    expect(page).to_have_url(re.compile(r"/guide/done/$"))
    assert page.evaluate("() => window.stillTheSamePage") is True

    # The day is logged in this browser only, and is there after a reload.
    done = screen(page)
    expect(done.get_by_text("never sent to us")).to_be_visible()
    for title in titles:
        expect(done.get_by_role("checkbox", name=re.compile(re.escape(title)))).to_be_checked()
    done.get_by_role("button", name="Done today").click()
    expect(done.get_by_role("status")).to_have_text("Saved in your log for today: 5 exercises.")
    page.reload()
    today = screen(page).locator(".guide-log__days > li").first
    expect(today).to_contain_text("Today")
    expect(today).to_contain_text("5 Exercises for Sciatica")
    expect(today).to_contain_text("5 exercises")
    assert_accessible(page, axe_check, "done")
    screenshot(page, "guide-done")

    # Back in the browser's history: the previous screen, still without a page load.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/guide/5/$"))

    # "Clear my log" empties it.
    page.goto(GUIDE_PATH + "done/")
    screen(page).get_by_role("button", name="Clear my log").click()
    expect(screen(page).locator(".guide-log__days > li").first).to_contain_text("Nothing logged")
    assert page.evaluate("() => window.localStorage.getItem('exercises:log')") is None
    assert_clean(page)


def test_without_javascript_each_screen_is_a_page_with_its_next_link(browser, live_site):
    context = browser.new_context(
        base_url=live_site.url,
        viewport={"width": PHONE[0], "height": PHONE[1]},
        java_script_enabled=False,
    )
    page = context.new_page()
    try:
        page.goto(GUIDE_PATH)
        titles = page.locator(".guide-start__name").all_inner_texts()
        assert len(titles) == 5
        expect(page.locator("[data-guide-options]")).to_be_hidden()
        page.get_by_role("link", name=f"Start exercise 1: {titles[0]}").click()
        for number, title in enumerate(titles, start=1):
            expect(page).to_have_url(re.compile(rf"/guide/{number}/$"))
            visible = screen(page)
            expect(visible).to_have_count(1)
            expect(visible.get_by_role("heading", level=1)).to_have_text(title)
            expect(visible.locator(".guide-exercise__dose")).to_be_visible()
            expect(visible.locator(".steps > li").first).to_be_visible()
            expect(visible.locator("[data-guide-counter]")).to_be_hidden()  # no empty box
            next_name = f"Next exercise: {titles[number]}" if number < 5 else "Finish"
            visible.get_by_role("link", name=next_name).click()
        expect(page).to_have_url(re.compile(r"/guide/done/$"))
        expect(page.get_by_text("needs JavaScript")).to_be_visible()
        expect(page.get_by_role("button", name="Done today")).to_be_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "1/", "done/"])
def test_the_screens_without_their_script_are_accessible(phone, axe_check, path):
    """axe needs JavaScript itself: the page's own script is refused instead."""
    page = phone
    page.route("**/exercises/js/guide.js*", lambda route: route.abort())
    page.goto(GUIDE_PATH + path)
    if path == "done/":
        expect(page.locator("[data-guide-no-script]")).to_be_visible()
    expect(screen(page).locator("[data-guide-options], [data-guide-counter]")).to_be_hidden()
    violations = axe_check(page)
    assert violations == [], describe_violations(violations)


VIDEO_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
EXERCISE_ID = (
    "from exercises.models import ExercisePage; "
    "print(ExercisePage.objects.get(slug='seated-lumbar-flexion').pk)"
)


def edit_exercise_in_the_admin(new_page, admin_login, live_site, video_url, rest):
    """Through the admin, as an editor would: the live site then knows content changed."""
    editor = new_page()
    editor.set_default_timeout(ADMIN_TIMEOUT_MS)
    try:
        admin_login(editor)
        editor.goto(f"/admin/pages/{run_on_site(live_site, EXERCISE_ID)}/edit/")
        editor.locator("#id_video_url").fill(video_url)
        editor.locator("#id_rest").fill(rest)
        publish(editor)
    finally:
        editor.context.close()


@pytest.fixture
def exercise_with_video(new_page, admin_login, live_site):
    """The demo's first exercise with a YouTube link and 30 seconds' rest between sets."""
    edit_exercise_in_the_admin(new_page, admin_login, live_site, VIDEO_URL, "30")
    yield "/exercises/seated-lumbar-flexion/"
    edit_exercise_in_the_admin(new_page, admin_login, live_site, "", "")


def test_a_rest_timer_runs_between_two_sets(phone, exercise_with_video):
    page = phone
    page.clock.install()
    page.goto(exercise_with_video + "guide/1/")
    page.clock.pause_at(page.evaluate("() => Date.now()") + 1000)
    counter = screen(page).locator(".guide-counter")
    for repetition in range(1, 9):
        counter.get_by_role(
            "button", name=f"Start the hold (2 seconds): repetition {repetition}"
        ).click()
        page.clock.run_for(2100)
    live = page.locator("[data-guide-live]")
    expect(live).to_have_text("Set 1 of 2 done. Rest for 30 seconds.")
    digits = counter.locator(".guide-timer--rest .guide-timer__digits")
    expect(digits).to_have_text("30")
    expect(counter.get_by_role("button", name="Skip the rest")).to_be_focused()
    page.clock.run_for(15_000)
    expect(digits).to_have_text("15")
    page.clock.run_for(15_100)
    expect(digits).to_have_count(0)
    expect(live).to_have_text("Rest over. Set 2 of 2: 0 of 8 repetitions done")
    expect(
        counter.get_by_role("button", name="Start the hold (2 seconds): repetition 1")
    ).to_be_focused()
    assert_clean(page)


def test_a_video_facade_requests_nothing_off_the_site_until_pressed(
    phone, live_site, axe_check, exercise_with_video
):
    page = phone
    off_site = []

    def record(route):
        if route.request.url.startswith(live_site.url):
            route.continue_()
        else:  # the network is closed: answer for the player, and note that it was asked
            off_site.append(route.request.url)
            route.fulfill(status=200, content_type="text/html", body="<title>Player</title>")

    page.route("**/*", record)
    for path in (exercise_with_video, ROUTINE_PATH, GUIDE_PATH + "1/"):
        response = page.goto(path)
        assert "https://www.youtube-nocookie.com" in response.headers["content-security-policy"]
        facade = screen(page) if "guide" in path else page
        play = facade.get_by_role("link", name="Play the video of Seated Lumbar Flexion")
        expect(play).to_be_visible()
        play.scroll_into_view_if_needed()
        page.wait_for_load_state("networkidle")
        assert off_site == [], path
    violations = axe_check(page)
    assert violations == [], describe_violations(violations)

    play.click()
    player = screen(page).locator("iframe[title='Video: Seated Lumbar Flexion']")
    expect(player).to_have_attribute(
        "src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/")
    )
    expect(player).to_be_focused()
    page.wait_for_load_state("networkidle")
    assert [url.split("?")[0] for url in off_site] == [
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    ]
    assert_clean(page)


@pytest.mark.parametrize("path", ["", "1/", "5/", "done/"])
def test_200_percent_text_at_320_px_reflows_in_every_screen(new_page, path):
    page = new_page(320, 640)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    try:
        page.goto(GUIDE_PATH + path)
        if path == "1/":  # with the hold timer on screen
            screen(page).get_by_role("button", name=re.compile("^Start the hold")).click()
            expect(screen(page).locator(".guide-timer__digits")).to_be_visible()
        overflow = horizontal_overflow(page)
        assert overflow["scrollWidth"] <= overflow["clientWidth"], overflow
        assert overflow["offenders"] == [], "\n".join(overflow["offenders"])
        assert split_heading_words(page) == []
    finally:
        page.context.close()
