"""An editor in the Wagtail admin, through a real browser."""

import json
import re

from playwright.sync_api import expect


def test_admin_asks_for_a_login(page):
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    expect(page.get_by_label("Username")).to_be_visible()


def test_superuser_logs_in_and_sees_the_dashboard(page, admin_login):
    admin_login(page)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto("/admin/settings/home/clinicsettings/")
    expect(page.get_by_label("Clinic name")).to_have_value(re.compile(r"\w"))
    # The dashboard's version check and avatars are allowed by the admin's policy.
    assert page.csp_violations == []


def test_a_wrong_password_is_refused(page, live_site):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(live_site.admin_username)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    expect(page.get_by_text(re.compile("username and password didn.t match", re.I))).to_be_visible()


def test_an_editor_made_by_create_user_reaches_the_pages(page, admin_login, create_user):
    username, password = create_user("browser-editor", groups=["Editors"])
    admin_login(page, username, password)
    page.goto("/admin/pages/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # Editors may not change the clinic's settings.
    response = page.goto("/admin/settings/home/clinicsettings/")
    assert response.url.endswith("/admin/") or response.status in (302, 403)


ADMIN_TIMEOUT_MS = 20_000
ROUTINE_TITLE = "5 Exercises for Sciatica from Lumbar Spinal Stenosis"
ROUTINE_PATH = "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/"
NEW_EXERCISE = {
    "title": "Supine Pelvic Tilt",
    "summary": "A gentle way to move the lower back, lying on your back.",
    "steps": [
        "Lie on your back with your knees bent and your feet flat on the floor.",
        "Tighten your stomach and press the small of your back into the floor.",
        "Hold for 5 seconds, then relax.",
    ],
    "tip_title": "For neck comfort",
    "tip": "Rest your head on a small pillow.",
}
# A rich text box of a StreamField block (Draftail), by its role.
RICH_TEXT = "[role=textbox][contenteditable=true]"


def type_rich_text(page, block, text):
    """Type into a block's rich text box; wait until the editor has stored it in the form."""
    block.locator(RICH_TEXT).click()
    page.keyboard.type(text)
    # Draftail writes the text to its hidden input a moment after the last key press.
    stored = block.locator("input[type=hidden][name$='-value-text']")
    expect(stored).to_have_value(re.compile(re.escape(json.dumps(text)[1:-1])))


def stream_end(page, field_name):
    """The StreamField of `field_name`: (its blocks, the + button after its last block)."""
    stream = page.locator(f"#{field_name}-root > [data-streamfield-stream-container]")
    return (
        stream.locator(":scope > [data-streamfield-child]"),
        stream.locator(":scope > div:last-child > button.c-sf-add-button"),
    )


def publish(page, action="Publish"):
    """Publish the page being edited; on a validation error, fail with the admin's messages."""
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=action, exact=True).click()
    done = page.locator(".messages").filter(has_text=re.compile("published|could not be"))
    expect(done).to_be_visible()
    if re.search(r"/(edit|add|revert)/", page.url):
        errors = page.evaluate(
            """() => [...document.querySelectorAll('.error-message, .w-field__errors')]
                .filter((el) => el.innerText.trim())
                .map((el) => {
                    const path = [];
                    for (let n = el; n; n = n.parentElement) {
                        if (n.dataset && n.dataset.contentpath) path.unshift(n.dataset.contentpath);
                    }
                    return `${path.join('/')}: ${el.innerText.trim()}`;
                })"""
        )
        raise AssertionError(f"not published: {page.locator('.messages').inner_text()} {errors}")
    expect(page.locator(".messages")).to_contain_text("published")


def run_on_site(live_site, code):
    """Python run by `manage.py shell` against the live site's database; its output."""
    return live_site.manage("shell", "--no-startup", "--no-imports", "-c", code).strip()


def create_exercise(page, exercise):
    page.goto("/admin/exercise_pages/")
    page.get_by_role("link", name="Add exercise page").click()
    # The library is the only place an exercise can go, so Wagtail skips the parent choice.
    expect(page.get_by_role("heading", name="New: Exercise page")).to_be_visible()
    page.locator("#id_title").fill(exercise["title"])
    page.get_by_role("textbox", name="Summary").fill(exercise["summary"])

    steps, add_step = stream_end(page, "steps")
    for index, text in enumerate(exercise["steps"]):
        add_step.click()  # the only block type: added straight away
        type_rich_text(page, steps.nth(index), text)
    expect(steps).to_have_count(3)

    page.get_by_role("spinbutton", name="Repetitions", exact=True).fill("10")
    page.get_by_role("spinbutton", name="Sets", exact=True).fill("2")

    tips, add_tip = stream_end(page, "modifications")
    add_tip.click()
    tips.first.get_by_role("textbox", name="Title").fill(exercise["tip_title"])
    type_rich_text(page, tips.first, exercise["tip"])
    publish(page)
    expect(page.locator(".messages")).to_contain_text(exercise["title"])


