"""Every page in pages.PAGES at every width in pages.WIDTHS (375 and 1280 px).

Each page is loaded once per width and checked, in this order: a full-page screenshot,
no broken resources, nothing blocked by the Content Security Policy, axe-core (WCAG
2.0/2.1/2.2 A and AA), no sideways scrolling, text of at least 18 px with a gutter at the
screen's edges, then the keyboard (the skip link first, every control reachable with
Tab, a visible focus indicator on each).

Add a page to pages.PAGES and it gets every check here.
"""

import pytest

from .checks import (
    active_element,
    focus_look,
    horizontal_overflow,
    small_text,
    tag_focusables,
    text_against_the_edges,
)
from .conftest import describe_violations
from .pages import PAGES, WIDTHS

MIN_TEXT_PX = 18
GUTTER_PX = 12

VIEWS = [(site_page, width) for site_page in PAGES for width in WIDTHS]


@pytest.fixture(scope="module", params=VIEWS, ids=[f"{p.name}-{w}" for p, w in VIEWS])
def view(request, new_page):
    """One page of the site, loaded (and prepared) at one width, shared by the checks."""
    site_page, width = request.param
    page = new_page(width)
    site_page.open(page)
    yield site_page, page
    page.context.close()


def start_from_the_top(page):
    """Make the next Tab start from the top of the page, as on a fresh load."""
    page.evaluate(
        """() => {
            const start = document.createElement('span');
            start.tabIndex = -1;
            document.body.prepend(start);
            start.focus();
            start.addEventListener('blur', () => start.remove(), {once: true});
            window.scrollTo(0, 0);
        }"""
    )


def test_screenshot(view, screenshot):
    site_page, page = view
    path = screenshot(page, site_page.name)
    assert path.stat().st_size > 0


def test_no_broken_resources(view):
    _, page = view
    assert page.failed_responses == []


def test_nothing_blocked_by_the_content_security_policy(view):
    _, page = view
    assert page.csp_violations == []


def test_no_accessibility_violations(view, axe_check):
    _, page = view
    violations = axe_check(page)
    assert violations == [], describe_violations(violations)


def test_no_sideways_scrolling(view):
    _, page = view
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["clientWidth"], overflow
    assert overflow["offenders"] == [], "wider than the screen:\n" + "\n".join(
        overflow["offenders"]
    )


def test_text_is_large_and_clear_of_the_edges(view):
    _, page = view
    too_small = small_text(page, MIN_TEXT_PX)
    assert too_small == [], f"text under {MIN_TEXT_PX} px:\n" + "\n".join(too_small)
    cramped = text_against_the_edges(page, GUTTER_PX)
    assert cramped == [], f"text within {GUTTER_PX} px of the screen's edge:\n" + "\n".join(cramped)


def test_keyboard_reaches_every_control_with_visible_focus(view):
    """Tab from the top: the skip link first, then every control, each visibly focused."""
    _, page = view
    controls = tag_focusables(page)
    assert controls, "a page with nothing to focus"
    unfocused = {focus_id: focus_look(page, focus_id) for focus_id in controls}

    start_from_the_top(page)
    reached, order, without_indicator = set(), [], []
    for _ in range(len(controls) + 10):
        page.keyboard.press("Tab")
        focus_id, label = active_element(page)
        if focus_id in reached or (focus_id is None and order):
            break  # past the last control, or wrapped round
        order.append(label)
        if focus_id is None:
            continue
        reached.add(focus_id)
        if focus_look(page, focus_id) == unfocused[focus_id]:
            without_indicator.append(label)

    assert order and "skip-link" in order[0], f"the skip link must come first: {order[:3]}"
    reached_groups = {controls[focus_id]["group"] for focus_id in reached}
    missed = [c["label"] for c in controls.values() if c["group"] not in reached_groups]
    assert missed == [], f"not reachable with Tab: {missed}; reached in order: {order}"
    assert without_indicator == [], f"no visible focus indicator: {without_indicator}"


def test_skip_link_moves_focus_to_the_main_content(view):
    _, page = view
    start_from_the_top(page)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link must be on screen"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
