"""The New Patient Application as a patient meets it: the form, its messages, sending it."""

import logging
import re
import time

import pytest
from bs4 import BeautifulSoup
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase

from home.models import ClinicSettings, HomePage
from intake import spam
from intake.fields import DateOfBirthField, PhoneNumberField
from intake.models import ApplicationFormPage, ApplicationSubmission
from tests.application_factories import (
    VALID_ANSWERS,
    WARNING_SIGNS,
    build_application_site,
    consent_field_name,
    post_data,
)
from tests.site_factories import set_clinic_settings, update_home_page

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


# The page -----------------------------------------------------------------------------


def clinic_phone():
    """The clinic's phone number, from the settings build_application_site() sets."""
    return ClinicSettings.for_site(Site.objects.get(is_default_site=True)).phone


def test_the_page_is_linked_from_schedule_now_and_the_home_page_hero(client, page):
    set_clinic_settings(appointment_request_page=page, booking_url="")
    update_home_page(hero_cta_page=page)
    home = client.get("/")
    links = [a["href"] for a in soup(home).find_all("a", href=True)]
    assert links.count(page.url) >= 3  # header and footer "Request an appointment", the hero


def test_every_question_has_a_real_label_and_checkbox_groups_a_fieldset(client, page):
    html = soup(client.get(page.url))
    form = html.find("form", id="application-form")
    for control in form.find_all(["input", "select", "textarea"]):
        if control.get("type") in ("hidden", "submit", "checkbox", "radio"):
            continue
        assert form.find("label", attrs={"for": control["id"]}), control
    for box in form.find_all("input", type=["checkbox", "radio"]):
        assert form.find("label", attrs={"for": box["id"]}), box
        if not box.find_parent(class_="choice--single"):  # the consents stand alone
            assert box.find_parent("fieldset").legend.get_text(strip=True)
    pain = form.find("input", attrs={"name": "where_is_your_pain"}).find_parent("fieldset")
    assert [i["value"] for i in pain.find_all("input")] == [
        "Lower back",
        "Hip",
        "Leg / sciatica",
        "Neck",
        "Shoulder",
        "Knee",
        "Other",
    ]


def test_fields_tell_the_browser_what_to_fill_in(client, page):
    form = soup(client.get(page.url)).find("form", id="application-form")

    def control(name):
        return form.find(attrs={"name": name})

    assert control("first_name")["autocomplete"] == "given-name"
    assert control("last_name")["autocomplete"] == "family-name"
    assert control("date_of_birth")["autocomplete"] == "bday"
    assert control("phone_number")["type"] == "tel"
    assert control("phone_number")["autocomplete"] == "tel"
    assert control("email_address")["type"] == "email"
    assert control("email_address")["autocomplete"] == "email"
    assert control("zip_code")["autocomplete"] == "postal-code"


def test_consent_links_the_privacy_notice(client, page):
    form = soup(client.get(page.url)).find("form", id="application-form")
    assert form.find("a", href=page.privacy_page.url, string=re.compile("privacy notice"))


def test_form_pages_load_nothing_from_other_sites_and_are_never_cached(client, page):
    for url in (page.url, page.url + "thank-you/"):
        response = client.get(url)
        assert response.status_code == 200
        html = soup(response)
        for tag in html.find_all(["script", "img", "iframe", "link", "source", "video"]):
            for attribute in ("src", "href", "srcset"):
                value = tag.get(attribute, "")
                # The page's own canonical address is absolute, on this site.
                same_site = value.startswith("http://testserver/")
                assert same_site or not re.match(r"(https?:)?//", value), tag
        assert "default-src 'self'" in response["Content-Security-Policy"]
        assert "no-store" in response["Cache-Control"]


def test_works_without_javascript(client, page):
    form = soup(client.get(page.url)).find("form", id="application-form")
    assert form["method"] == "post" and form["action"] == page.url
    assert form.find("button", type="submit")
    assert not soup(client.get(page.url)).find_all("script", src=re.compile("forms"))


# Sending it ---------------------------------------------------------------------------


