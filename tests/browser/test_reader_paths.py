"""A reader finding their way round the site: navigation, print."""

import re

import pytest
from playwright.sync_api import expect

from .pages import WIDTHS


@pytest.mark.parametrize("viewport_width", WIDTHS)
def test_main_navigation_reaches_each_page_and_marks_it_current(page):
    page.goto("/")
    nav = page.get_by_role("navigation", name="Main")
    titles = nav.get_by_role("link").all_inner_texts()
    assert titles, "the main navigation has no links"
    for title in titles:
        page.get_by_role("navigation", name="Main").get_by_role("link", name=title).click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        current = page.get_by_role("navigation", name="Main").locator("[aria-current=page]")
        expect(current).to_have_text(title)
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_home_page_leads_to_the_schedule_call_to_action_and_back(page):
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
    for selector in (
        ".skip-link",
        ".announcement",
        ".main-nav",
        ".site-header__actions",
        ".site-footer__cta",
        ".site-footer__inner",
        ".site-footer__legal",
    ):
        locator = page.locator(selector)
        for index in range(locator.count()):
            expect(locator.nth(index)).to_be_hidden()
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator(".site-header__name")).to_be_visible()
    body_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert body_size == pytest.approx(16, abs=0.5)  # 12 pt
