"""The public pages every browser check visits: axe, overflow and text size, screenshots.

To cover a new page, add one `SitePage` to `PAGES`. Its `name` names the screenshots
(test-artifacts/screenshots/<name>-375.png and -1280.png) and the test ids. A page that
needs a step after loading (a filter chosen, a form sent empty) gives `prepare`, a
function that takes the Playwright page and leaves it in the state to check:

    SitePage("library-filtered", "/exercises/?tag=back"),
    SitePage("application-errors", "/new-patient-application/", prepare=send_empty_application),

where `send_empty_application(page)` clicks the submit button and waits for the error summary.
"""

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page

from .application import APPLICATION_PATH, send_empty_application, send_valid_application


@dataclass(frozen=True)
class SitePage:
    name: str
    path: str
    prepare: Callable[[Page], None] | None = None

    def open(self, page: Page) -> Page:
        response = page.goto(self.path)
        assert response is not None and response.ok, f"{self.path} answered {response.status}"
        if self.prepare:
            self.prepare(page)
        page.wait_for_load_state("load")
        return page


PAGES = [
    SitePage("home", "/"),
    SitePage("about", "/about/"),
    SitePage("contact", "/contact/"),
    SitePage("privacy", "/privacy/"),
    SitePage("articles", "/articles/"),
    SitePage("routine", "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/"),
    SitePage("exercise", "/exercises/modified-lunge-with-chair-support/"),
    SitePage("library-filtered", "/exercises/?tag=flexion&position=standing"),
    SitePage("application", APPLICATION_PATH),
    SitePage("application-errors", APPLICATION_PATH, prepare=send_empty_application),
    SitePage("application-thank-you", APPLICATION_PATH, prepare=send_valid_application),
    SitePage("search-results", "/search/?q=stenosis"),
    # The routine's printable handout: a page of its own (test_handout.py prints it).
    SitePage("handout", "/articles/5-exercises-for-sciatica-from-lumbar-spinal-stenosis/handout/"),
]

WIDTHS = [375, 1280]
PHONE_WIDTH = 375