def test_a_valid_application_is_stored_once_then_redirected_to_thank_you(client, page):
    data = post_data(page)
    response = client.post(page.url, data)
    assert response.status_code == 302
    assert response["Location"].startswith(page.url + "thank-you/")
    submission = ApplicationSubmission.objects.get()
    assert submission.form_data["first_name"] == "Maria"
    assert submission.form_data["where_is_your_pain"] == ["Lower back", "Leg / sciatica"]
    assert submission.form_data["date_of_birth"] == "1961-04-27"

    thank_you = client.get(response["Location"])
    text = soup(thank_you).get_text(" ", strip=True)
    assert "we have your application" in text
    assert "What happens next" in text
    assert clinic_phone() in text
    assert "urgent" not in text.lower()


def test_sending_the_same_form_again_stores_nothing_new(client, page):
    data = post_data(page)
    first = client.post(page.url, data)
    again = client.post(page.url, data)  # a double click, or "resend" after a refresh
    assert again.status_code == 302 and again["Location"] == first["Location"]
    client.get(first["Location"])  # refreshing the thank-you page
    client.get(first["Location"])
    assert ApplicationSubmission.objects.count() == 1


def test_two_patients_make_two_applications(client, page):
    client.post(page.url, post_data(page))
    client.post(page.url, post_data(page, first_name="Ann"))
    assert ApplicationSubmission.objects.count() == 2


def test_a_ticked_warning_sign_tells_the_patient_to_seek_urgent_care(client, page):
    data = post_data(page, **{WARNING_SIGNS: ["Fever"]})
    response = client.post(page.url, data)
    thank_you = soup(client.get(response["Location"]))
    assert thank_you.h1.get_text(strip=True) == "Get urgent medical care now"
    assert "Do not wait for our call" in thank_you.get_text()
    assert "911" in thank_you.get_text()


def test_the_urgent_message_is_for_the_browser_that_sent_the_form(client, page):
    data = post_data(page, **{WARNING_SIGNS: ["Fever"]})
    response = client.post(page.url, data)
    assert response["Location"] == page.url + "thank-you/"  # no token in the address
    assert "Get urgent medical care" in client.get(response["Location"]).content.decode()
    other_browser = Client()
    assert "urgent" not in other_browser.get(page.url + "thank-you/").content.decode().lower()
    with_the_token = page.url + "thank-you/?application=" + data["application_token"]
    assert "Get urgent medical care" not in other_browser.get(with_the_token).content.decode()


# Mistakes -----------------------------------------------------------------------------


def test_mistakes_come_back_with_every_typed_value_and_specific_messages(client, page):
    data = post_data(
        page,
        first_name="",
        date_of_birth="04/27/2999",
        phone_number="555-01",
        email_address="maria@",
        zip_code="3220",
        how_bad_is_your_pain_today=None,
    )
    response = client.post(page.url, data)
    assert response.status_code == 200
    assert ApplicationSubmission.objects.count() == 0
    html = soup(response)
    assert html.title.get_text().startswith("Error:")

    summary = html.find(class_="error-summary")
    links = {a["href"]: a.get_text() for a in summary.find_all("a")}
    assert links == {
        "#id_first_name": "Enter your first name",
        "#id_date_of_birth": "Date of birth must be in the past",
        "#id_phone_number": (
            "Enter the phone number as a US number with its area code, like (904) 555-0142"
        ),
        "#id_email_address": (
            "Enter an email address in the correct format, like name@example.com"
        ),
        "#id_zip_code": "Enter a 5-digit ZIP code, like 32204",
        "#id_how_bad_is_your_pain_today_0": "Answer the question “How bad is your pain today?”",
    }
    for anchor in links:
        assert html.find(id=anchor[1:]), anchor

    form = html.find("form", id="application-form")
    assert form.find(attrs={"name": "last_name"})["value"] == "Lopez"
    assert form.find(attrs={"name": "date_of_birth"})["value"] == "04/27/2999"
    assert form.find(attrs={"name": "phone_number"})["value"] == "555-01"
    assert form.find(attrs={"name": "email_address"})["value"] == "maria@"
    assert form.find("textarea").get_text().strip() == "Worse in the mornings."
    checked = {i.get("value") for i in form.find_all("input", checked=True, type="checkbox")}
    assert {"Lower back", "Leg / sciatica", "Sitting", "Bending forward"} <= checked
    assert (
        form.find("input", attrs={"name": "application_token"})["value"]
        == data["application_token"]
    )

    phone = form.find(attrs={"name": "phone_number"})
    assert phone["aria-invalid"] == "true"
    assert "id_phone_number-error" in phone["aria-describedby"]
    assert "Error:" in html.find(id="id_phone_number-error").get_text()


