"""Filling in the New Patient Application as a patient would, by the labels on screen.

Used by pages.PAGES (the form sent empty, the thank-you page) and by the patient paths.
The browser server takes a form sent straight away (APPLICATION_MIN_FILL_SECONDS = 0 in
server_settings.py), so nothing here waits out the spam check.
"""

import re

from playwright.sync_api import Page, expect

APPLICATION_PATH = "/new-patient-application/"
THANK_YOU_URL = re.compile(r"/new-patient-application/thank-you/")

# Text boxes, by their label.
TEXT_ANSWERS = {
    "First name": "Maria",
    "Last name": "Lopez",
    "Date of birth": "04/27/1961",
    "Phone number": "(904) 555-0142",
    "Email address": "maria.lopez@example.com",
    "Street address": "1200 Riverside Ave",
    "City": "Jacksonville",
    "ZIP code": "32204",
    "Emergency contact name": "Ana Lopez",
    "Emergency contact relationship": "Daughter",
    "Emergency contact phone": "(904) 555-0177",
    "Insurance provider (or self-pay)": "Florida Blue",
}
# Drop-down lists, by their label and the option's text.
SELECT_ANSWERS = {"State": "Florida", "Preferred language": "Spanish"}
# One choice per question, by the question (a fieldset's legend) and the choice's label.
RADIO_ANSWERS = {
    "Preferred contact method": "Text message",
    "How long has the pain lasted?": "6 weeks to 3 months",
    "How bad is your pain today?": "4",
    "Sex": "Female",
    "Do you need an interpreter?": "No",
    "Was your pain caused by one of these?": "None of these",
    "Do you have a referral or prescription for physical therapy?": "I am not sure",
}
CHECKBOX_ANSWERS = {
    "Where is your pain?": ["Lower back", "Leg / sciatica"],
    "Preferred appointment times": ["Weekday mornings"],
}
CONSENT_LABEL = re.compile(r"^I agree that the clinic may keep the information")


def question(page: Page, legend: str):
    """The fieldset of a choice question, found by its legend."""
    return page.get_by_role("group", name=legend)


def fill_text_answers(page: Page, answers: dict[str, str]):
    for label, value in answers.items():
        page.get_by_label(label, exact=True).fill(value)


def choose_answers(page: Page, radios=RADIO_ANSWERS, checkboxes=CHECKBOX_ANSWERS):
    for legend, choice in radios.items():
        question(page, legend).get_by_label(choice, exact=True).check()
    for legend, choices in checkboxes.items():
        for choice in choices:
            question(page, legend).get_by_label(choice, exact=True).check()


def choose_options(page: Page, options=SELECT_ANSWERS):
    for label, option in options.items():
        page.get_by_label(label, exact=True).select_option(label=option)


def fill_valid_application(page: Page):
    fill_text_answers(page, TEXT_ANSWERS)
    choose_options(page)
    choose_answers(page)
    page.get_by_label(CONSENT_LABEL).check()


def send_application(page: Page):
    page.get_by_role("button", name="Send application").click()


def send_empty_application(page: Page):
    """PAGES prepare step: send the form untouched and wait for the list of problems."""
    send_application(page)
    expect(page.locator(".error-summary")).to_be_visible()


def send_valid_application(page: Page):
    """PAGES prepare step: fill in every required answer, send, reach the thank-you page."""
    fill_valid_application(page)
    send_application(page)
    page.wait_for_url(THANK_YOU_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Thank you"))