def add_exercise_to_routine(page, exercise_title, sets):
    page.goto("/admin/routines/")
    page.get_by_role("link", name=ROUTINE_TITLE).first.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    blocks, add_block = stream_end(page, "body")
    count = blocks.count()
    add_block.click()
    page.get_by_role("option", name="Exercise", exact=True).click()
    expect(blocks).to_have_count(count + 1)
    block = blocks.nth(count)
    block.get_by_role("button", name="Choose a page").click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("link", name=exercise_title).click()
    expect(chooser).to_be_hidden()
    expect(block).to_contain_text(exercise_title)
    # The routine's own dose is folded away until the editor opens it.
    sets_field = block.get_by_role("spinbutton", name="Sets", exact=True)
    expect(sets_field).to_be_hidden()
    heading = block.get_by_role("heading", name=re.compile(r"Dose for this routine"))
    block.locator(f'button[aria-describedby="{heading.get_attribute("id")}"]').click()
    sets_field.fill(str(sets))
    publish(page)
    expect(page.locator(".messages")).to_contain_text(ROUTINE_TITLE)


def live_routine_revision(live_site):
    """(page id, live revision id) of the demo routine, to put it back after a test."""
    return run_on_site(
        live_site,
        "from exercises.models import RoutinePage; "
        f"routine = RoutinePage.objects.get(title={ROUTINE_TITLE!r}); "
        "print(routine.pk, routine.live_revision_id)",
    ).split()


def test_editor_publishes_an_exercise_and_adds_it_to_a_routine_with_its_own_dose(
    page, admin_login, live_site
):
    page.set_default_timeout(ADMIN_TIMEOUT_MS)
    admin_login(page)
    routine_id, demo_revision = live_routine_revision(live_site)

    create_exercise(page, NEW_EXERCISE)
    page.goto("/exercises/supine-pelvic-tilt/")
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_EXERCISE["title"])
    expect(page.locator(".steps > li")).to_have_text(NEW_EXERCISE["steps"])
    expect(page.locator(".dose-box")).to_contain_text("2 sets × 10 repetitions")
    expect(page.locator(".tips")).to_contain_text(NEW_EXERCISE["tip_title"])
    expect(page.locator(".tips")).to_contain_text(NEW_EXERCISE["tip"])

    try:
        add_exercise_to_routine(page, NEW_EXERCISE["title"], sets=3)
        page.goto(ROUTINE_PATH)
        added = page.locator("article.exercise").filter(
            has=page.get_by_role("heading", name=NEW_EXERCISE["title"])
        )
        expect(added).to_have_count(1)
        expect(added.locator(".steps > li")).to_have_text(NEW_EXERCISE["steps"])
        expect(added.locator(".dose-box")).to_contain_text("3 sets × 10 repetitions")
        contents = page.locator("nav.contents")
        expect(contents.get_by_role("link", name=NEW_EXERCISE["title"])).to_be_visible()
    finally:
        # The other browser tests (and their screenshots) see the demo routine as it was.
        page.goto(f"/admin/pages/{routine_id}/revisions/{demo_revision}/revert/")
        publish(page, action="Publish this version")
    page.goto(ROUTINE_PATH)
    expect(page.get_by_role("heading", name=NEW_EXERCISE["title"])).to_have_count(0)
    # The editor, its page chooser and the published pages, all within their policies.
    assert page.csp_violations == []


def test_the_exercises_listing_filters_by_tag(page, admin_login, live_site):
    page.set_default_timeout(ADMIN_TIMEOUT_MS)
    expected = run_on_site(
        live_site,
        "from exercises.models import ExercisePage; "
        "print('\\n'.join(sorted(ExercisePage.objects.filter(tags__slug='flexion')"
        ".values_list('title', flat=True))))",
    ).splitlines()
    everything = run_on_site(
        live_site,
        "from exercises.models import ExercisePage; print(ExercisePage.objects.count())",
    )
    assert expected and len(expected) < int(everything), "the demo tags some exercises flexion"

    admin_login(page)
    page.goto("/admin/exercise_pages/?tag=flexion")
    titles = page.locator("main table tbody td.title .title-wrapper a")
    listed = sorted({text.strip() for text in titles.all_inner_texts() if text.strip()})
    assert listed == expected
