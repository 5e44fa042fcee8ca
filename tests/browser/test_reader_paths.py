"""A reader finding their way round the site: navigation, an article and its exercises, print."""

import re

import pytest
from playwright.sync_api import expect

from .pages import PHONE_WIDTH, WIDTHS

ROUTINE_TITLE = "5 Exercises for Sciatica from Lumbar Spinal Stenosis"
ROUTINE_PATH = "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/"
# What print hides: the site's navigation, the article's contents and the footer.
HIDDEN_IN_PRINT = (
    ".skip-link",
    ".announcement",
    ".site-menu",
    ".site-header__call",
    ".site-footer__cta",
    ".site-footer__inner",
    ".site-footer__legal",
)


def open_menu(page):
    """On a phone the menu is closed behind its "Menu" button; wide, it is always open."""
    toggle = page.locator(".site-menu__toggle")
    if toggle.locator("summary").is_visible() and toggle.get_attribute("open") is None:
        toggle.locator("summary").click()


@pytest.mark.parametrize("viewport_width", WIDTHS)
def test_main_navigation_reaches_each_page_and_marks_it_current(page):
    page.goto("/")
    menu = page.get_by_role("navigation", name="Main").locator(".site-menu__list")
    open_menu(page)
    titles = menu.get_by_role("link").all_inner_texts()
    assert titles, "the main navigation has no links"
    for title in titles:
        open_menu(page)
        menu.get_by_role("link", name=title).click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        open_menu(page)
        expect(menu.locator("[aria-current=page]")).to_have_text(title)
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@pytest.mark.parametrize("viewport_width", [PHONE_WIDTH])
def test_the_phone_menu_opens_and_closes_with_the_keyboard(page):
    page.goto("/")
    summary = page.get_by_role("navigation", name="Main").locator("summary")
    links = page.locator(".site-menu__list a")
    expect(links.first).to_be_hidden()
    summary.focus()
    page.keyboard.press("Enter")
    expect(links.first).to_be_visible()
    page.keyboard.press("Tab")
    expect(links.first).to_be_focused()
    summary.focus()
    page.keyboard.press("Space")
    expect(links.first).to_be_hidden()


def test_the_clinics_name_leads_home(page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"\w"))
    brand = page.locator(".site-header__brand")
    page.goto("/about/")
    brand.click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("#hero-heading")).to_be_visible()


@pytest.mark.parametrize("path", ["/", "/about/"])
def test_print_hides_navigation_and_footer_and_keeps_the_content(page, path):
    page.goto(path)
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        locator = page.locator(selector)
        for index in range(locator.count()):
            expect(locator.nth(index)).to_be_hidden()
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator(".site-header__brand")).to_be_visible()
    body_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert body_size == pytest.approx(16, abs=0.5)  # 12 pt


@pytest.mark.parametrize("viewport_width", WIDTHS)
def test_home_page_to_the_latest_article_to_an_exercise_and_back(page):
    page.goto("/")
    page.locator("main").get_by_role("link", name=ROUTINE_TITLE).first.click()
    expect(page).to_have_url(re.compile(re.escape(ROUTINE_PATH) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ROUTINE_TITLE)

    exercise = page.locator("article.exercise").first
    exercise_title = exercise.locator(".exercise__title").inner_text()
    more = exercise.get_by_role("link", name=re.compile(": open on its own page$"))
    exercise_path = more.get_attribute("href")
    more.click()
    expect(page).to_have_url(re.compile(re.escape(exercise_path) + "$"))
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.sub(r"^\d+\.\s*", "", exercise_title))
    expect(page.locator(".steps li").first).to_be_visible()

    page.go_back()
    expect(page).to_have_url(re.compile(re.escape(ROUTINE_PATH) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ROUTINE_TITLE)


@pytest.mark.parametrize("viewport_width", [PHONE_WIDTH])
def test_the_contents_jump_to_each_exercise(page):
    page.goto(ROUTINE_PATH)
    links = page.locator("nav.contents .contents__exercises a")
    count = links.count()
    exercises = page.locator("article.exercise")
    assert count >= 5 and count == exercises.count(), "one contents entry per exercise"
    for index in range(count):
        link = links.nth(index)
        anchor = link.get_attribute("href")
        assert anchor.startswith("#")
        link.click()
        expect(page).to_have_url(re.compile(re.escape(anchor) + "$"))
        target = page.locator(f"article.exercise[id='{anchor[1:]}']")
        expect(target).to_be_in_viewport()
        title = target.locator(".exercise__title")
        expect(title).to_be_in_viewport()
        assert link.inner_text().strip() == re.sub(r"\s+", " ", title.inner_text()).strip()
        page.evaluate("window.scrollTo(0, 0)")


def test_the_routine_prints_as_a_handout_of_whole_exercises(page):
    page.goto(ROUTINE_PATH)
    page.emulate_media(media="print")
    for selector in (*HIDDEN_IN_PRINT, "nav.contents", ".exercise__more"):
        locator = page.locator(selector)
        for index in range(locator.count()):
            expect(locator.nth(index)).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text(ROUTINE_TITLE)

    exercises = page.locator("article.exercise")
    assert exercises.count() >= 5
    photos = page.locator("article.exercise .exercise__photo img")
    assert photos.count() >= 1, "the demo routine's exercises have photos"
    for index in range(exercises.count()):
        exercise = exercises.nth(index)
        expect(exercise).to_be_visible()
        breaks = exercise.evaluate(
            "el => [getComputedStyle(el).breakInside, getComputedStyle(el).pageBreakInside]"
        )
        assert "avoid" in breaks, f"exercise {index + 1} may be split across pages: {breaks}"
        expect(exercise.locator(".dose-box")).to_be_visible()
        expect(exercise.locator(".steps")).to_be_visible()
    for index in range(photos.count()):
        photo = photos.nth(index)
        photo.scroll_into_view_if_needed()
        expect(photo).to_be_visible()
