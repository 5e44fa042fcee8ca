"""The questions a physical-therapy intake asks: address with state, sex, emergency
contact, insurance IDs, the injury, referral, language and interpreter, texting consent."""

import datetime

import pytest
from bs4 import BeautifulSoup

from intake.models import ApplicationSubmission
from tests.application_factories import VALID_ANSWERS, post_data

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def form_of(response):
    return soup(response).find("form", id="application-form")


def error_for(response, name):
    error = soup(response).find(id=f"id_{name}-error")
    return error.get_text(" ", strip=True) if error else None


def label_text(form, control_id):
    return form.find("label", attrs={"for": control_id}).get_text(" ", strip=True)


def test_the_state_is_a_list_of_us_states_the_browser_can_fill(client, page):
    form = form_of(client.get(page.url))
    state = form.find("select", attrs={"name": "state"})
    assert state["autocomplete"] == "address-level1"
    assert label_text(form, state["id"]) == "State"
    options = {option["value"]: option.get_text() for option in state.find_all("option")}
    assert options[""] == "Select a state"
    assert options["FL"] == "Florida" and options["PR"] == "Puerto Rico"
    assert len(options) > 50
    for name, token in [
        ("street_address", "address-line1"),
        ("apartment_suite_or_unit", "address-line2"),
        ("city", "address-level2"),
        ("zip_code", "postal-code"),
    ]:
        assert form.find("input", attrs={"name": name})["autocomplete"] == token


def test_the_emergency_contact_is_never_filled_with_the_patients_own_details(client, page):
    form = form_of(client.get(page.url))
    for name in ("emergency_contact_name", "emergency_contact_relationship"):
        assert form.find("input", attrs={"name": name})["autocomplete"] == "off"
    phone = form.find("input", attrs={"name": "emergency_contact_phone"})
    assert phone["type"] == "tel" and phone["autocomplete"] == "off"


@pytest.mark.parametrize(
    "name, options",
    [
        ("sex", ["Female", "Male", "Intersex", "Prefer not to say"]),
        (
            "was_your_pain_caused_by_one_of_these",
            ["Auto accident", "Work injury", "Sports", "None of these"],
        ),
        ("do_you_need_an_interpreter", ["No", "Yes, I need an interpreter"]),
    ],
)
def test_preset_questions_offer_their_options_as_labelled_radios(client, page, name, options):
    form = form_of(client.get(page.url))
    radios = form.find_all("input", attrs={"name": name})
    assert [radio["value"] for radio in radios] == options
    assert all(radio["type"] == "radio" for radio in radios)
    fieldset = radios[0].find_parent("fieldset")
    hint = fieldset.find(class_="field__hint")
    assert hint and fieldset["aria-describedby"] == hint["id"]


def test_the_language_list_starts_with_english_and_spanish(client, page):
    form = form_of(client.get(page.url))
    language = form.find("select", attrs={"name": "preferred_language"})
    values = [option["value"] for option in language.find_all("option")]
    assert values[:3] == ["", "English", "Spanish"] and "Another language" in values


def test_a_complete_application_stores_every_new_answer_as_given(client, page):
    response = client.post(page.url, post_data(page, insurance_member_id=" xgh 12345 "))
    assert response.status_code == 302
    answers = ApplicationSubmission.objects.get().form_data
    assert answers["state"] == "FL"
    assert answers["sex"] == "Female"
    assert answers["emergency_contact_phone"] == "(904) 555-0177"
    assert answers["insurance_member_id"] == "XGH 12345"
    assert answers["date_of_the_injury"] == "2026-09-14"
    assert answers["was_your_pain_caused_by_one_of_these"] == "Work injury"
    assert answers["preferred_language"] == "Spanish"
    assert answers["consent_to_text_messages"] == "Yes"


def test_texting_consent_is_never_required(client, page):
    page.form_fields.filter(field_type="smsconsent").update(required=True)
    response = client.post(page.url, post_data(page, consent_to_text_messages=None))
    assert response.status_code == 302
    assert ApplicationSubmission.objects.get().form_data["consent_to_text_messages"] == "No"


@pytest.mark.parametrize(
    "name, typed, message",
    [
        ("state", "ZZ", "Select one of the options shown"),
        ("state", None, "Select your state"),
        ("sex", "Unknown", "Select one of the options shown"),
        ("insurance_member_id", "ID#42!", "letters, numbers and dashes only"),
        (
            "emergency_contact_phone",
            "555",
            "Enter the emergency contact phone as a US number with its area code",
        ),
        ("date_of_the_injury", "13/45/2025", "Enter the date of the injury as month, day"),
        ("date_of_the_injury", "09/14/26", "Enter the year with 4 digits"),
        ("preferred_language", "Klingon", "Select one of the options shown"),
        ("do_you_need_an_interpreter", None, "Answer the question “Do you need an interpreter?”"),
    ],
)
def test_a_bad_answer_is_named_at_its_question_and_every_other_answer_stays(
    client, page, name, typed, message
):
    response = client.post(page.url, post_data(page, **{name: typed}))
    assert response.status_code == 200
    assert message in error_for(response, name)
    assert not ApplicationSubmission.objects.exists()
    form = form_of(response)
    assert form.find("input", attrs={"name": "street_address"})["value"] == "1200 Riverside Ave"
    assert form.find("input", attrs={"name": "insurance_group_number"})["value"] == "10045-A"
    if name != "state":
        assert (
            form.find("select", attrs={"name": "state"}).find("option", selected=True)["value"]
            == "FL"
        )
    if name != "sex":
        assert form.find("input", attrs={"name": "sex", "value": "Female"}).has_attr("checked")


def test_an_injury_tomorrow_is_refused_and_today_is_accepted(client, page):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    response = client.post(
        page.url, post_data(page, date_of_the_injury=tomorrow.strftime("%m/%d/%Y"))
    )
    assert "cannot be in the future" in error_for(response, "date_of_the_injury")
    today = datetime.date.today().strftime("%m/%d/%Y")
    assert client.post(page.url, post_data(page, date_of_the_injury=today)).status_code == 302


def test_the_demo_answers_cover_every_new_question(page):
    names = set(page.form_fields.values_list("clean_name", flat=True))
    assert {"state", "sex", "emergency_contact_phone", "insurance_member_id"} <= names
    assert names - set(VALID_ANSWERS) <= {
        "i_agree_that_the_clinic_may_keep_the_information_on_this_form_and_use_it_to_contact_"
        "me_about_physical_therapy",
        "do_you_have_any_of_these_warning_signs",
        "photo_of_your_insurance_card",  # files: tests/intake/test_uploads.py
        "photo_of_your_referral_or_prescription",
    }


def test_an_injury_before_the_date_of_birth_is_refused(client, page):
    response = client.post(
        page.url, post_data(page, date_of_birth="04/27/1961", date_of_the_injury="01/01/1950")
    )
    message = "The date of the injury must be after your date of birth"
    assert message in error_for(response, "date_of_the_injury")
    later = post_data(page, date_of_birth="04/27/1961", date_of_the_injury="04/27/1961")
    assert client.post(page.url, later).status_code == 302
