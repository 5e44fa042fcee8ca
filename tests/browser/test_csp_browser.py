"""The Content Security Policy in a real browser: what it blocks, and what still works under it.

Every page in pages.PAGES is checked for violations by test_pages.py, and the editor's
paths by test_editor_paths.py; `page.csp_violations` (conftest.py) collects them.
"""

import re

from playwright.sync_api import expect

from .test_editor_paths import ADMIN_TIMEOUT_MS, stream_end, type_rich_text

EXERCISE_TITLE = "Seated Lumbar Flexion"
EXERCISE_PATH = "/exercises/seated-lumbar-flexion/"
NEW_STEP = "Breathe out slowly as you bend forward."


def test_a_script_or_style_written_into_a_readers_page_is_blocked(page):
    """The strictness that matters: injected code does not run, and the block is reported."""
    response = page.goto(EXERCISE_PATH)
    assert "script-src 'self';" in response.headers["content-security-policy"] + ";"
    page.evaluate(
        """() => {
            const script = document.createElement('script');
            script.textContent = 'window.injected = true';
            document.body.append(script);
            document.querySelector('h1').setAttribute('style', 'color: rgb(255, 0, 0)');
        }"""
    )
    assert page.evaluate("() => window.injected") is None
    expect(page.locator("h1")).not_to_have_css("color", "rgb(255, 0, 0)")
    blocked = " ".join(page.csp_violations)
    assert "script-src-elem blocked inline on" in blocked
    assert "style-src-attr blocked inline on" in blocked


def test_an_editor_reads_the_site_with_the_wagtail_userbar_under_the_readers_policy(
    page, admin_login
):
    admin_login(page)
    response = page.goto(EXERCISE_PATH)
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    page.locator("[data-wagtail-userbar-trigger]").click()
    expect(page.get_by_role("menuitem", name=re.compile("Edit this page"))).to_be_visible()
    assert page.csp_violations == []


def test_an_editor_changes_an_exercise_adds_a_step_and_saves_a_draft_under_the_admins_policy(
    page, admin_login
):
    page.set_default_timeout(ADMIN_TIMEOUT_MS)
    admin_login(page)
    response = page.goto("/admin/exercise_pages/")
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    page.get_by_role("link", name=EXERCISE_TITLE, exact=True).first.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    editor_url = page.url

    page.get_by_role("textbox", name="Summary").fill("Edited in the browser under the policy.")
    steps, add_step = stream_end(page, "steps")
    count = steps.count()
    add_step.click()
    expect(steps).to_have_count(count + 1)
    type_rich_text(page, steps.nth(count), NEW_STEP)

    # The preview beside the editor is the reader's page, under the readers' policy.
    page.get_by_role("button", name="Toggle preview").click()
    # Wagtail swaps in a fresh frame on each refresh.
    preview = page.frame_locator("iframe[title='Preview']").last
    expect(preview.get_by_text(NEW_STEP)).to_be_visible()

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text(EXERCISE_TITLE)
    draft = page.goto(editor_url.replace("/edit/", "/view_draft/"))
    assert draft.ok
    expect(page.locator(".steps > li").last).to_have_text(NEW_STEP)
    assert page.csp_violations == []
