"""Every photo the exercises plugin draws is sharp: the file the browser picks from its
srcset is at least as wide as the photo is drawn, times the screen's pixel density.

The plugin's `sizes` attributes say how wide each photo is drawn (in px or vw: a rem in
`sizes` is the browser's 16 px, not the site's 18 or 19 px); when one is wrong the
browser picks too small a file and the photo is blurry. Checked at 375 and 1280 px, on
ordinary screens and on screens of twice the density. A photo wider than its largest
file is fine with the largest (the source image is the limit).
"""

import pytest

from .conftest import wait_for_images_and_fonts

# Where the plugin's templates put photos (the host's own, such as the home page's
# hero, are not its business).
PLUGIN_PHOTOS = ", ".join(
    f"{container} picture img"
    for container in (
        ".exercise__photo",
        ".step__photo",
        ".card",
        ".routine__hero",
        ".promotion__image",
        ".block-photo",
        ".handout-exercise__photo",
    )
)
PAGES = [
    "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/",
    "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/handout/",
    "/exercises/seated-lumbar-flexion/",  # one photo
    "/exercises/modified-lunge-with-chair-support/",  # a pair
    "/exercises/",
    "/articles/",
    "/",
]
VIEWS = [(width, density) for width in (375, 1280) for density in (1, 2)]

CHOSEN_JS = """(selector) => [...document.querySelectorAll(selector)].map((img) => {
    const candidates = {};
    const picture = img.closest('picture');
    for (const el of [...picture.querySelectorAll('source'), img]) {
        for (const part of (el.getAttribute('srcset') || '').split(',')) {
            const [url, width] = part.trim().split(/\\s+/);
            if (url) candidates[new URL(url, document.baseURI).href] = parseInt(width, 10);
        }
    }
    return {
        photo: img.alt || img.currentSrc.split('/').pop(),
        drawn: img.getBoundingClientRect().width,
        chosen: candidates[img.currentSrc] || 0,
        largest: Math.max(...Object.values(candidates)),
        sizes: (picture.querySelector('source') || img).getAttribute('sizes'),
    };
})"""


@pytest.fixture(scope="module", params=VIEWS, ids=[f"{w}px-x{d}" for w, d in VIEWS])
def screen(request, browser, live_site):
    width, density = request.param
    context = browser.new_context(
        base_url=live_site.url,
        viewport={"width": width, "height": 900},
        device_scale_factor=density,
    )
    yield context, density
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_each_photo_gets_a_file_wide_enough_for_the_screen(screen, path):
    context, density = screen
    page = context.new_page()
    try:
        response = page.goto(path)
        assert response is not None and response.ok
        wait_for_images_and_fonts(page)
        photos = page.evaluate(CHOSEN_JS, PLUGIN_PHOTOS)
    finally:
        page.close()
    blurry = [
        f"{p['photo']}: drawn {p['drawn']:.0f} px x{density}, got the {p['chosen']} px file"
        f" (sizes: {p['sizes']})"
        for p in photos
        if p["drawn"] and p["chosen"] < min(p["drawn"] * density, p["largest"]) - 1
    ]
    assert blurry == []
    if path != "/":
        assert photos, f"no photo of the plugin's on {path}"
