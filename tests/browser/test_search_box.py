"""A reader searches from the header on a phone and on a computer, without any script."""

import pytest
from playwright.sync_api import expect

from .pages import WIDTHS
from .test_reader_paths import open_menu


@pytest.mark.parametrize("viewport_width", WIDTHS)
def test_the_header_search_box_finds_an_exercise_by_its_plural(page, viewport_width):
    page.goto("/about/")
    open_menu(page)
    box = page.get_by_role("searchbox", name="Search exercises and articles")
    box.fill("lunges")
    box.press("Enter")
    expect(page).to_have_url("/search/?q=lunges")
    first = page.locator(".search-result").first
    expect(first.locator(".search-result__title")).to_have_text(
        "Modified Lunge (with Chair Support)"
    )
    expect(first.locator("mark")).to_have_text("lunge")
    assert first.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")


def test_on_a_phone_the_box_waits_in_the_menu(page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/about/")
    # Closed, the menu hides the box: it takes no room and no Tab stop.
    expect(page.get_by_role("searchbox")).to_be_hidden()
    open_menu(page)
    expect(page.get_by_role("searchbox")).to_be_visible()
