"""Findings 6 and 7, and the replayable start time of finding 9.

6: a missing or stale CSRF cookie gave the patient Django's technical 403 page and lost
   everything typed. Now the form comes back, every answer in place, with one sentence
   asking to send it again, and sending it again stores the application.
7: the thank-you URL carried the form's token for two hours, telling anyone with the URL
   (and the access log) whether a warning sign was ticked. Now a signed cookie of the
   sending browser does, and no token or answer reaches a log line.
9: the signed "form started" time could be replayed with new applications for 24 hours.
"""

import logging
import secrets
import time

import pytest
from bs4 import BeautifulSoup
from django.test import Client, override_settings

from intake import spam
from intake.models import ApplicationSubmission
from tests.application_factories import (
    VALID_ANSWERS,
    WARNING_SIGNS,
    post_data,
)

pytestmark = pytest.mark.django_db

SEND_AGAIN = "please press “Send application” again"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def form_as_posted(response):
    """What the browser sends back when the patient presses the button again."""
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


def assert_form_back_with_every_answer(response):
    assert response.status_code == 403
    body = response.content.decode()
    assert "CSRF" not in body and "Forbidden" not in body
    html = soup(response)
    notice = html.find(class_="notice")
    assert notice is not None and SEND_AGAIN in notice.get_text(" ", strip=True)
    assert html.find(attrs={"name": "first_name"})["value"] == VALID_ANSWERS["first_name"]
    assert html.find(attrs={"name": "phone_number"})["value"] == VALID_ANSWERS["phone_number"]
    note = html.find(attrs={"name": "anything_else_we_should_know"}).get_text().strip()
    assert note == VALID_ANSWERS["anything_else_we_should_know"]
    ticked = {
        box["value"]
        for box in html.find_all(attrs={"name": "where_is_your_pain"})
        if box.has_attr("checked")
    }
    assert ticked == set(VALID_ANSWERS["where_is_your_pain"])
    assert html.find(attrs={"name": "csrfmiddlewaretoken"})["value"]


def test_a_missing_csrf_cookie_brings_the_form_back_and_sending_again_stores_it(page):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(page.url, post_data(page))
    assert_form_back_with_every_answer(response)
    assert ApplicationSubmission.objects.count() == 0
    assert "csrftoken" in response.cookies  # a fresh cookie for the fresh token

    again = browser.post(page.url, form_as_posted(response))
    assert again.status_code == 302
    assert ApplicationSubmission.objects.get().form_data["first_name"] == "Maria"


def test_a_stale_csrf_cookie_brings_the_form_back_and_sending_again_stores_it(page):
    browser = Client(enforce_csrf_checks=True)
    browser.get(page.url)
    data = post_data(page, csrfmiddlewaretoken="x" * 64)
    browser.cookies["csrftoken"] = secrets.token_hex(16)  # replaced since the page loaded
    response = browser.post(page.url, data)
    assert_form_back_with_every_answer(response)
    again = browser.post(page.url, form_as_posted(response))
    assert again.status_code == 302
    assert ApplicationSubmission.objects.count() == 1


def test_other_forms_keep_djangos_own_csrf_failure(page):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/search/", {"q": "knee"})
    assert response.status_code == 403
    assert SEND_AGAIN not in response.content.decode()


def test_the_thank_you_address_holds_no_token_and_no_log_line_holds_one(client, page, caplog):
    data = post_data(page, **{WARNING_SIGNS: ["Fever"]})
    with caplog.at_level(logging.DEBUG):
        response = client.post(page.url, data)
        thank_you = client.get(response["Location"])
    assert "?" not in response["Location"]
    assert "Get urgent medical care" in thank_you.content.decode()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert data["application_token"] not in logged
    assert "Fever" not in logged and "Maria" not in logged
    assert data["application_token"] not in response.cookies["application_sent"].value


def test_the_urgent_message_is_kept_from_another_browser_and_ends_after_two_hours(client, page):
    response = client.post(page.url, post_data(page, **{WARNING_SIGNS: ["Fever"]}))
    cookie = response.cookies["application_sent"]
    assert cookie["httponly"] and cookie["path"] == page.url and int(cookie["max-age"]) == 7200
    stranger = Client()
    assert "urgent" not in stranger.get(page.url + "thank-you/").content.decode().lower()
    stranger.cookies["application_sent"] = "1"  # unsigned: a guess
    assert "urgent" not in stranger.get(page.url + "thank-you/").content.decode().lower()
    ApplicationSubmission.objects.update(submit_time="2000-01-01T00:00:00Z")
    assert "urgent" not in client.get(page.url + "thank-you/").content.decode().lower()


def test_a_signed_start_time_cannot_be_replayed_with_another_application(client, page):
    first = post_data(page)
    assert client.post(page.url, first).status_code == 302
    replayed = post_data(page, first_name="Bot", form_started=first["form_started"])
    response = Client().post(page.url, replayed)
    assert response.status_code == 200
    assert "press “Send application” again" in soup(response).find(class_="error-summary").text
    assert ApplicationSubmission.objects.count() == 1
    # A start time signed before this change (no token) is asked to be sent again too.
    legacy = spam.signing.Signer(salt=spam.STARTED_SALT).sign(str(int(time.time()) - 60))
    assert Client().post(page.url, post_data(page, form_started=legacy)).status_code == 200
    with override_settings(APPLICATION_MIN_FILL_SECONDS=0):
        assert Client().post(page.url, form_as_posted(response)).status_code == 302
    assert ApplicationSubmission.objects.count() == 2
