"""A patient sending the New Patient Application, and who may read it in the admin."""

import datetime
import re

from playwright.sync_api import expect

from .application import (
    APPLICATION_PATH,
    CHECKBOX_ANSWERS,
    CONSENT_LABEL,
    RADIO_ANSWERS,
    TEXT_ANSWERS,
    THANK_YOU_URL,
    choose_answers,
    choose_options,
    fill_text_answers,
    question,
    send_application,
)

# A name no other browser test sends, to find this application among the submissions.
ANSWERS = {**TEXT_ANSWERS, "First name": "Rosalind", "Last name": "Okafor"}
NEXT_YEAR = datetime.date.today().year + 1
FUTURE_BIRTHDAY = f"03/14/{NEXT_YEAR}"


def expect_answers_kept(page, answers):
    for label, value in answers.items():
        expect(page.get_by_label(label, exact=True)).to_have_value(value)
    for legend, choice in RADIO_ANSWERS.items():
        expect(question(page, legend).get_by_label(choice, exact=True)).to_be_checked()
    for legend, choices in CHECKBOX_ANSWERS.items():
        for choice in choices:
            expect(question(page, legend).get_by_label(choice, exact=True)).to_be_checked()
    expect(page.get_by_label(CONSENT_LABEL)).to_be_checked()


def test_patient_fixes_mistakes_without_retyping_and_intake_staff_alone_read_it(
    page, new_page, admin_login, create_user
):
    page.goto(APPLICATION_PATH)
    typed = {**ANSWERS, "Last name": "", "Date of birth": FUTURE_BIRTHDAY}
    fill_text_answers(page, typed)
    choose_answers(page)
    choose_options(page)
    page.get_by_label(CONSENT_LABEL).check()
    send_application(page)

    # The problems, listed above the form, each a link to its question.
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    assert summary.evaluate(
        "el => !!(el.compareDocumentPosition(document.getElementById('application-form'))"
        " & Node.DOCUMENT_POSITION_FOLLOWING)"
    ), "the error summary comes before the form"
    problems = summary.get_by_role("link")
    expect(problems).to_have_text(["Enter your last name", "Date of birth must be in the past"])
    last_name = page.get_by_label("Last name", exact=True)
    expect(last_name).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Date of birth", exact=True)).to_have_attribute("aria-invalid", "true")
    # A link puts the cursor in the answer, with its question and message in view.
    for link, label in zip(problems.all(), ("Last name", "Date of birth"), strict=True):
        link.click()
        answer = page.get_by_label(label, exact=True)
        expect(answer).to_be_focused()
        field = page.locator(".field").filter(has=answer)
        expect(field.locator(".field__label")).to_be_in_viewport(ratio=1)
        expect(field.locator(".field__error")).to_be_in_viewport(ratio=1)
        page.evaluate("window.scrollTo(0, 0)")

    # Everything typed is still there, the mistakes included.
    expect_answers_kept(page, typed)

    fill_text_answers(page, {"Last name": ANSWERS["Last name"], "Date of birth": "03/14/1958"})
    send_application(page)
    page.wait_for_url(THANK_YOU_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Thank you"))
    expect(page.get_by_role("heading", name="What happens next")).to_be_visible()

    # Intake staff find it among the form's submissions.
    nurse = new_page()
    try:
        admin_login(nurse, *create_user("browser-intake", groups=["Patient intake"]))
        nurse.goto("/admin/forms/")
        nurse.get_by_role("link", name="New Patient Application").click()
        nurse.wait_for_url(re.compile(r"/admin/forms/submissions/\d+/"))
        submissions_path = re.sub(r"^https?://[^/]+", "", nurse.url.split("?")[0])
        expect(nurse.locator("main")).to_contain_text(ANSWERS["First name"])
    finally:
        nurse.context.close()

    # An editor, who may edit every page, is refused the applications.
    editor = new_page()
    try:
        admin_login(editor, *create_user("browser-editor-intake", groups=["Editors"]))
        response = editor.goto(submissions_path)
        assert response.status == 403, f"{submissions_path} answered {response.status}"
        expect(editor.locator("body")).not_to_contain_text(ANSWERS["First name"])
        editor.goto("/admin/forms/")
        expect(editor.get_by_role("link", name="New Patient Application")).to_have_count(0)
    finally:
        editor.context.close()