def test_consent_is_required(client, page):
    response = client.post(page.url, post_data(page, **{consent_field_name(page): None}))
    assert "Tick the box to agree that the clinic may keep your information and contact you" in (
        response.content.decode()
    )
    assert ApplicationSubmission.objects.count() == 0


@pytest.mark.parametrize(
    "typed", ["(904) 555-0142", "904-555-0142", "904.555.0142", "9045550142", "+1 904 555 0142"]
)
def test_phone_numbers_in_the_usual_us_formats(typed):
    assert PhoneNumberField().clean(typed) == "(904) 555-0142"


@pytest.mark.parametrize("typed", ["555-0142", "(123) 456-7890", "+44 20 7946 0958", "call me"])
def test_phone_numbers_that_are_not_us_numbers(typed):
    with pytest.raises(Exception, match="Enter a US phone number"):
        PhoneNumberField().clean(typed)


@pytest.mark.parametrize("typed", ["04/27/1961", "4/27/1961", "04-27-1961", "1961-04-27"])
def test_dates_of_birth_in_the_usual_formats(typed):
    assert str(DateOfBirthField().clean(typed)) == "1961-04-27"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("04/27/61", "Enter the year with 4 digits"),
        ("02/30/1961", "Enter your date of birth as month, day and year"),
        ("12/31/2999", "Date of birth must be in the past"),
        ("01/01/1850", "Check the year of your date of birth: it must be after"),
        ("yesterday", "Enter your date of birth as month, day and year"),
    ],
)
def test_implausible_dates_of_birth(typed, message):
    with pytest.raises(Exception, match=re.escape(message)):
        DateOfBirthField().clean(typed)


# Spam -------------------------------------------------------------------------------------


