"""A photo chosen on an application that comes back with a mistake is kept: the patient
fixes the mistake, sends, and the desk opens the photo. Through a real browser."""

import io
import re

from PIL import Image
from playwright.sync_api import expect

from .application import APPLICATION_PATH, THANK_YOU_URL, fill_valid_application

CARD_LABEL = "Photo of your insurance card"


def card_photo():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 40), (40, 90, 160)).save(buffer, "JPEG")
    return {"name": "insurance-card.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def test_a_chosen_photo_is_kept_while_the_patient_fixes_a_mistake(
    new_page, admin_login, create_user, screenshot
):
    patient = new_page()
    patient.goto(APPLICATION_PATH)
    fill_valid_application(patient)
    patient.get_by_label("First name", exact=True).fill("Keptina")
    patient.get_by_label("Last name", exact=True).fill("")
    patient.get_by_label(CARD_LABEL).set_input_files(card_photo())
    patient.get_by_role("button", name="Send application").click()

    expect(patient).to_have_title(re.compile(r"^Error: "))
    kept = patient.get_by_text("insurance-card.jpg — kept; choose another to replace it.")
    expect(kept).to_be_visible()
    kept_id = kept.get_attribute("id")
    described_by = patient.get_by_label(CARD_LABEL).get_attribute("aria-describedby")
    assert kept_id in described_by.split(), described_by
    screenshot(patient, "application-file-kept")

    patient.get_by_label("Last name", exact=True).fill("Lopez")
    patient.get_by_role("button", name="Send application").click()
    patient.wait_for_url(THANK_YOU_URL)
    assert patient.csp_violations == []

    desk = new_page()
    admin_login(desk, *create_user("browser-desk-kept", groups=["Patient intake"]))
    desk.goto("/admin/intake/")
    desk.get_by_role("link", name=re.compile("Keptina")).first.click()
    attachment = desk.get_by_role("link", name=re.compile(r"^Attached: JPEG photo"))
    expect(attachment).to_be_visible()
    with desk.expect_download() as download:
        attachment.click()
    assert download.value.suggested_filename.endswith(".jpg")
