"""The New Patient Application takes any POST: it stores it, thanks, or asks again, and a
form it sends back keeps every answer the patient typed, escaped."""

import time

import pytest
from django.test import override_settings
from django.utils.html import escape
from hypothesis import event, example
from hypothesis import strategies as st

from home.demo.application_form import QUESTIONS
from intake import spam
from intake.form_builder import new_token
from intake.models import ApplicationFormField
from tests.application_factories import VALID_ANSWERS

from .strategies import hostile_text, marked_text, query_values
from .support import fetch, fuzz

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

FORM_URL = "/new-patient-application/"
THANK_YOU_URL = FORM_URL + "thank-you/"

TYPED_TYPES = {"singleline", "multiline", "birthdate", "tel", "email", "zipcode"}
FREE_TEXT_TYPES = {"singleline", "multiline"}


def clean_name(question):
    return ApplicationFormField(label=question["label"]).get_field_clean_name()


TYPED = [clean_name(q) for q in QUESTIONS if q["field_type"] in TYPED_TYPES]
FREE_TEXT = [clean_name(q) for q in QUESTIONS if q["field_type"] in FREE_TEXT_TYPES]
CHOICES = {clean_name(q): q["choices"].split("\n") for q in QUESTIONS if "choices" in q}
MULTIPLE = {clean_name(q) for q in QUESTIONS if q["field_type"] in {"checkboxes", "warningsigns"}}
OPTIONAL = {clean_name(q) for q in QUESTIONS if not q.get("required", True)}
CONSENT = next(clean_name(q) for q in QUESTIONS if q["field_type"] == "consent")
QUESTION_NAMES = [clean_name(q) for q in QUESTIONS]
UPLOADS = {clean_name(q) for q in QUESTIONS if q["field_type"] == "upload"}

MISSING = None
# When the page was opened, as the signed value the form carries back.
STARTED = {
    "a minute ago": lambda token="": spam.sign_started(time.time() - 60, token=token),
    "just now": lambda token="": spam.sign_started(time.time(), token=token),
    "two days ago": lambda token="": spam.sign_started(time.time() - 2 * 86400, token=token),
}


def mostly(usual, odd, odds=4):
    """`odd` about one time in `odds`, otherwise `usual`."""
    # Last in the list: Hypothesis favours the first choice, the simplest, more often.
    return st.sampled_from([False] * (odds - 1) + [True]).flatmap(
        lambda odd_one: odd if odd_one else usual
    )


def good_answer(name):
    """What a patient might type or tick: markers are fine in a name or a comment."""
    if name in CHOICES:
        choices = st.sampled_from(CHOICES[name])
        if name in MULTIPLE:
            return st.lists(choices, min_size=0 if name in OPTIONAL else 1, max_size=3)
        return choices
    if name == CONSENT:
        return st.just("on")
    if name in UPLOADS:  # a text field posted under a file's name is no file
        return st.just(MISSING)
    valid = VALID_ANSWERS[name]
    if name in FREE_TEXT:
        return st.one_of(st.just(valid), st.builds("{}{}".format, st.just(valid), marked_text))
    return st.just(valid)


def bad_answer(name):
    value = st.one_of(hostile_text, marked_text, st.just(MISSING))
    return st.one_of(value, st.lists(query_values, max_size=3)) if name in CHOICES else value


TOKENS = st.from_regex(r"[A-Za-z0-9_-]{16,64}", fullmatch=True)


@st.composite
def applications(draw):
    """A POST as a browser or a robot sends it: mostly good answers, a few broken ones."""
    broken = draw(mostly(st.just(set()), st.sets(st.sampled_from(QUESTION_NAMES), max_size=4), 2))
    data = {
        name: draw(bad_answer(name) if name in broken else good_answer(name))
        for name in QUESTION_NAMES
    }
    # Each page load has a new token; one sent again is an application sent twice.
    token = draw(mostly(st.just("new"), st.one_of(TOKENS, hostile_text)))
    data["application_token"] = new_token() if token == "new" else token
    started = draw(
        mostly(st.just("a minute ago"), st.one_of(st.sampled_from(sorted(STARTED)), hostile_text))
    )
    token = data["application_token"]
    data["form_started"] = STARTED[started](token) if started in STARTED else started
    data["website_url"] = draw(mostly(st.just(""), marked_text, odds=10))  # the honeypot
    return {name: value for name, value in data.items() if value is not MISSING}


def assert_typed_answers_kept(response, data):
    body = response.content.decode()
    assert 'id="application-form"' in body
    for name in TYPED:
        value = data.get(name)
        if isinstance(value, str) and value:
            assert escape(value) in body, f"{name}={value!r} is not in the form sent back"


def send(client, data, **headers):
    """POST the form; then check the answer, whatever it is, as a patient would see it."""
    response = fetch(client, "post", FORM_URL, data, **headers)
    if response.status_code == 302:
        assert response["Location"].startswith(THANK_YOU_URL)
        event("thanked" if "application_sent" in response.cookies else "dropped as spam")
        assert fetch(client, "get", response["Location"]).status_code == 200
    else:
        assert response.status_code in (200, 429)
        assert_typed_answers_kept(response, data)
    return response


REJECTED = {
    **VALID_ANSWERS,
    CONSENT: "on",
    "first_name": '"><x-fuzz-a> Maria',
    "date_of_birth": "<x-fuzz-b>",
    "form_started": STARTED["a minute ago"],
}


# No rate limit and no minimum fill time, so good applications are stored, not throttled.
@override_settings(APPLICATION_RATE_LIMIT="off", APPLICATION_MIN_FILL_SECONDS=0)
@example(data=REJECTED)
@fuzz(data=applications())
def test_any_application_is_stored_or_sent_back_with_its_answers(client, demo_content, data):
    send(client, data)


# The site's own rate limit and fill time: many are sent back or refused (429).
@example(data=REJECTED, address="192.0.2.1")
@fuzz(
    data=applications(),
    # Mostly one address, so it reaches the limit of applications an hour.
    address=mostly(st.just("192.0.2.1"), st.one_of(st.ip_addresses().map(str), hostile_text)),
)
def test_with_the_real_limits_any_application_is_stored_throttled_or_sent_back(
    client, demo_content, data, address
):
    response = send(client, data, REMOTE_ADDR=address)
    if response.status_code == 429:
        event("refused: over the limit")
        assert int(response["Retry-After"]) > 0


@fuzz(token=st.one_of(TOKENS, query_values))
def test_the_thank_you_page_takes_any_application_reference(client, demo_content, token):
    assert fetch(client, "get", THANK_YOU_URL, {"application": token}).status_code == 200