def test_a_filled_honeypot_is_dropped_without_an_error_and_logged(client, page, caplog):
    with caplog.at_level(logging.WARNING, logger="intake"):
        response = client.post(page.url, post_data(page, website_url="http://spam.example"))
    assert response.status_code == 302
    assert ApplicationSubmission.objects.count() == 0
    assert any("honeypot" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize(
    "started",
    [
        pytest.param(lambda: spam.sign_started(), id="sent at once"),
        pytest.param(lambda: str(int(time.time()) - 60), id="unsigned time"),
        pytest.param(lambda: spam.sign_started(time.time() - 3 * 86400), id="days old"),
    ],
)
def test_a_suspicious_start_time_asks_to_send_again_and_keeps_the_answers(client, page, started):
    response = client.post(page.url, post_data(page, form_started=started()))
    assert response.status_code == 200
    assert ApplicationSubmission.objects.count() == 0
    html = soup(response)
    assert "press “Send application” again" in html.find(class_="error-summary").get_text()
    assert html.find(attrs={"name": "first_name"})["value"] == "Maria"


def form_as_posted(response):
    """What the browser would send back if the patient pressed the button again."""
    form = soup(response).find("form", id="application-form")
    data = {}
    for control in form.find_all(["input", "textarea", "select"]):
        name, kind = control.get("name"), control.get("type")
        if not name or kind == "submit":
            continue
        if kind in ("checkbox", "radio"):
            if control.has_attr("checked"):
                data.setdefault(name, []).append(control.get("value", "on"))
        elif control.name == "textarea":
            data[name] = control.get_text().lstrip("\n")
        elif control.name == "select":
            selected = control.find("option", selected=True)
            data[name] = selected["value"] if selected else ""
        else:
            data[name] = control.get("value", "")
    return data


def test_a_quickly_sent_form_with_mistakes_only_lists_the_mistakes(client, page):
    response = client.post(page.url, post_data(page, zip_code="", form_started=spam.sign_started()))
    summary = soup(response).find(class_="error-summary").get_text(" ", strip=True)
    assert "Enter your ZIP code" in summary
    assert "again" not in summary


def test_a_patient_asked_to_send_again_gets_through_with_the_same_answers(client, page):
    sent = post_data(page, form_started=spam.sign_started())
    response = client.post(page.url, sent)
    with override_settings(APPLICATION_MIN_FILL_SECONDS=0):
        again = client.post(page.url, form_as_posted(response))
    assert again.status_code == 302
    stored = ApplicationSubmission.objects.get().form_data
    as_stored = {
        "date_of_birth": "1961-04-27",
        "date_of_the_injury": "2026-09-14",
        "consent_to_text_messages": "Yes",
    }
    for name, value in VALID_ANSWERS.items():
        assert stored[name] == as_stored.get(name, value)


@override_settings(APPLICATION_RATE_LIMIT="2/h")
def test_the_rate_limit_answers_429_with_a_friendly_message_and_keeps_the_answers(client, page):
    assert client.post(page.url, post_data(page)).status_code == 302
    assert client.post(page.url, post_data(page)).status_code == 302
    response = client.post(page.url, post_data(page, first_name="Third"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = soup(response)
    notice = html.find(class_="notice").get_text(" ", strip=True)
    assert "Your answers are still below" in notice and clinic_phone() in notice
    assert html.find(attrs={"name": "first_name"})["value"] == "Third"
    assert ApplicationSubmission.objects.count() == 2


@override_settings(APPLICATION_RATE_LIMIT="2/h")
def test_mistakes_never_count_against_the_rate_limit(client, page):
    for _ in range(5):
        assert client.post(page.url, post_data(page, zip_code="x")).status_code == 200
    assert client.post(page.url, post_data(page)).status_code == 302


@override_settings(APPLICATION_RATE_LIMIT="1/h")
def test_the_rate_limit_is_per_client(client, page):
    assert client.post(page.url, post_data(page), REMOTE_ADDR="10.0.0.1").status_code == 302
    assert client.post(page.url, post_data(page), REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.post(page.url, post_data(page), REMOTE_ADDR="10.0.0.2").status_code == 302


# Hostile input ----------------------------------------------------------------------------

MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</textarea><b>bold</b>",
    "<iframe src=//evil.example>",
]
INJECTIONS = st.sampled_from(MARKUP)
HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20).map(
        lambda text: text * (10_000 // max(1, len(text)))
    ),
    st.builds(lambda a, b: a + "\x00" + b, st.text(max_size=10), st.text(max_size=10)),
    st.builds(lambda a, b: a + b, INJECTIONS, st.text(max_size=20)),
)


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
@override_settings(APPLICATION_RATE_LIMIT="off")
@settings(
    max_examples=40,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the work tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    answers=st.fixed_dictionaries(dict.fromkeys(VALID_ANSWERS, HOSTILE_TEXT)),
    choices=st.lists(HOSTILE_TEXT, max_size=3),
)
def test_hostile_input_never_breaks_the_form_or_comes_back_unescaped(
    client, page, answers, choices
):
    data = post_data(page, **answers)
    data["where_is_your_pain"] = choices
    response = client.post(page.url, data)
    assert response.status_code in (200, 302)
    body = response.content.decode()
    # Markup a patient typed comes back as text, never as markup. (Any page holds a "<"
    # of its own, so only the injected markup itself is looked for.)
    for value in [*answers.values(), *choices]:
        for markup in MARKUP:
            if markup in value:
                assert markup not in body
    if response.status_code == 302:
        assert client.get(response["Location"]).status_code == 200


# The editor's side ---------------------------------------------------------------------


class TestApplicationPageInTheAdmin(WagtailPageTestCase):
    def test_can_be_created_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, ApplicationFormPage)

    def test_has_no_child_pages(self):
        self.assertAllowedSubpageTypes(ApplicationFormPage, {})

    def test_editors_can_preview_the_form_and_the_thank_you_page(self):
        page = build_application_site()
        self.assertPageIsPreviewable(page, mode="form")
        self.assertPageIsPreviewable(page, mode="landing")

    def test_the_live_page_and_its_thank_you_page_render(self):
        page = build_application_site()
        self.assertPageIsRenderable(page)
        self.assertPageIsRoutable(page, "thank-you/")
