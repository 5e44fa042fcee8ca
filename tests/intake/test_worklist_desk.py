"""Around the worklist: the dashboard panel, the desk's email and the exports."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from intake.models import ApplicationSubmission
from intake.permissions import INTAKE_GROUP
from intake.worklist_models import ApplicationStatus
from tests.application_factories import (
    VALID_ANSWERS,
    WARNING_SIGNS,
    build_application_site,
    make_user,
    post_data,
)
from tests.intake.test_worklist import apply

pytestmark = pytest.mark.django_db

# 11:53 pm on November 30 in Jacksonville (America/New_York) is 04:53 UTC on December 1.
LATE_EVENING = timezone.make_aware(datetime.datetime(2026, 11, 30, 23, 53))


@pytest.fixture
def page():
    page = build_application_site()
    page.to_address = "desk@example.com"
    page.save()
    return page


@pytest.fixture
def desk(client):
    client.force_login(make_user("desk", groups=[INTAKE_GROUP], first_name="Dana"))
    return client


def test_the_dashboard_counts_new_and_urgent_and_shows_the_oldest_waiting(page, desk):
    oldest = apply(page, LATE_EVENING)
    apply(page, LATE_EVENING + datetime.timedelta(days=1), **{WARNING_SIGNS: ["Fever"]})
    answered = apply(page, LATE_EVENING - datetime.timedelta(days=9))
    ApplicationSubmission.objects.filter(pk=answered.pk).update(status=ApplicationStatus.BOOKED)

    html = desk.get(reverse("wagtailadmin_home")).content.decode()

    assert "2 new" in html
    assert "1 urgent (warning sign ticked)" in html
    assert f"application {oldest.pk}</a>, received" in html
    assert "Nov 30, 2026, 11:53 p.m." in html


def test_the_dashboard_shows_nothing_of_applications_to_others(page, client):
    apply(page)
    client.force_login(make_user("editor", groups=["Editors"], is_staff=True))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "New patient applications" not in html
    assert "Patient applications" not in html  # nor the menu item


def test_the_desk_email_says_urgent_and_links_to_the_application(page, client):
    client.post(page.url, post_data(page, **{WARNING_SIGNS: ["Fever"]}))
    client.post(page.url, post_data(page, first_name="Ann"))

    urgent, routine = mail.outbox
    urgent_application, routine_application = ApplicationSubmission.objects.order_by("pk")
    assert urgent.subject.startswith("URGENT — warning sign ticked")
    assert not routine.subject.startswith("URGENT")
    assert reverse("intake_application", args=(urgent_application.pk,)) in urgent.body
    assert reverse("intake_application", args=(routine_application.pk,)) in routine.body
    for message in (urgent, routine):
        for answer in ("Fever", "Lopez", "maria@example.com", "Lower back"):
            assert answer not in message.subject + message.body


def export(client, page, export_format):
    url = reverse("wagtailforms:list_submissions", args=(page.pk,))
    response = client.get(url, {"export": export_format})
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def worked_application(page, desk):
    submission = apply(page, LATE_EVENING)
    desk.post(
        reverse("intake_application_note", args=(submission.pk,)), {"text": "Left a voicemail"}
    )
    desk.post(reverse("intake_application_status", args=(submission.pk,)), {"status": "no_answer"})
    return submission


def test_the_csv_export_is_in_local_time_with_status_and_notes(page, desk, worked_application):
    rows = list(csv.DictReader(io.StringIO(export(desk, page, "csv").decode())))
    (row,) = rows
    assert row["Received (America/New_York)"] == "2026-11-30 23:53"
    assert row["First name"] == VALID_ANSWERS["first_name"]
    assert row["Status"] == "No answer"
    assert row["Status set"].endswith("by Dana")
    assert row["Notes"].endswith("Dana: Left a voicemail")


def test_the_xlsx_export_is_in_local_time_with_status_and_notes(page, desk, worked_application):
    sheet = load_workbook(io.BytesIO(export(desk, page, "xlsx"))).active
    headings, values = ([cell.value for cell in row] for row in sheet.iter_rows(max_row=2))
    row = dict(zip(headings, values, strict=True))
    assert row["Received (America/New_York)"] == datetime.datetime(2026, 11, 30, 23, 53)
    assert row["Status"] == "No answer"
    assert "Left a voicemail" in row["Notes"]
