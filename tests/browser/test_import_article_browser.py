"""An editor imports the clinic's article through "Exercises → Import an article"."""

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import describe_violations

SOURCE = Path(__file__).resolve().parents[1] / "data" / "source-article.txt"
TIMEOUT_MS = 20_000


def test_an_editor_reviews_the_import_and_gets_drafts(
    new_page, admin_login, create_user, axe_check, screenshot
):
    username, password = create_user("browser-importer", groups=["Editors"])
    page = new_page(1280)
    admin_login(page, username, password)
    page.get_by_role("button", name="Exercises").click()
    page.get_by_role("link", name="Import an article").click()
    expect(page.get_by_role("heading", name="Import an article")).to_be_visible()
    page.get_by_label("Paste the article").fill(SOURCE.read_text())
    page.get_by_role("button", name="Read the article").click()

    expect(page.get_by_text("Nothing is saved yet.")).to_be_visible(timeout=TIMEOUT_MS)
    legends = page.locator("fieldset.exercises-import-exercise legend")
    expect(legends).to_have_count(5)
    expect(legends.first).to_have_text("Exercise 1: Seated Lumbar Flexion")
    expect(page.get_by_text("2 sets × 8 repetitions, hold 1–2 seconds")).to_be_visible()
    violations = axe_check(page, context="main")
    assert violations == [], describe_violations(violations)
    assert page.csp_violations == []
    screenshot(page, "import-review")
    legends.nth(4).scroll_into_view_if_needed()
    screenshot(page, "import-review-exercise-5")

    # A phone at 320 px: nothing wider than the screen.
    phone = new_page(320)
    admin_login(phone, username, password)
    phone.goto("/admin/exercises/import/")
    phone.get_by_label("Paste the article").fill(SOURCE.read_text())
    phone.get_by_role("button", name="Read the article").click()
    expect(phone.get_by_text("Nothing is saved yet.")).to_be_visible(timeout=TIMEOUT_MS)
    overflow = phone.evaluate(
        "document.querySelector('main').scrollWidth - document.querySelector('main').clientWidth"
    )
    assert overflow <= 0
    screenshot(phone, "import-review")
    phone.context.close()

    # New exercises for two of them instead of the library's, then the drafts.
    page.get_by_label(re.compile("Use the library's “Seated Lumbar Flexion”")).uncheck()
    page.locator("input[name=title]").fill("Sciatica exercises, imported in a browser")
    page.get_by_role("button", name="Create the drafts").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"), timeout=TIMEOUT_MS)
    expect(page.get_by_text(re.compile("as a draft with 1 new draft exercise"))).to_be_visible()
    expect(page.get_by_text("Content checks").first).to_be_attached()
    assert page.csp_violations == []
    page.context.close()
