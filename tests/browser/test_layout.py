"""The reader's first look: a phone's first screen, large text, sharing and the favicon.

- At 375x812 the page's heading and the start of its content are on the first screen,
  under at most 200 px of header (announcement, clinic name, Call, Menu).
- At 320 px with the browser's text at 200 % (WCAG 1.4.10) nothing scrolls sideways
  and no heading breaks inside a word.
- Every public page names an image for link previews, and the image answers.
- The favicon and the web manifest answer; the routine's first view on a phone is light.
"""

import pytest
from playwright.sync_api import expect

from .checks import horizontal_overflow, split_heading_words
from .pages import PAGES, PHONE_WIDTH

PHONE_HEIGHT = 812
MAX_CHROME_PX = 200
FIRST_VIEW_BUDGET_BYTES = 150_000
ROUTINE_PATH = "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/"
# Pages a reader lands on from a search or a link: not the thank-you page (reached by
# sending the form, with the form's header) nor a handout, a sheet to print without the
# site's header whose canonical link names the page it comes from.
LANDING_PAGES = [p for p in PAGES if p.prepare is None and not p.path.endswith("/handout/")]


@pytest.fixture(scope="module")
def phone(new_page):
    page = new_page(PHONE_WIDTH, PHONE_HEIGHT)
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def large_text_phone(new_page):
    """A 320 px tab whose default text size is 200 % (32 px), as the browser setting makes it."""
    page = new_page(320, 640)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    yield page
    page.context.close()


def first_screen(page):
    return page.evaluate(
        """() => {
            const main = document.querySelector('main');
            const heading = main.querySelector('h1');
            let next = heading.nextElementSibling || heading.parentElement.nextElementSibling;
            return {
                chrome: main.getBoundingClientRect().top + window.scrollY,
                headingTop: heading.getBoundingClientRect().top,
                headingBottom: heading.getBoundingClientRect().bottom,
                contentTop: next ? next.getBoundingClientRect().top : null,
            };
        }"""
    )


@pytest.mark.parametrize("site_page", LANDING_PAGES, ids=[p.name for p in LANDING_PAGES])
def test_the_phone_first_screen_shows_the_heading_and_the_start_of_the_content(phone, site_page):
    site_page.open(phone)
    measured = first_screen(phone)
    print(
        f"{site_page.name}: chrome {measured['chrome']:.0f} px, h1 at {measured['headingTop']:.0f}"
    )
    assert measured["chrome"] <= MAX_CHROME_PX, measured
    assert measured["headingBottom"] < PHONE_HEIGHT / 2, measured
    assert measured["contentTop"] is not None and measured["contentTop"] < PHONE_HEIGHT - 48, (
        measured
    )


@pytest.mark.parametrize("site_page", PAGES, ids=[p.name for p in PAGES])
def test_200_percent_text_at_320_px_reflows_without_sideways_scrolling(large_text_phone, site_page):
    page = site_page.open(large_text_phone)
    body_px = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert body_px >= 32, "the large-text setting did not apply"
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["clientWidth"], overflow
    assert overflow["offenders"] == [], "wider than the screen:\n" + "\n".join(
        overflow["offenders"]
    )
    split = split_heading_words(page)
    assert split == [], "headings broken inside a word:\n" + "\n".join(split)
    # The page's title still reads as one: larger than the text below it.
    heading_px = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)"
    )
    assert heading_px > body_px * 1.1, f"the h1 is {heading_px} px, the text {body_px} px"


@pytest.mark.parametrize("site_page", LANDING_PAGES, ids=[p.name for p in LANDING_PAGES])
def test_every_public_page_has_a_share_image_that_answers(phone, site_page):
    site_page.open(phone)
    image = phone.locator("meta[property='og:image']")
    assert image.count() == 1, "no og:image"
    url = image.get_attribute("content")
    alt = phone.locator("meta[property='og:image:alt']")
    assert alt.count() == 1 and alt.get_attribute("content").strip(), "an og:image without alt"
    response = phone.request.get(url)
    assert response.ok and response.headers["content-type"].startswith("image/"), url


def test_the_favicon_and_the_web_manifest_answer(phone):
    phone.goto("/")
    icons = phone.locator("link[rel~='icon'], link[rel='apple-touch-icon'], link[rel='manifest']")
    hrefs = [icons.nth(i).get_attribute("href") for i in range(icons.count())]
    assert any("svg" in href for href in hrefs) and len(hrefs) >= 3, hrefs
    for href in hrefs + ["/favicon.ico"]:
        response = phone.request.get(href)
        assert response.ok, f"{href} answered {response.status}"
    manifest = phone.request.get(phone.locator("link[rel='manifest']").get_attribute("href"))
    assert manifest.json()["name"]


def test_the_routines_first_view_on_a_phone_is_light(new_page):
    page = new_page(PHONE_WIDTH, PHONE_HEIGHT)
    try:
        page.goto(ROUTINE_PATH, wait_until="networkidle")
        page.evaluate("document.fonts.ready")
        resources = page.evaluate(
            """() => performance.getEntriesByType('navigation')
                .concat(performance.getEntriesByType('resource'))
                .map((entry) => [entry.name, entry.transferSize || entry.encodedBodySize])"""
        )
    finally:
        page.context.close()
    total = sum(size for _, size in resources)
    listing = "\n".join(f"{size:>8} {name}" for name, size in resources)
    print(f"first view of the routine at {PHONE_WIDTH} px: {total} bytes\n{listing}")
    assert total <= FIRST_VIEW_BUDGET_BYTES, listing


def test_the_sticky_contents_fit_a_laptop_window_while_reading(new_page):
    page = new_page(1280, 900)
    try:
        page.goto(ROUTINE_PATH)
        page.locator("article.exercise").nth(2).scroll_into_view_if_needed()
        box = page.evaluate(
            """() => {
                const nav = document.querySelector('.contents');
                const rect = nav.getBoundingClientRect();
                return {top: rect.top, bottom: rect.bottom, scroll: nav.scrollHeight,
                        client: nav.clientHeight};
            }"""
        )
    finally:
        page.context.close()
    assert box["top"] >= 0 and box["bottom"] <= 900, box
    assert box["scroll"] <= box["client"] + 1, f"the contents are cut off: {box}"


def test_the_announcement_says_its_whole_offer_on_a_phone(phone):
    phone.goto("/")
    announcement = phone.locator(".announcement__text")
    expect(announcement).to_contain_text("what to do about it")
    cut = announcement.evaluate(
        "el => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1"
    )
    assert not cut, "the announcement is cut off"
