"""The desk's worklist, one application and its print layout, through a real browser."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from .application import APPLICATION_PATH, THANK_YOU_URL, fill_valid_application, question
from .checks import horizontal_overflow
from .conftest import describe_violations

WARNING_SIGN = "Fever"


def send_urgent_application(page, first_name):
    page.goto(APPLICATION_PATH)
    fill_valid_application(page)
    page.get_by_label("First name", exact=True).fill(first_name)
    question(page, "Do you have any of these warning signs?").get_by_label(WARNING_SIGN).check()
    page.get_by_role("button", name="Send application").click()
    page.wait_for_url(THANK_YOU_URL)


def test_the_desk_works_an_urgent_application_from_the_worklist(
    page, new_page, admin_login, create_user, axe_check, screenshot
):
    send_urgent_application(page, "Worklistina")
    desk = new_page()
    admin_login(desk, *create_user("browser-desk", groups=["Patient intake"]))

    # The dashboard counts it.
    expect(desk.get_by_role("heading", name="New patient applications")).to_be_visible()

    desk.goto("/admin/intake/")
    expect(desk.get_by_role("heading", level=1)).to_have_text(re.compile("Patient applications"))
    row = desk.get_by_role("row").filter(has_text="Worklistina")
    expect(row).to_contain_text("Urgent")
    expect(row).to_contain_text("New")
    violations = axe_check(desk)
    assert violations == [], describe_violations(violations)
    screenshot(desk, "worklist")

    desk.get_by_label("Name, phone or email").fill("worklistina lopez")
    desk.get_by_role("button", name="Show applications").click()
    expect(desk.get_by_role("row")).to_have_count(2)  # the headings and the one found

    desk.get_by_role("link", name=re.compile("Worklistina")).click()
    expect(desk.get_by_text(f"URGENT — ticked: {WARNING_SIGN}")).to_be_visible()
    expect(desk.get_by_text("Where is your pain?")).to_be_visible()
    desk.get_by_role("combobox", name=re.compile("^Status")).select_option(label="Contacted")
    desk.get_by_role("button", name="Save the status").click()
    expect(desk.get_by_text("Saved the status")).to_be_visible()
    desk.get_by_label("Add a note for the team").fill("Told her to go to urgent care today.")
    desk.get_by_role("button", name="Add the note").click()
    expect(desk.get_by_text("Told her to go to urgent care today.")).to_be_visible()
    # The "Added the note" message fades in: axe judges its colours once it has.
    desk.evaluate("Promise.all(document.getAnimations().map((a) => a.finished))")
    violations = axe_check(desk)
    assert violations == [], describe_violations(violations)
    screenshot(desk, "application-detail")
    assert desk.csp_violations == []

    desk.emulate_media(media="print")
    expect(desk.get_by_role("button", name="Save the status")).to_be_hidden()
    expect(desk.get_by_text("Where is your pain?")).to_be_visible()
    screenshot(desk, "application-print")
    # On paper, the whole application: its last answers, the notes and the history,
    # not only what fits in the admin's window.
    printed = PdfReader(io.BytesIO(desk.pdf(format="Letter")))
    text = " ".join(" ".join(page.extract_text().split()) for page in printed.pages)
    for part in ("Where is your pain?", "Told her to go to urgent care today.", "Status history"):
        assert part in text, part
    assert "Save the status" not in text


def test_an_application_reflows_on_a_narrow_phone(new_page, admin_login, create_user, screenshot):
    send_urgent_application(new_page(), "Narrowina")
    desk = new_page(width=320, height=800)
    admin_login(desk, *create_user("browser-desk-phone", groups=["Patient intake"]))
    desk.goto("/admin/intake/")
    desk.get_by_role("link", name=re.compile("Narrowina")).first.click()
    desk.evaluate("document.documentElement.style.fontSize = '200%'")
    expect(desk.get_by_text("Where is your pain?")).to_be_visible()
    overflow = horizontal_overflow(desk)
    assert overflow["scrollWidth"] <= overflow["clientWidth"], overflow["offenders"]
    # The name itself, not only its box, stays on the screen: Wagtail's header lets text
    # run past the edge of a box that fits.
    name = desk.get_by_role("heading", level=1).evaluate(
        """(heading) => {
            const text = document.createRange();
            text.selectNodeContents(heading);
            const box = text.getBoundingClientRect();
            return {left: box.left, right: box.right, width: document.documentElement.clientWidth};
        }"""
    )
    assert name["left"] >= 0 and name["right"] <= name["width"], name
    screenshot(desk, "application-detail-zoomed")
